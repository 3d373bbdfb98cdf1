/// Which client carries outbound HTTP (replies to X, the generic channel's webhook).
public enum OutboundHTTPClient: String, Sendable, CaseIterable {
    /// The built-in keep-alive client for `http://` URLs, URLSession for `https://` (TLS).
    case auto
    /// URLSession for every URL (to compare, or if the built-in client misbehaves with a proxy).
    case urlsession
}

/// The transport `switchboard serve` uses: `PlainHTTPTransport` for plain-HTTP URLs (unless
/// URLSession is asked for), `URLSessionTransport` for the rest.
public struct StandardHTTPTransport: HTTPTransport {
    let plain: PlainHTTPTransport?
    let secure: URLSessionTransport

    public init(client: OutboundHTTPClient = .auto) {
        plain = client == .auto ? PlainHTTPTransport() : nil
        secure = URLSessionTransport()
    }

    public func send(_ request: OutgoingHTTPRequest) async throws -> HTTPClientResponse {
        if let plain, request.url.utf8.count >= 7, request.url.prefix(7).lowercased() == "http://" {
            return try await plain.send(request)
        }
        return try await secure.send(request)
    }
}
