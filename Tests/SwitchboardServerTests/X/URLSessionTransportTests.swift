import SwitchboardServer
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

@Suite struct URLSessionTransportTests {
    static func startFake() throws -> (HTTPServer, String) {
        let server = HTTPServer(configuration: HTTPServerConfiguration(shutdownGracePeriod: .milliseconds(200)), responder: FakeXAPI())
        let port = try server.start()
        return (server, "http://127.0.0.1:\(port)")
    }

    @Test func postsABodyWithHeadersAndReadsTheResponse() async throws {
        let (server, base) = try Self.startFake()
        let transport = URLSessionTransport()
        let response = try await transport.send(
            OutgoingHTTPRequest(
                method: .post, url: base + "/1.1/direct_messages/events/new.json",
                headers: ["Authorization": "OAuth x=\"1\"", "Content-Type": "application/json"], body: Array("{\"a\":1}".utf8)))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "POST /1.1/direct_messages/events/new.json OAuth x=\"1\" {\"a\":1}")
        #expect(response.headers["content-type"] == "text/plain; charset=utf-8")
        await server.shutdown()
    }

    @Test func nonSuccessStatusesAreResponsesNotErrors() async throws {
        let (server, base) = try Self.startFake()
        let response = try await URLSessionTransport().send(OutgoingHTTPRequest(method: .get, url: base + "/limited"))
        #expect(response.status == 429)
        #expect(response.headers["x-rate-limit-reset"] == "1700000100")
        await server.shutdown()
    }

    @Test func slowServerTimesOut() async throws {
        let (server, base) = try Self.startFake()
        await #expect(throws: HTTPTransportError.timedOut(.milliseconds(300))) {
            try await URLSessionTransport().send(OutgoingHTTPRequest(method: .get, url: base + "/slow", timeout: .milliseconds(300)))
        }
        await server.shutdown()
    }

    @Test func refusedConnectionIsATransportError() async throws {
        let (server, base) = try Self.startFake()
        await server.shutdown()
        await #expect(throws: HTTPTransportError.self) {
            try await URLSessionTransport().send(OutgoingHTTPRequest(method: .get, url: base + "/", timeout: .seconds(2)))
        }
    }

    @Test(arguments: ["not a url", "ftp://example.com/x", "/relative"])
    func invalidURLsAreRejectedBeforeSending(url: String) async {
        await #expect(throws: HTTPTransportError.invalidURL(url)) {
            try await URLSessionTransport().send(OutgoingHTTPRequest(method: .get, url: url))
        }
    }
}
