import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A blocking TCP client for socket tests. Use it inside `offThread { }` so a blocked read never
/// occupies the Swift concurrency pool that the server's handlers need.
/// `@unchecked Sendable`: a test hands a client between threads but uses it from one at a time.
final class TestClient: @unchecked Sendable {
    /// One response as read off the wire.
    struct Response: Sendable {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let descriptor: Int32
    private var buffered: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; reads give up after `receiveTimeout`.
    init(port: Int, receiveTimeout: Duration = .seconds(5)) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        // No close here on failure: deinit runs for a fully initialised object that throws, and a
        // second close could hit a descriptor number another test has reused meanwhile.
        guard connected == 0 else { throw Failure(description: "connect: errno \(errno)") }
        let (seconds, attoseconds) = receiveTimeout.components
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        if descriptor >= 0 { Glibc.close(descriptor) }
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(description: "send: errno \(errno)") }
            offset += sent
        }
    }

    /// Shuts the write side, as a client does after sending everything.
    func finishSending() {
        Glibc.shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Reads one response; nil if the server closed before sending one.
    func readResponse() throws -> Response? {
        var headEnd: Int?
        while headEnd == nil {
            headEnd = findHeadEnd()
            if headEnd == nil {
                guard try fill() else {
                    if buffered.isEmpty { return nil }
                    throw Failure(description: "closed mid-response: \(String(decoding: buffered, as: UTF8.self))")
                }
            }
        }
        guard let headEnd else { return nil }
        let head = String(decoding: buffered[0..<headEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure(description: "bad status line in \(head)") }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            let parts = line.split(separator: ":", maxSplits: 1)
            headers[parts[0].lowercased()] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        }
        buffered.removeFirst(headEnd + 4)
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffered.count < length {
            guard try fill() else { throw Failure(description: "closed mid-body") }
        }
        let body = Array(buffered.prefix(length))
        buffered.removeFirst(length)
        return Response(status: status, headers: headers, body: body)
    }

    /// True when the server has closed the connection (reads EOF, or a reset), after discarding
    /// whatever it sent first. Waits at most the receive timeout.
    func isClosedByServer() -> Bool {
        var scratch = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<1000 {
            let received = scratch.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if received == 0 { return true }
            if received < 0 { return errno == ECONNRESET }
        }
        return false
    }

    /// True if the server closed the connection already, without waiting.
    func closedWithoutWaiting() -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 0) == 1 else { return false }
        return isClosedByServer()
    }

    private func fill() throws -> Bool {
        var scratch = [UInt8](repeating: 0, count: 65536)
        let received = scratch.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if received == 0 { return false }
        if received < 0 {
            if errno == ECONNRESET { return false }
            throw Failure(description: "recv: errno \(errno) (timeout?)")
        }
        buffered.append(contentsOf: scratch[0..<received])
        return true
    }

    private func findHeadEnd() -> Int? {
        guard buffered.count >= 4 else { return nil }
        for index in 0...(buffered.count - 4)
        where buffered[index] == 13 && buffered[index + 1] == 10 && buffered[index + 2] == 13 && buffered[index + 3] == 10 {
            return index
        }
        return nil
    }
}

/// Runs blocking client code on its own thread and awaits the result.
func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
        }
        thread.start()
    }
}

extension TestClient {
    /// Reads up to the end of a response head and returns it as text (for HEAD answers).
    func readResponseHeadOnly() throws -> String {
        var head: [UInt8] = []
        var byte: UInt8 = 0
        while !(head.count >= 4 && head.suffix(4) == [13, 10, 13, 10]) {
            guard recv(descriptor, &byte, 1, 0) == 1 else { throw Failure(description: "closed in head") }
            head.append(byte)
        }
        return String(decoding: head, as: UTF8.self)
    }
}
