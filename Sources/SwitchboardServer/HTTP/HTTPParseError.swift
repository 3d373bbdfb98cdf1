/// Why a request was rejected; `status` is the answer to send before closing the connection.
public enum HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request line is not `METHOD SP target SP HTTP/x.y`.
    case invalidRequestLine
    /// A header line is not `name: value`, or holds control characters.
    case invalidHeaderLine
    /// A header line starts with whitespace (obsolete line folding, RFC 9112 §5.2).
    case obsoleteLineFolding
    /// HTTP/1.1 requires exactly one Host header.
    case invalidHost
    /// Content-Length is not a number, or several disagree.
    case invalidContentLength
    /// A body was sent without Content-Length (POST/PUT/PATCH).
    case lengthRequired(method: HTTPMethod)
    case requestLineTooLong(limit: Int)
    case headersTooLarge(limit: Int)
    case tooManyHeaders(limit: Int)
    case bodyTooLarge(limit: Int)
    /// Transfer-Encoding (chunked or any other coding) is not supported.
    case unsupportedTransferEncoding(String)
    case unsupportedVersion(String)

    /// The status code to answer with.
    public var status: HTTPStatus {
        switch self {
        case .invalidRequestLine, .invalidHeaderLine, .obsoleteLineFolding, .invalidHost, .invalidContentLength:
            .badRequest
        case .lengthRequired: .lengthRequired
        case .requestLineTooLong: .uriTooLong
        case .headersTooLarge, .tooManyHeaders: .requestHeaderFieldsTooLarge
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedTransferEncoding: .notImplemented
        case .unsupportedVersion: .httpVersionNotSupported
        }
    }

    public var description: String {
        switch self {
        case .invalidRequestLine: "the request line must be 'METHOD /path HTTP/1.1' with single spaces"
        case .invalidHeaderLine: "a header line is not 'Name: value' or contains control characters"
        case .obsoleteLineFolding: "a header line starts with whitespace; folded headers are not accepted, send one line per field"
        case .invalidHost: "HTTP/1.1 requests need exactly one Host header"
        case .invalidContentLength: "Content-Length must be one decimal number (repeated values must agree)"
        case .lengthRequired(let method): "\(method) requests must send Content-Length"
        case .requestLineTooLong(let limit): "the request line is longer than \(limit) bytes; shorten the URL"
        case .headersTooLarge(let limit): "the headers are larger than \(limit) bytes in total"
        case .tooManyHeaders(let limit): "more than \(limit) header fields"
        case .bodyTooLarge(let limit): "the body is larger than \(limit) bytes"
        case .unsupportedTransferEncoding(let coding):
            "Transfer-Encoding '\(coding)' is not supported; send the body with Content-Length"
        case .unsupportedVersion(let version): "\(version) is not supported; use HTTP/1.1"
        }
    }
}
