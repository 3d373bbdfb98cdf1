import SwitchboardCore
import SwitchboardServer
import Testing

@Suite struct OAuth1PreparedRequestTests {
    static let endpoint = "https://api.twitter.com/1.1/direct_messages/events/new.json"

    /// The credentials of X's worked example, signing the DM endpoint (no form parameters). The
    /// expected signature was computed independently, with Python's `hmac` and `urllib.parse.quote`.
    @Test func signsTheDMEndpointLikeAnIndependentImplementation() throws {
        let example = try OAuth1SignerTests.example()
        let prepared = try #require(OAuth1PreparedRequest(signer: example.signer, method: "POST", url: Self.endpoint))
        let header = prepared.authorizationHeader(nonce: example.nonce, timestamp: example.timestamp)
        #expect(header.contains("oauth_signature=\"7z%2BnKFSiTmLyKcVzjswQcU%2BGwWY%3D\""))
    }

    /// Same header, byte for byte, as the general signer: for many nonces and times, and for
    /// credentials and URLs that need encoding and normalising.
    @Test(arguments: [
        ("key", "secret", "token", "token-secret", endpoint),
        ("k+y/=", "s&cr%t", "t☃ken", "ts ~._-", "HTTPS://API.Twitter.COM:443/1.1/direct_messages/events/new.json"),
        ("k", "s", "t", "ts", "http://127.0.0.1:8090/1.1/direct_messages/events/new.json"),
    ])
    func headerEqualsTheGeneralSigners(
        consumerKey: String, consumerSecret: String, token: String, tokenSecret: String, url: String
    ) throws {
        let signer = OAuth1Signer(
            credentials: OAuth1Credentials(
                consumerKey: consumerKey, consumerSecret: consumerSecret, token: token, tokenSecret: tokenSecret))
        let prepared = try #require(OAuth1PreparedRequest(signer: signer, method: "post", url: url))
        var random = SeededGenerator(seed: 11)
        for round in 0..<200 {
            let nonce = round == 0 ? "a nonce/with+odd=chars" : OAuth1Signer.makeNonce(using: &random)
            let timestamp = 1_700_000_000 + Int64(round) * 7919
            #expect(
                prepared.authorizationHeader(nonce: nonce, timestamp: timestamp)
                    == signer.authorizationHeader(method: "POST", url: url, nonce: nonce, timestamp: timestamp))
        }
    }

    @Test func headerVerifiesAsXWouldCheckIt() throws {
        let credentials = XCredentials(
            consumerKey: "key", consumerSecret: "secret", accessToken: "token", accessTokenSecret: "token-secret")
        let signer = OAuth1Signer(
            credentials: OAuth1Credentials(
                consumerKey: "key", consumerSecret: "secret", token: "token", tokenSecret: "token-secret"))
        let prepared = try #require(OAuth1PreparedRequest(signer: signer, method: "POST", url: Self.endpoint))
        let header = prepared.authorizationHeader(nonce: "0123456789abcdef0123456789abcdef", timestamp: 1_764_000_000)
        #expect(OAuthHeaderCheck.verifies(header, url: Self.endpoint, form: [:], credentials: credentials))
        #expect(!OAuthHeaderCheck.verifies(header, url: Self.endpoint + "x", form: [:], credentials: credentials))
    }

    /// Query parameters are part of what is signed: such a URL needs the general signer.
    @Test func declinesAURLWithAQuery() throws {
        let example = try OAuth1SignerTests.example()
        #expect(OAuth1PreparedRequest(signer: example.signer, method: "GET", url: Self.endpoint + "?count=50") == nil)
    }
}
