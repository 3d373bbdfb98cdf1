import Foundation
import Synchronization
@testable import SwitchboardServer
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP server on 127.0.0.1 that answers each connection with a script, to put the client in
/// the situations a real server rarely shows on demand (idle close, silence, oversize answers).
final class ScriptedServer: Sendable {
    /// Reads one request head and body (by Content-Length); nil when the peer closed first.
    typealias ReadRequest = @Sendable () -> String?
    typealias Script = @Sendable (_ connection: Int, _ read: ReadRequest, _ write: @Sendable (String) -> Void) -> Void

    let port: Int
    private let listener: Int32
    let connections = Atomic<Int>(0)
    let requests = Mutex<[String]>([])

    init(_ script: @escaping Script) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        guard bound == 0, listen(descriptor, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = descriptor
        let thread = Thread { [self] in
            while true {
                let client = accept(descriptor, nil, nil)
                guard client >= 0 else {
                    close(descriptor)  // only here, so the number cannot be reused while we accept
                    return
                }
                let number = connections.add(1, ordering: .relaxed).newValue
                let worker = Thread { [self] in
                    let buffer = PendingBytes()
                    let read: ReadRequest = { [self] in
                        guard let request = Self.readRequest(client, buffer) else { return nil }
                        requests.withLock { $0.append(request) }
                        return request
                    }
                    script(number, read, { text in _ = text.withCString { send(client, $0, strlen($0), Int32(MSG_NOSIGNAL)) } })
                    close(client)
                }
                worker.start()
            }
        }
        thread.start()
    }

    /// Wakes the accepting thread, which closes the listener.
    func stop() { shutdown(listener, Int32(SHUT_RDWR)) }

    /// Bytes read past the last request; used by its connection's thread only.
    final class PendingBytes: @unchecked Sendable {
        var bytes: [UInt8] = []
    }

    private static func readRequest(_ client: Int32, _ pending: PendingBytes) -> String? {
        var bytes = pending.bytes
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)) {
                let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self)
                let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].filter { $0 != " " }) } ?? 0
                let total = end.upperBound + length
                if bytes.count >= total {
                    pending.bytes = Array(bytes[total...])
                    return String(decoding: bytes[..<total], as: UTF8.self)
                }
            }
            let count = recv(client, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}

@Suite struct PlainHTTPTransportTests {
    static func post(_ transport: PlainHTTPTransport, _ port: Int, _ body: String, timeout: Duration = .seconds(5)) async throws -> HTTPClientResponse {
        try await transport.send(
            OutgoingHTTPRequest(method: .post, url: "http://127.0.0.1:\(port)/x", body: Array(body.utf8), timeout: timeout))
    }

