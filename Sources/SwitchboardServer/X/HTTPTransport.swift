/// An outbound HTTP request (to X's API, or to a fake of it in tests).
public struct OutgoingHTTPRequest: Sendable, Equatable {
    public var method: HTTPMethod
    /// Absolute `http(s)://` URL.
    public var url: String
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The whole exchange must finish within this, or `send` throws `HTTPTransportError.timedOut`.
    public var timeout: Duration

    public init(method: HTTPMethod, url: String, headers: HTTPHeaders = [:], body: [UInt8] = [], timeout: Duration = .seconds(15)) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// A response to an outbound request.
public struct HTTPClientResponse: Sendable, Equatable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends outbound HTTP requests. The outbox sender depends on this protocol; production uses
/// `URLSessionTransport`, tests a fake or a local server.
public protocol HTTPTransport: Sendable {
    /// Sends `request`; any HTTP status is a response. Throws `HTTPTransportError` when no
    /// response arrived (invalid URL, connection failure, timeout, oversized response).
    func send(_ request: OutgoingHTTPRequest) async throws -> HTTPClientResponse
}

extension HTTPClientResponse {
    /// The outcome for `XRetryPolicy`.
    public var outcome: XSendOutcome { .response(status: status, headers: headers, body: body) }
}

/// Why an outbound request got no response.
public enum HTTPTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidURL(String)
    case timedOut(Duration)
    case connectionFailed(String)
    case responseTooLarge(limit: Int)

    public var description: String {
        switch self {
        case .invalidURL(let url): "'\(url)' is not an absolute http(s) URL"
        case .timedOut(let timeout): "no response within \(timeout); the request will be retried"
        case .connectionFailed(let detail): "connection failed: \(detail)"
        case .responseTooLarge(let limit): "response larger than \(limit) bytes was cut off"
        }
    }

    /// The outcome for `XRetryPolicy` (always a transport failure, so retried).
    public var outcome: XSendOutcome { .transportFailure(reason: description) }
}
