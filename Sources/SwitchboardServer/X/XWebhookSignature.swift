import SwitchboardCrypto

/// Verifies `x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, raw body)>`
/// on webhook POSTs. Compares in constant time over the raw body bytes — never re-encoded JSON.
public struct XWebhookSignatureVerifier: Sendable {
    /// The header X signs webhook deliveries with.
    public static let headerName = "x-twitter-webhooks-signature"
    private static let prefix = "sha256="

    /// HMAC keyed once; copying the value forks the keyed state, saving the key schedule per call.
    private let keyed: HMAC<SHA256>

    /// - Parameter consumerSecret: the app's API secret (the same one that answers CRC checks).
    public init(consumerSecret: String) {
        keyed = HMAC<SHA256>(key: consumerSecret.utf8)
    }

    /// The header value X would send for `body` (for tests and load generators).
    public func signature(for body: [UInt8]) -> String {
        Self.prefix + Base64.encode(code(for: body))
    }

    private func code(for body: [UInt8]) -> [UInt8] {
        var hmac = keyed
        hmac.update(body)
        return hmac.finalize()
    }

    /// Throws unless `headerValue` is a valid signature of `body`.
    public func verify(headerValue: String?, body: [UInt8]) throws(XSignatureError) {
        guard let headerValue else { throw .missingHeader }
        let trimmed = headerValue.trimmingASCIIWhitespace()
        guard trimmed.hasPrefix(Self.prefix) else { throw .malformedHeader }
        let encoded = trimmed.dropFirst(Self.prefix.count)
        let claimed: [UInt8]
        do {
            claimed = try Base64.decode(encoded)
        } catch {
            throw .malformedHeader
        }
        let expected = code(for: body)
        guard ConstantTime.equals(claimed, expected) else { throw .mismatch }
    }

    /// Verifies the signature header of a webhook request.
    public func verify(_ request: HTTPRequest) throws(XSignatureError) {
        try verify(headerValue: request.headers[Self.headerName], body: request.body)
    }

    /// True when `headerValue` is a valid signature of `body`.
    public func isValid(headerValue: String?, body: [UInt8]) -> Bool {
        do {
            try verify(headerValue: headerValue, body: body)
            return true
        } catch {
            return false
        }
    }
}

/// Why a webhook signature was rejected; answer 401/403 and do not process the body.
public enum XSignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingHeader
    case malformedHeader
    case mismatch

    public var description: String {
        switch self {
        case .missingHeader:
            "no x-twitter-webhooks-signature header: the request did not come from X's webhook delivery"
        case .malformedHeader:
            "x-twitter-webhooks-signature is not 'sha256=<base64>'"
        case .mismatch:
            "webhook signature does not match the body: check the consumer secret, or the body was altered"
        }
    }
}
