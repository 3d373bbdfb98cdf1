import SwitchboardCrypto

/// The four secrets of an OAuth 1.0a user-context app (X developer portal: API key and secret,
/// access token and secret).
public struct OAuth1Credentials: Sendable, Equatable {
    public var consumerKey: String
    public var consumerSecret: String
    public var token: String
    public var tokenSecret: String

    public init(consumerKey: String, consumerSecret: String, token: String, tokenSecret: String) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.token = token
        self.tokenSecret = tokenSecret
    }
}

/// Signs requests with OAuth 1.0a HMAC-SHA1 (RFC 5849 §3.4), as X's v1.1 DM endpoints require.
///
/// Pure: the nonce and timestamp are parameters. JSON bodies are not signed (only form bodies
/// are), so pass the URL's query and any form parameters as `parameters`.
public struct OAuth1Signer: Sendable {
    public let credentials: OAuth1Credentials

    public init(credentials: OAuth1Credentials) {
        self.credentials = credentials
    }

    /// `consumer_secret&token_secret`, each percent-encoded.
    public var signingKey: String {
        PercentEncoding.encode(credentials.consumerSecret) + "&" + PercentEncoding.encode(credentials.tokenSecret)
    }

    /// The `oauth_*` protocol parameters, without the signature.
    public func protocolParameters(nonce: String, timestamp: Int64) -> [(String, String)] {
        [
            ("oauth_consumer_key", credentials.consumerKey),
            ("oauth_nonce", nonce),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_timestamp", String(timestamp)),
            ("oauth_token", credentials.token),
            ("oauth_version", "1.0"),
        ]
    }

    /// `METHOD&encoded-base-URL&encoded-normalised-parameters` (RFC 5849 §3.4.1).
    ///
    /// - Parameters:
    ///   - url: the request URL; its query parameters are included in the signature.
    ///   - parameters: form-body parameters and the `oauth_*` protocol parameters.
    public func signatureBaseString(method: String, url: String, parameters: [(String, String)]) -> String {
        let (baseURL, queryParameters) = Self.split(url)
        let pairs: [(name: String, value: String)] = (parameters + queryParameters).map { pair in
            (PercentEncoding.encode(pair.0), PercentEncoding.encode(pair.1))
        }
        let sorted = pairs.sorted { left, right in
            left.name == right.name ? left.value < right.value : left.name < right.name
        }
        let encoded = sorted.map { $0.name + "=" + $0.value }.joined(separator: "&")
        return method.uppercased() + "&" + PercentEncoding.encode(baseURL) + "&" + PercentEncoding.encode(encoded)
    }

    /// base64(HMAC-SHA1(signing key, base string)).
    public func signature(method: String, url: String, parameters: [(String, String)]) -> String {
        let base = signatureBaseString(method: method, url: url, parameters: parameters)
        return Base64.encode(HMAC<SHA1>.authenticationCode(for: base.utf8, key: signingKey.utf8))
    }

    /// The `Authorization: OAuth …` header value for a request.
    ///
    /// - Parameters:
    ///   - formParameters: `application/x-www-form-urlencoded` body parameters, if any (not JSON).
    ///   - nonce: unique per request, e.g. `OAuth1Signer.makeNonce(using:)`.
    ///   - timestamp: seconds since 1970 from the caller's clock.
    public func authorizationHeader(
        method: String, url: String, formParameters: [(String, String)] = [], nonce: String, timestamp: Int64
    ) -> String {
        let oauth = protocolParameters(nonce: nonce, timestamp: timestamp)
        let signature = signature(method: method, url: url, parameters: oauth + formParameters)
        let fields = (oauth + [("oauth_signature", signature)])
            .sorted { $0.0 < $1.0 }
            .map { "\(PercentEncoding.encode($0.0))=\"\(PercentEncoding.encode($0.1))\"" }
        return "OAuth " + fields.joined(separator: ", ")
    }

    /// A 32-character alphanumeric nonce (128 random bits in hex) from `generator` (pass
    /// `SystemRandomNumberGenerator()`). Two draws of 64 bits: the system generator makes a system
    /// call per draw, and one per character was a measurable cost of every reply.
    public static func makeNonce<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(32)
        for _ in 0..<2 {
            var bits = generator.next()
            for _ in 0..<16 {
                text.append(digits[Int(bits & 0xF)])
                bits >>= 4
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Base string URI (scheme and host lower-cased, default port dropped, no query or fragment)
    /// and the decoded query parameters.
    static func split(_ url: String) -> (String, [(String, String)]) {
        var rest = Substring(url)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var base = String(rest)
        if let schemeEnd = rest.firstRange(of: "://") {
            let scheme = rest[..<schemeEnd.lowerBound].lowercased()
            let afterScheme = rest[schemeEnd.upperBound...]
            let authorityEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
            var authority = afterScheme[..<authorityEnd].lowercased()
            if (scheme == "https" && authority.hasSuffix(":443")) || (scheme == "http" && authority.hasSuffix(":80")) {
                authority = String(authority[..<(authority.lastIndex(of: ":") ?? authority.endIndex)])
            }
            let path = afterScheme[authorityEnd...]
            base = scheme + "://" + authority + (path.isEmpty ? "/" : String(path))
        }
        let parameters: [(String, String)] = query.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = FormDecoding.decode(parts[0]) else { return nil }
            return (name, parts.count > 1 ? (FormDecoding.decode(parts[1]) ?? "") : "")
        }
        return (base, parameters)
    }
}
