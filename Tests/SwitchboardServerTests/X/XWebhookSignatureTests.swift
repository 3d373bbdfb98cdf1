import SwitchboardServer
import Testing

@Suite struct XWebhookSignatureTests {
    @Test func everyFixtureSignatureVerifiesOverTheRawBytes() throws {
        let vectors = try Fixtures.signatureVectors()
        let verifier = XWebhookSignatureVerifier(consumerSecret: vectors.secret)
        #expect(vectors.signatures.count == 7)
        for vector in vectors.signatures {
            let body = try Fixtures.bytes(vector.file)
            #expect(throws: Never.self, "\(vector.file)") { try verifier.verify(headerValue: vector.header, body: body) }
            #expect(verifier.signature(for: body) == vector.header)
        }
    }

    @Test func forgedSignatureDoesNotVerify() throws {
        let vectors = try Fixtures.signatureVectors()
        let verifier = XWebhookSignatureVerifier(consumerSecret: vectors.secret)
        #expect(!vectors.forged.isEmpty)
        for vector in vectors.forged {
            let body = try Fixtures.bytes(vector.file)
            #expect(throws: XSignatureError.mismatch) { try verifier.verify(headerValue: vector.header, body: body) }
            #expect(!verifier.isValid(headerValue: vector.header, body: body))
        }
    }

    @Test func alteredOrReserializedBodyDoesNotVerify() throws {
        let vectors = try Fixtures.signatureVectors()
        let verifier = XWebhookSignatureVerifier(consumerSecret: vectors.secret)
        let (file, header) = try #require(vectors.signatures.first)
        var body = try Fixtures.bytes(file)
        let compact = body.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: " ") }
        #expect(throws: XSignatureError.mismatch) { try verifier.verify(headerValue: header, body: compact) }
        body[body.count / 2] ^= 1
        #expect(throws: XSignatureError.mismatch) { try verifier.verify(headerValue: header, body: body) }
    }

    @Test func wrongSecretDoesNotVerify() throws {
        let vectors = try Fixtures.signatureVectors()
        let (file, header) = try #require(vectors.signatures.first)
        let verifier = XWebhookSignatureVerifier(consumerSecret: vectors.secret + "x")
        #expect(throws: XSignatureError.mismatch) { try verifier.verify(headerValue: header, body: try Fixtures.bytes(file)) }
    }

    @Test(arguments: [
        (nil, XSignatureError.missingHeader),
        ("", .malformedHeader),
        ("sha1=pIVY+3zwPm/EzfuCL3TG8Vo7zaiXw3IiV0CrdMowlyM=", .malformedHeader),
        ("sha256=not base64!", .malformedHeader),
        ("sha256=", .mismatch),
        ("sha256=AAAA", .mismatch),
    ] as [(String?, XSignatureError)])
    func missingOrMalformedHeadersAreRejected(header: String?, error: XSignatureError) {
        let verifier = XWebhookSignatureVerifier(consumerSecret: "FAKE_CONSUMER_SECRET")
        #expect(throws: error) { try verifier.verify(headerValue: header, body: Array("{}".utf8)) }
    }

    @Test func requestHeaderIsFoundCaseInsensitively() throws {
        let verifier = XWebhookSignatureVerifier(consumerSecret: "k")
        let body = Array("{\"a\":1}".utf8)
        let request = HTTPRequest(
            method: .post, target: "/webhooks/x", headers: ["X-Twitter-Webhooks-Signature": verifier.signature(for: body)], body: body)
        #expect(throws: Never.self) { try verifier.verify(request) }
    }
}
