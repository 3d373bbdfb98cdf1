// Crypto benchmark: HMAC-SHA256 of a 2 KiB webhook body (what every webhook POST costs), against
// plain SHA-256 of the same bytes; plus full header verification and OAuth 1.0a signing.
// Run: swift run -c release switchboard-bench crypto [--iterations N]
import Foundation
import SwitchboardCrypto
import SwitchboardServer

enum CryptoBench {
    static func run(_ arguments: [String]) throws {
        let iterations = option("--iterations", in: arguments).flatMap { Int($0) } ?? 5000
        // A 2 KiB body shaped like a webhook delivery.
        let body = Array(String(repeating: "{\"type\":\"message_create\",\"text\":\"hello\"}", count: 50).utf8.prefix(2048))
        let secret = Array("FAKE_CONSUMER_SECRET".utf8)
        var sink: UInt8 = 0

        let sha = measure("SHA-256, 2 KiB (baseline)") {
            for _ in 0..<iterations { sink ^= SHA256.hash(body)[0] }
        }
        report(sha, extra: rate(iterations, sha))
        let hmac = measure("HMAC-SHA256, 2 KiB webhook body") {
            for _ in 0..<iterations { sink ^= HMAC<SHA256>.authenticationCode(for: body, key: secret)[0] }
        }
        report(hmac, baseline: sha, extra: rate(iterations, hmac))

        let verifier = XWebhookSignatureVerifier(consumerSecret: "FAKE_CONSUMER_SECRET")
        let header = verifier.signature(for: body)
        let verify = measure("verify x-twitter-webhooks-signature, 2 KiB") {
            for _ in 0..<iterations where verifier.isValid(headerValue: header, body: body) { sink ^= 1 }
        }
        report(verify, baseline: sha, extra: rate(iterations, verify))

        let signer = OAuth1Signer(credentials: OAuth1Credentials(consumerKey: "ck", consumerSecret: "cs", token: "t", tokenSecret: "ts"))
        let oauth = measure("OAuth 1.0a Authorization header (HMAC-SHA1)") {
            for index in 0..<iterations {
                let header = signer.authorizationHeader(
                    method: "POST", url: XOutgoingMessage.endpoint, nonce: "nonce\(index)", timestamp: 1_700_000_000)
                sink ^= UInt8(truncatingIfNeeded: header.utf8.count)
            }
        }
        report(oauth, baseline: sha, extra: rate(iterations, oauth))
        if sink == 0xFF { print("") }  // keeps the work observable
    }

    static func rate(_ iterations: Int, _ samples: Samples) -> String {
        String(format: "%.0f ops/s", Double(iterations) / samples.median)
    }
}
