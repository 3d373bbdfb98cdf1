import SwitchboardServer
import Testing

@Suite struct HTTPHeadersTests {
    @Test func lookupIsCaseInsensitive() {
        let headers: HTTPHeaders = ["X-Twitter-Webhooks-Signature": "sha256=abc"]
        #expect(headers["x-twitter-webhooks-signature"] == "sha256=abc")
        #expect(headers["X-TWITTER-WEBHOOKS-SIGNATURE"] == "sha256=abc")
        #expect(headers["x-twitter-webhooks-signaturE2"] == nil)
    }

    @Test func replaceOrAddKeepsOneField() {
        var headers: HTTPHeaders = ["A": "1", "a": "2", "B": "3"]
        headers.replaceOrAdd(name: "A", value: "9")
        #expect(headers.values(for: "a") == ["9"])
        #expect(headers.count == 2)
    }

    @Test func listTokensAreSplitTrimmedAndLowerCased() {
        let headers: HTTPHeaders = ["Connection": " Keep-Alive ,Upgrade,, ", "connection": "CLOSE"]
        #expect(headers.tokens(for: "connection") == ["keep-alive", "upgrade", "close"])
    }
}
