import SwitchboardCore
import SwitchboardServer
import Testing

@Suite struct OAuth1SignerTests {
    /// X's "Creating a signature" worked example (fixture oauth1-signature.json).
    struct Example {
        var method: String
        var url: String
        var requestParameters: [(String, String)]
        var nonce: String
        var timestamp: Int64
        var signer: OAuth1Signer
        var baseString: String
        var signingKey: String
        var signature: String
    }

    static func example() throws -> Example {
        let object = try Fixtures.json("oauth1-signature.json")
        let params = try #require(object["params"] as? [String: String])
        let signer = OAuth1Signer(
            credentials: OAuth1Credentials(
                consumerKey: try #require(params["oauth_consumer_key"]), consumerSecret: try #require(object["consumer_secret"] as? String),
                token: try #require(params["oauth_token"]), tokenSecret: try #require(object["token_secret"] as? String)))
        return Example(
            method: try #require(object["method"] as? String), url: try #require(object["url"] as? String),
            requestParameters: params.filter { !$0.key.hasPrefix("oauth_") }.map { ($0.key, $0.value) },
            nonce: try #require(params["oauth_nonce"]), timestamp: try #require(params["oauth_timestamp"].flatMap { Int64($0) }),
            signer: signer, baseString: try #require(object["signature_base_string"] as? String),
            signingKey: try #require(object["signing_key"] as? String), signature: try #require(object["oauth_signature"] as? String))
    }

    @Test func signatureBaseStringMatchesXsExample() throws {
        let example = try Self.example()
        let parameters = example.signer.protocolParameters(nonce: example.nonce, timestamp: example.timestamp) + example.requestParameters
        #expect(example.signer.signatureBaseString(method: example.method, url: example.url, parameters: parameters) == example.baseString)
    }

    @Test func signingKeyAndSignatureMatchXsExample() throws {
        let example = try Self.example()
        let parameters = example.signer.protocolParameters(nonce: example.nonce, timestamp: example.timestamp) + example.requestParameters
        #expect(example.signer.signingKey == example.signingKey)
        #expect(example.signer.signature(method: example.method, url: example.url, parameters: parameters) == example.signature)
    }

    @Test func authorizationHeaderCarriesTheEncodedSignature() throws {
        let example = try Self.example()
        let header = example.signer.authorizationHeader(
            method: example.method, url: example.url, formParameters: example.requestParameters, nonce: example.nonce,
            timestamp: example.timestamp)
        #expect(header.hasPrefix("OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\", oauth_nonce="))
        #expect(header.contains("oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\""))
        #expect(header.contains("oauth_signature_method=\"HMAC-SHA1\""))
        #expect(header.hasSuffix("oauth_version=\"1.0\""))
    }

    @Test func queryParametersInTheURLAreSignedLikeFormParameters() throws {
        let example = try Self.example()
        let oauth = example.signer.protocolParameters(nonce: example.nonce, timestamp: example.timestamp)
        let url = "HTTPS://API.Twitter.com:443/1.1/statuses/update.json?include_entities=true&status=Hello+Ladies+%2B+Gentlemen%2C+a+signed+OAuth+request%21"
        #expect(example.signer.signature(method: "post", url: url, parameters: oauth) == example.signature)
    }

    @Test(arguments: [
        ("Ladies + Gentlemen", "Ladies%20%2B%20Gentlemen"),
        ("An encoded string!", "An%20encoded%20string%21"),
        ("Dogs, Cats & Mice", "Dogs%2C%20Cats%20%26%20Mice"),
        ("☃", "%E2%98%83"),
        ("-._~AZaz09", "-._~AZaz09"),
        ("*'()/:=?", "%2A%27%28%29%2F%3A%3D%3F"),
    ])
    func percentEncodingFollowsRFC3986(plain: String, encoded: String) {
        #expect(PercentEncoding.encode(plain) == encoded)
    }

    @Test func noncesAreAlphanumericAndReproducibleFromASeed() {
        var first = SeededGenerator(seed: 7)
        var second = SeededGenerator(seed: 7)
        let nonce = OAuth1Signer.makeNonce(using: &first)
        #expect(nonce.count == 32)
        #expect(nonce.allSatisfy { $0.isLetter || $0.isNumber })
        #expect(nonce == OAuth1Signer.makeNonce(using: &second))
        #expect(nonce != OAuth1Signer.makeNonce(using: &first))
    }
}
