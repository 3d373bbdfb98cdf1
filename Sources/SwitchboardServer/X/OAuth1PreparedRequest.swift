import SwitchboardCrypto

/// An OAuth 1.0a signer made once for one method and one URL without query or form parameters
/// (X's DM send endpoint), for the requests sent to it again and again.
///
/// Everything but the nonce and the timestamp is fixed for such a request, so the keyed HMAC
/// state, the encoded URL and the encoded fixed parameters are worked out here once; each request
/// then costs one HMAC over the base string's bytes and one header. `OAuth1Signer` rebuilt and
/// sorted the parameters with strings every time, about a fifth of the outbox sender's time.
/// The header is the one `OAuth1Signer.authorizationHeader` gives for the same inputs (tested).
public struct OAuth1PreparedRequest: Sendable {
    /// HMAC-SHA1 keyed with the signing key, before any message byte.
    private let keyed: HMAC<SHA1>
    /// `METHOD&enc(url)&enc("oauth_consumer_key=CK&oauth_nonce=")`; the nonce follows.
    private let baseBeforeNonce: [UInt8]
    /// `enc("&oauth_signature_method=HMAC-SHA1&oauth_timestamp=")`; the timestamp follows.
    private let baseBeforeTimestamp: [UInt8]
    /// `enc("&oauth_token=TK&oauth_version=1.0")`.
    private let baseEnd: [UInt8]
    /// `OAuth oauth_consumer_key="CK", oauth_nonce="`.
    private let headerStart: String
    /// `", oauth_token="TK", oauth_version="1.0"`.
    private let headerEnd: String

    /// Prepares `method url` for `signer`'s credentials; nil when the URL has query parameters
    /// (they would be signed too: use `OAuth1Signer` for such a request).
    public init?(signer: OAuth1Signer, method: String, url: String) {
        let (baseURL, query) = OAuth1Signer.split(url)
        guard query.isEmpty else { return nil }
        let consumerKey = PercentEncoding.encode(signer.credentials.consumerKey)
        let token = PercentEncoding.encode(signer.credentials.token)
        keyed = HMAC<SHA1>(key: signer.signingKey.utf8)
        baseBeforeNonce = Array(
            (method.uppercased() + "&" + PercentEncoding.encode(baseURL) + "&"
                + PercentEncoding.encode("oauth_consumer_key=" + consumerKey + "&oauth_nonce=")).utf8)
        baseBeforeTimestamp = Array(PercentEncoding.encode("&oauth_signature_method=HMAC-SHA1&oauth_timestamp=").utf8)
        baseEnd = Array(PercentEncoding.encode("&oauth_token=" + token + "&oauth_version=1.0").utf8)
        headerStart = "OAuth oauth_consumer_key=\"" + consumerKey + "\", oauth_nonce=\""
        headerEnd = "\", oauth_token=\"" + token + "\", oauth_version=\"1.0\""
    }

    /// The `Authorization: OAuth …` header value for one request.
    ///
    /// - Parameters:
    ///   - nonce: unique per request, e.g. `OAuth1Signer.makeNonce(using:)`.
    ///   - timestamp: seconds since 1970 from the caller's clock.
    public func authorizationHeader(nonce: String, timestamp: Int64) -> String {
        let encodedNonce = PercentEncoding.encode(nonce)
        let time = String(timestamp)
        var mac = keyed
        mac.update(baseBeforeNonce)
        // The parameter string is encoded once more inside the base string.
        mac.update(PercentEncoding.encode(encodedNonce).utf8)
        mac.update(baseBeforeTimestamp)
        mac.update(time.utf8)
        mac.update(baseEnd)
        let signature = PercentEncoding.encode(Base64.encode(mac.finalize()))
        var header = headerStart
        header.reserveCapacity(headerStart.utf8.count + headerEnd.utf8.count + 160)
        header += encodedNonce
        header += "\", oauth_signature=\""
        header += signature
        header += "\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\""
        header += time
        header += headerEnd
        return header
    }
}