    @Test func aKeptAliveConnectionCarriesTheNextRequest() async throws {
        let server = try ScriptedServer { _, read, write in
            while read() != nil { write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") }
        }
        defer { server.stop() }
        let transport = PlainHTTPTransport(workers: 1, idleTimeout: .seconds(600))
        for index in 0..<5 {
            #expect(try await Self.post(transport, server.port, "m\(index)").body == Array("ok".utf8))
        }
        #expect(server.connections.load(ordering: .relaxed) == 1)
        let sent = server.requests.withLock { $0 }
        #expect(sent.count == 5)
        #expect(sent.first?.hasPrefix("POST /x HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nContent-Length: 2\r\n\r\nm0") == true)
    }

    @Test func aConnectionTheServerClosedWhileIdleIsReplacedAndTheRequestSentOnce() async throws {
        // The server answers one request per connection without saying so (no Connection: close).
        let server = try ScriptedServer { _, read, write in
            if read() != nil { write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") }
        }
        defer { server.stop() }
        let transport = PlainHTTPTransport(workers: 1, idleTimeout: .seconds(600))
        for index in 0..<3 {
            #expect(try await Self.post(transport, server.port, "m\(index)").status == 200)
        }
        #expect(server.connections.load(ordering: .relaxed) == 3)
        #expect(server.requests.withLock { $0.map { $0.suffix(2) } } == ["m0", "m1", "m2"])
    }

    @Test func aReusedConnectionThatClosesBeforeAnyAnswerIsTriedOnceMoreOnANewOne() async throws {
        // Connection 1 answers the first request, then closes on the second without a byte; the
        // client cannot tell that from an idle close, so it sends it again on connection 2.
        let server = try ScriptedServer { connection, read, write in
            if connection == 1 {
                if read() != nil { write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") }
                _ = read()
            } else {
                while read() != nil { write("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nnew") }
            }
        }
        defer { server.stop() }
        let transport = PlainHTTPTransport(workers: 1, idleTimeout: .seconds(600))
        _ = try await Self.post(transport, server.port, "m1")
        #expect(try await Self.post(transport, server.port, "m2").body == Array("new".utf8))
        #expect(server.connections.load(ordering: .relaxed) == 2)
        #expect(server.requests.withLock { $0.map { $0.suffix(2) } } == ["m1", "m2", "m2"])
    }

    @Test func theRetryHappensAtMostOnce() async throws {
        let server = try ScriptedServer { connection, read, write in
            if connection == 1, read() != nil { write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") }
            _ = read()  // then every connection closes without an answer
        }
        defer { server.stop() }
        let transport = PlainHTTPTransport(workers: 1, idleTimeout: .seconds(600))
        _ = try await Self.post(transport, server.port, "m1")
        await #expect(throws: HTTPTransportError.self) { try await Self.post(transport, server.port, "m2") }
        #expect(server.connections.load(ordering: .relaxed) == 2)
    }

    @Test func connectionCloseIsHonoured() async throws {
        let server = try ScriptedServer { _, read, write in
            while read() != nil { write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n") }
        }
        defer { server.stop() }
        let transport = PlainHTTPTransport(workers: 1, idleTimeout: .seconds(600))
        _ = try await Self.post(transport, server.port, "a")
        _ = try await Self.post(transport, server.port, "b")
        #expect(server.connections.load(ordering: .relaxed) == 2)
    }

    @Test func aServerThatReadsButNeverAnswersTimesOut() async throws {
        let server = try ScriptedServer { _, read, _ in
            _ = read()
            Thread.sleep(forTimeInterval: 2)
        }
        defer { server.stop() }
        await #expect(throws: HTTPTransportError.timedOut(.milliseconds(300))) {
            try await Self.post(PlainHTTPTransport(workers: 1, idleTimeout: .seconds(600)), server.port, "x", timeout: .milliseconds(300))
        }
    }

    @Test func aServerThatClosesWithoutAnAnswerOnAFreshConnectionIsAFailureNotARetry() async throws {
        let server = try ScriptedServer { _, read, _ in _ = read() }
        defer { server.stop() }
        await #expect(throws: HTTPTransportError.connectionFailed("the server closed the connection before answering")) {
            try await Self.post(PlainHTTPTransport(workers: 1, idleTimeout: .seconds(600)), server.port, "x")
        }
        #expect(server.requests.withLock { $0.count } == 1)
    }

    @Test func anOversizedAnswerIsCutOff() async throws {
        let server = try ScriptedServer { _, read, write in
            _ = read()
            write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + String(repeating: "z", count: 100))
        }
        defer { server.stop() }
        await #expect(throws: HTTPTransportError.responseTooLarge(limit: 10)) {
            try await PlainHTTPTransport(workers: 1, maxResponseBytes: 10).send(
                OutgoingHTTPRequest(method: .get, url: "http://127.0.0.1:\(server.port)/"))
        }
    }

    @Test func aHeaderValueWithALineBreakIsNeverSent() async throws {
        let server = try ScriptedServer { _, read, write in
            while read() != nil { write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") }
        }
        defer { server.stop() }
        await #expect(throws: HTTPTransportError.self) {
            try await PlainHTTPTransport(workers: 1, idleTimeout: .seconds(600)).send(
                OutgoingHTTPRequest(method: .get, url: "http://127.0.0.1:\(server.port)/", headers: ["X-A": "1\r\nX-Injected: 1"]))
        }
        #expect(server.requests.withLock { $0.isEmpty })
    }

    /// The exact bytes written: request line, our Host, the caller's fields in order (but not the
    /// ones the client owns, in any letter case), Content-Length, then the body.
    @Test func theRequestIsWrittenWithTheClientsOwnFramingFields() throws {
        let url = try #require(PlainHTTPURL("http://127.0.0.1:8090/1.1/x.json?a=b"))
        let request = OutgoingHTTPRequest(
            method: .post, url: "http://127.0.0.1:8090/1.1/x.json?a=b",
            headers: ["Authorization": "OAuth x=\"1\"", "HOST": "evil", "content-LENGTH": "999", "Connection": "close",
                      "Transfer-Encoding": "chunked", "Content-Type": "application/json", "Hosts": "kept"],
            body: Array("{}".utf8))
        let text = String(decoding: try PlainHTTPTransport.message(of: request, url: url), as: UTF8.self)
        #expect(text == "POST /1.1/x.json?a=b HTTP/1.1\r\nHost: 127.0.0.1:8090\r\nAuthorization: OAuth x=\"1\"\r\n"
            + "Content-Type: application/json\r\nHosts: kept\r\nContent-Length: 2\r\n\r\n{}")
        let get = OutgoingHTTPRequest(method: .get, url: "http://127.0.0.1:8090/")
        #expect(String(decoding: try PlainHTTPTransport.message(of: get, url: url), as: UTF8.self)
            == "GET /1.1/x.json?a=b HTTP/1.1\r\nHost: 127.0.0.1:8090\r\n\r\n")
    }

    @Test func closingTheQueueFailsWhatIsStillWaitingAndStopsTheWorkers() async throws {
        let queue = ClientWorkQueue()
        let url = try #require(PlainHTTPURL("http://127.0.0.1:1/"))
        await #expect(throws: HTTPTransportError.connectionFailed("the HTTP client is shut down")) {
            try await withCheckedThrowingContinuation { continuation in
                queue.push(ClientJob(request: OutgoingHTTPRequest(method: .get, url: "http://127.0.0.1:1/"), url: url, bytes: [], continuation: continuation))
                queue.close()
            }
        }
        #expect(queue.take() == nil)
        #expect(queue.take() == nil)  // every worker sees the close, not only the first
    }
}
