import SwitchboardServer
import Testing

@Suite struct HTTPRequestTests {
    @Test func queryParametersArePercentDecoded() {
        let request = HTTPRequest(method: .get, target: "/webhooks/x?a=1&crc_token=ab%2Bc%3D%3D+d&empty")
        #expect(request.queryParameter("crc_token") == "ab+c== d")
        #expect(request.queryParameter("a") == "1")
        #expect(request.queryParameter("empty") == "")
        #expect(request.queryParameter("missing") == nil)
    }

    @Test func malformedEscapesGiveNilInsteadOfAGuess() {
        #expect(HTTPRequest(method: .get, target: "/?t=%zz").queryParameter("t") == nil)
        #expect(HTTPRequest(method: .get, target: "/?t=%4").queryParameter("t") == nil)
        #expect(HTTPRequest(method: .get, target: "/?t=%ff").queryParameter("t") == nil)
    }

    @Test func originFormTargetsYieldTheirPathWithoutQueryOrFragment() {
        #expect(HTTPRequest(method: .get, target: "/webhooks/x").path == "/webhooks/x")
        #expect(HTTPRequest(method: .get, target: "/webhooks/x?crc_token=a").path == "/webhooks/x")
        #expect(HTTPRequest(method: .get, target: "/a#frag?x").path == "/a")
        #expect(HTTPRequest(method: .get, target: "/caf\u{E9}/?q").path == "/caf\u{E9}/")
        #expect(HTTPRequest(method: .get, target: "/?").path == "/")
        #expect(HTTPRequest(method: .get, target: "*").path == "*")
    }

    @Test func absoluteFormTargetsYieldTheirPath() {
        #expect(HTTPRequest(method: .get, target: "http://example.com/a/b?x=1").path == "/a/b")
        #expect(HTTPRequest(method: .get, target: "http://example.com").path == "/")
        #expect(HTTPRequest(method: .get, target: "/a").query == nil)
    }
}
