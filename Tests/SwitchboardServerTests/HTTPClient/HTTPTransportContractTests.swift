import SwitchboardServer
#if canImport(Glibc)
    import Glibc
#endif
import Testing

/// A fake X API on 127.0.0.1: echoes method, auth and body; `/slow` answers after a delay.
private struct FakeXAPI: HTTPResponder {
    func respond(to request: HTTPRequest) async -> HTTPResponse {
        switch request.path {
        case "/slow":
            try? await Task.sleep(for: .seconds(3))
            return .text("late")
        case "/limited":
            return HTTPResponse(status: .tooManyRequests, headers: ["x-rate-limit-reset": "1700000100"])
        default:
            let auth = request.headers["authorization"] ?? "-"
            return .text("\(request.method) \(request.target) \(auth) \(String(decoding: request.body, as: UTF8.self))", status: .ok)
        }
    }
}

/// The same contract for both outbound clients: URLSession (https in production) and the
/// built-in keep-alive client (plain http).
@Suite struct HTTPTransportContractTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case urlSession, plain
        var testDescription: String { rawValue }
        func make() -> any HTTPTransport {
            switch self {
            case .urlSession: URLSessionTransport()
            case .plain: PlainHTTPTransport(workers: 2)
            }
        }
    }

    static func startFake() throws -> (HTTPServer, String) {
        let server = HTTPServer(configuration: HTTPServerConfiguration(shutdownGracePeriod: .milliseconds(200)), responder: FakeXAPI())
        let port = try server.start()
        return (server, "http://127.0.0.1:\(port)")
    }

    @Test(arguments: Kind.allCases)
    func postsABodyWithHeadersAndReadsTheResponse(kind: Kind) async throws {
        let (server, base) = try Self.startFake()
        let transport = kind.make()
        let response = try await transport.send(
            OutgoingHTTPRequest(
                method: .post, url: base + "/1.1/direct_messages/events/new.json",
                headers: ["Authorization": "OAuth x=\"1\"", "Content-Type": "application/json"], body: Array("{\"a\":1}".utf8)))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "POST /1.1/direct_messages/events/new.json OAuth x=\"1\" {\"a\":1}")
        #expect(response.headers["content-type"] == "text/plain; charset=utf-8")
        await server.shutdown()
    }

    @Test(arguments: Kind.allCases)
    func nonSuccessStatusesAreResponsesNotErrors(kind: Kind) async throws {
        let (server, base) = try Self.startFake()
        let response = try await kind.make().send(OutgoingHTTPRequest(method: .get, url: base + "/limited"))
        #expect(response.status == 429)
        #expect(response.headers["x-rate-limit-reset"] == "1700000100")
        await server.shutdown()
    }

    @Test(arguments: Kind.allCases)
    func slowServerTimesOut(kind: Kind) async throws {
        let (server, base) = try Self.startFake()
        await #expect(throws: HTTPTransportError.timedOut(.milliseconds(300))) {
            try await kind.make().send(OutgoingHTTPRequest(method: .get, url: base + "/slow", timeout: .milliseconds(300)))
        }
        await server.shutdown()
    }

    @Test(arguments: Kind.allCases)
    func refusedConnectionIsATransportError(kind: Kind) async throws {
        // A port bound but not listening refuses connections, and no other test can take it.
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        try #require(bound == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        let base = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
        await #expect(throws: HTTPTransportError.self) {
            try await kind.make().send(OutgoingHTTPRequest(method: .get, url: base + "/", timeout: .seconds(2)))
        }
    }

    @Test(arguments: Kind.allCases, ["not a url", "ftp://example.com/x", "/relative"])
    func invalidURLsAreRejectedBeforeSending(kind: Kind, url: String) async {
        await #expect(throws: HTTPTransportError.invalidURL(url)) {
            try await kind.make().send(OutgoingHTTPRequest(method: .get, url: url))
        }
    }

    @Test(arguments: Kind.allCases)
    func concurrentRequestsEachGetTheirOwnAnswer(kind: Kind) async throws {
        let (server, base) = try Self.startFake()
        let transport = kind.make()
        let answers = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<200 {
                group.addTask {
                    let response = try await transport.send(
                        OutgoingHTTPRequest(method: .post, url: base + "/echo", body: Array("request \(index)".utf8)))
                    return (index, String(decoding: response.body, as: UTF8.self))
                }
            }
            var answers: [Int: String] = [:]
            for try await (index, body) in group { answers[index] = body }
            return answers
        }
        #expect(answers.count == 200)
        for (index, body) in answers {
            #expect(body == "POST /echo - request \(index)")
        }
        await server.shutdown()
    }
}
