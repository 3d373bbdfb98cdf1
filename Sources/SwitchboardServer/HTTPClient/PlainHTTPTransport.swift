import Foundation
import Synchronization

/// `HTTPTransport` for `http://` URLs, written here on POSIX sockets: HTTP/1.1 with kept-alive
/// connections, one request per connection at a time, every exchange bounded by its timeout.
///
/// Why: the outbox sends one request per reply, and URLSession (libcurl, dispatch timers and
/// queues) cost more CPU than the rest of a reply. This client is used when the API base is plain
/// HTTP — a local fake of X in tests and benchmarks, or an egress proxy that adds TLS in
/// production; `https://` URLs go to URLSession (see `StandardHTTPTransport`).
///
/// Requests run on a small pool of worker threads (blocking calls would stall Swift's
/// cooperative pool); each worker keeps its own idle connection per host.
public final class PlainHTTPTransport: HTTPTransport {
    /// Requests in flight at once (and at most this many connections per host); the outbox
    /// sender runs 16 deliveries at a time.
    public static let defaultWorkers = 16
    /// An idle connection is not reused after this (it is closed instead): servers commonly drop
    /// idle ones after 5 s or more, so we stop first.
    public static let defaultIdleTimeout: Duration = .seconds(4)

    private let queue: ClientWorkQueue

    public init(
        workers: Int = PlainHTTPTransport.defaultWorkers, maxResponseBytes: Int = URLSessionTransport.defaultMaxResponseBytes,
        idleTimeout: Duration = PlainHTTPTransport.defaultIdleTimeout
    ) {
        let queue = ClientWorkQueue()
        self.queue = queue
        let limits = HTTPResponseParser.Limits(maxBodyBytes: maxResponseBytes)
        for index in 0..<max(1, workers) {
            let thread = Thread {
                Thread.current.name = "sb-client-\(index)"  // from inside: Foundation names the OS thread only then
                Self.work(queue, limits: limits, idleTimeout: idleTimeout)
            }
            thread.start()
        }
    }

    deinit { queue.close() }

    public func send(_ request: OutgoingHTTPRequest) async throws -> HTTPClientResponse {
        guard let url = parsedURL(request.url) else { throw HTTPTransportError.invalidURL(request.url) }
        let bytes = try Self.message(of: request, url: url)
        return try await withCheckedThrowingContinuation { continuation in
            queue.push(ClientJob(request: request, url: url, bytes: bytes, continuation: continuation))
        }
    }

    /// The last URL parsed: the outbox sends every reply to the same endpoint, so it is parsed once.
    private let lastURL = Mutex<(text: String, url: PlainHTTPURL)?>(nil)

    private func parsedURL(_ text: String) -> PlainHTTPURL? {
        if let last = lastURL.withLock({ $0 }), last.text == text { return last.url }
        guard let url = PlainHTTPURL(text) else { return nil }
        lastURL.withLock { $0 = (text, url) }
        return url
    }

