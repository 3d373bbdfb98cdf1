/// A response a responder returns. The serializer adds `Content-Length` and `Connection`.
public struct HTTPResponse: Sendable, Equatable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Work that runs once the response is handed to the connection, in the same task on the
    /// event loop, so follow-ups start in the order their responses were ready (the webhook's DMs
    /// are stepped after its 200). Not part of equality.
    public var followUp: (@Sendable () async -> Void)?

    public static func == (left: HTTPResponse, right: HTTPResponse) -> Bool {
        left.status == right.status && left.headers == right.headers && left.body == right.body
    }

    public init(status: HTTPStatus, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// An `application/json` response from already-encoded bytes.
    public static func json(_ body: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    }

    /// The wire bytes of this response.
    ///
    /// - Parameters:
    ///   - keepAlive: false adds `Connection: close`; the caller closes after writing.
    ///   - version: the request's version; HTTP/1.0 keep-alive answers say `Connection: keep-alive`.
    ///   - includeBody: false for HEAD requests (Content-Length still describes the body).
    /// Header fields with CR or LF in the name or value are dropped (no response splitting);
    /// caller-supplied `Content-Length` and `Connection` are replaced.
    public func serialized(keepAlive: Bool, version: HTTPVersion = .http1_1, includeBody: Bool = true) -> [UInt8] {
        var head = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n"
        for field in headers {
            guard !HTTPHeaders.namesMatch(field.name, "Content-Length"), !HTTPHeaders.namesMatch(field.name, "Connection"),
                !Self.hasLineBreak(field.name), !Self.hasLineBreak(field.value), !field.name.isEmpty
            else { continue }
            head += "\(field.name): \(field.value)\r\n"
        }
        head += "Content-Length: \(body.count)\r\n"
        if !keepAlive {
            head += "Connection: close\r\n"
        } else if version == .http1_0 {
            head += "Connection: keep-alive\r\n"
        }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if includeBody { bytes.append(contentsOf: body) }
        return bytes
    }

    private static func hasLineBreak(_ text: String) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
    }
}
