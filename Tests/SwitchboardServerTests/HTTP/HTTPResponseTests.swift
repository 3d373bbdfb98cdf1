import SwitchboardServer
import Testing

@Suite struct HTTPResponseTests {
    @Test func serializesStatusHeadersLengthAndBody() {
        let response = HTTPResponse.text("hi", status: .ok)
        let text = String(decoding: response.serialized(keepAlive: true), as: UTF8.self)
        #expect(text == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n\r\nhi")
    }

    @Test func closingResponsesSayConnectionClose() {
        let text = String(decoding: HTTPResponse(status: .badRequest).serialized(keepAlive: false), as: UTF8.self)
        #expect(text == "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    }

    @Test func http10KeepAliveIsAnnounced() {
        let text = String(decoding: HTTPResponse(status: .noContent).serialized(keepAlive: true, version: .http1_0), as: UTF8.self)
        #expect(text.contains("Connection: keep-alive\r\n"))
    }

    @Test func headResponsesOmitTheBodyButKeepItsLength() {
        let text = String(decoding: HTTPResponse.text("hello").serialized(keepAlive: true, includeBody: false), as: UTF8.self)
        #expect(text.hasSuffix("Content-Length: 5\r\n\r\n"))
    }

    @Test func headerInjectionAndCallerFramingHeadersAreDropped() {
        var response = HTTPResponse(status: .ok, body: Array("x".utf8))
        response.headers.add(name: "X-Evil", value: "a\r\nSet-Cookie: b")
        response.headers.add(name: "Content-Length", value: "999")
        response.headers.add(name: "X-Fine", value: "ok")
        let text = String(decoding: response.serialized(keepAlive: true), as: UTF8.self)
        #expect(!text.contains("Set-Cookie"))
        #expect(!text.contains("999"))
        #expect(text.contains("X-Fine: ok\r\n"))
    }

    @Test func serializedResponsesParseBackWithTheSameBody() {
        // The response grammar mirrors the request grammar closely enough to check framing.
        let bytes = HTTPResponse.json(Array("{\"a\":1}".utf8)).serialized(keepAlive: true)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("\r\n\r\n{\"a\":1}"))
        #expect(text.contains("Content-Length: 7\r\n"))
    }
}