    /// Request line, header fields and body, ready to write. `Host`, `Content-Length` and
    /// `Connection` are ours to set. Built as bytes in one buffer: this runs for every reply.
    static func message(of request: OutgoingHTTPRequest, url: PlainHTTPURL) throws(HTTPTransportError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 + url.target.utf8.count + url.hostField.utf8.count + request.body.count
            + request.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 })
        bytes.append(contentsOf: request.method.rawValue.utf8)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: url.target.utf8)
        bytes.append(contentsOf: " HTTP/1.1\r\nHost: ".utf8)
        bytes.append(contentsOf: url.hostField.utf8)
        bytes.append(contentsOf: "\r\n".utf8)
        for field in request.headers {
            if Self.isOurs(field.name) { continue }
            // A line break in a field would let it smuggle another header or request.
            guard !field.name.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == UInt8(ascii: ":") }),
                !field.value.utf8.contains(where: { $0 == 13 || $0 == 10 })
            else {
                throw .connectionFailed("header field '\(field.name)' contains a line break or colon; not sent")
            }
            bytes.append(contentsOf: field.name.utf8)
            bytes.append(contentsOf: ": ".utf8)
            bytes.append(contentsOf: field.value.utf8)
            bytes.append(contentsOf: "\r\n".utf8)
        }
        if !request.body.isEmpty || request.method == .post || request.method == .put || request.method == .patch {
            bytes.append(contentsOf: "Content-Length: ".utf8)
            bytes.append(contentsOf: String(request.body.count).utf8)
            bytes.append(contentsOf: "\r\n".utf8)
        }
        bytes.append(contentsOf: "\r\n".utf8)
        bytes.append(contentsOf: request.body)
        return bytes
    }

    private static let ourFields = ["host", "content-length", "connection", "transfer-encoding"]

    /// The fields the client sets itself, in any letter case.
    static func isOurs(_ name: String) -> Bool {
        ourFields.contains { ours in
            name.utf8.count == ours.utf8.count
                && zip(name.utf8, ours.utf8).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
        }
    }

    /// A worker: takes jobs until the queue closes, keeping one idle connection per host.
    private static func work(_ queue: ClientWorkQueue, limits: HTTPResponseParser.Limits, idleTimeout: Duration) {
        var idle: [String: ClientConnection] = [:]
        while let job = queue.take() {
            let result = Result { () throws(HTTPTransportError) -> HTTPClientResponse in
                try exchange(job, limits: limits, idleTimeout: idleTimeout, idle: &idle)
            }
            job.continuation.resume(with: result.mapError { $0 as any Error })
        }
    }

    /// One request and its response. A kept-alive connection that turns out to be closed before
    /// any byte of the answer (the server dropped it while idle) is replaced once: the server
    /// never read the request, so sending it again cannot make it act twice.
    static func exchange(
        _ job: ClientJob, limits: HTTPResponseParser.Limits, idleTimeout: Duration, idle: inout [String: ClientConnection]
    ) throws(HTTPTransportError) -> HTTPClientResponse {
        let deadline = ContinuousClock.now + job.request.timeout
        let key = "\(job.url.host):\(job.url.port)"
        for attempt in 0..<2 {
            var connection = idle.removeValue(forKey: key)
            if let reused = connection, !(reused.isReusable && ContinuousClock.now - reused.idleSince < idleTimeout) {
                connection = nil  // closed by deinit
            }
            let reused = connection != nil
            let live: ClientConnection
            if let connection {
                live = connection
            } else {
                live = try ClientConnection.connect(host: job.url.host, port: job.url.port, deadline: deadline)
            }
            var parser = HTTPResponseParser(limits: limits, requestWasHead: job.request.method == .head)
            do {
                try live.write(job.bytes, deadline: deadline)
                let complete = try live.readResponse(into: &parser, deadline: deadline)
                if complete.keepAlive {
                    live.idleSince = .now
                    idle[key] = live
                }
                return complete.response
            } catch {
                switch error {
                case .closedBeforeResponse where reused && attempt == 0, .failed(_, sentNothing: true) where reused && attempt == 0:
                    continue
                case .closedBeforeResponse:
                    throw .connectionFailed(HTTPResponseParseError.closedBeforeResponse.description)
                case .timedOut:
                    throw .timedOut(job.request.timeout)
                case .failed(let reason, _):
                    throw .connectionFailed(reason)
                case .malformed(.bodyTooLarge(let limit)):
                    throw .responseTooLarge(limit: limit)
                case .malformed(let problem):
                    throw .connectionFailed(problem.description)
                }
            }
        }
        throw .connectionFailed(HTTPResponseParseError.closedBeforeResponse.description)
    }
}

/// A request waiting for a worker.
struct ClientJob: Sendable {
    var request: OutgoingHTTPRequest
    var url: PlainHTTPURL
    /// The request's head and body, ready to write.
    var bytes: [UInt8]
    var continuation: CheckedContinuation<HTTPClientResponse, any Error>
}

/// First-in, first-out jobs for the worker threads; closing it fails what is still waiting.
final class ClientWorkQueue: Sendable {
    private struct State {
        var jobs: [ClientJob] = []
        var head = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)
    private let workersToWake = Atomic<Int>(0)

    func push(_ job: ClientJob) {
        let accepted = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.jobs.append(job)
            return true
        }
        guard accepted else {
            job.continuation.resume(throwing: HTTPTransportError.connectionFailed("the HTTP client is shut down"))
            return
        }
        available.signal()
    }

    /// The next job, waiting for one; nil once the queue is closed.
    func take() -> ClientJob? {
        while true {
            available.wait()
            let next = state.withLock { state -> (job: ClientJob?, closed: Bool) in
                guard state.head < state.jobs.count else { return (nil, state.closed) }
                let job = state.jobs[state.head]
                state.head += 1
                if state.head == state.jobs.count {
                    state.jobs.removeAll(keepingCapacity: true)
                    state.head = 0
                }
                return (job, false)
            }
            if let job = next.job { return job }
            if next.closed {
                available.signal()  // wake the next worker so it sees the close too
                return nil
            }
        }
    }

    func close() {
        let pending = state.withLock { state -> [ClientJob] in
            state.closed = true
            defer { state.jobs.removeAll(); state.head = 0 }
            return Array(state.jobs[state.head...])
        }
        for job in pending {
            job.continuation.resume(throwing: HTTPTransportError.connectionFailed("the HTTP client is shut down"))
        }
        available.signal()
    }
}
