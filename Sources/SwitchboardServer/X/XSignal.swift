/// A best-effort signal to X about a conversation: "the brand is typing" or "the brand has read
/// up to this message".
///
/// Signals are not replies: they are never stored in the outbox, and losing one is harmless (a
/// typing indicator fades after about 3 s; a later mark-read covers the earlier messages).
public enum XSignal: Sendable, Hashable {
    /// `POST /1.1/direct_messages/indicate_typing.json`: a typing indicator for about 3 s.
    case typing(recipientID: String)
    /// `POST /1.1/direct_messages/mark_read.json`: this message and all earlier ones are read.
    /// `recipientID` is the customer who sent the message.
    case markRead(recipientID: String, lastReadEventID: String)

    /// The kind, as the metric's `kind` label says it.
    public enum Kind: String, Sendable, CaseIterable {
        case typing
        case markRead = "mark_read"

        /// The endpoint's path under the API base.
        public var path: String {
            switch self {
            case .typing: "/1.1/direct_messages/indicate_typing.json"
            case .markRead: "/1.1/direct_messages/mark_read.json"
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .typing: .typing
        case .markRead: .markRead
        }
    }

    /// The customer the signal is about.
    public var recipientID: String {
        switch self {
        case .typing(let recipient), .markRead(let recipient, _): recipient
        }
    }

    /// The form parameters, in the order they are sent (the OAuth signature sorts them itself).
    public var formParameters: [(String, String)] {
        switch self {
        case .typing(let recipient):
            [("recipient_id", recipient)]
        case .markRead(let recipient, let event):
            [("last_read_event_id", event), ("recipient_id", recipient)]
        }
    }

    /// The request to X: the form parameters in an `application/x-www-form-urlencoded` body.
    ///
    /// - Parameters:
    ///   - url: the endpoint's absolute URL (`apiBase + kind.path`).
    ///   - authorization: the OAuth 1.0a header, signed over these same form parameters.
    public func request(url: String, authorization: String, timeout: Duration) -> OutgoingHTTPRequest {
        OutgoingHTTPRequest(
            method: .post, url: url,
            headers: ["authorization": authorization, "content-type": "application/x-www-form-urlencoded"],
            body: Self.formBody(formParameters), timeout: timeout)
    }

    /// `name=value&…`, each side percent-encoded as RFC 3986 (the encoding OAuth signs, so the
    /// body and the signature base string agree byte for byte; spaces are `%20`, never `+`).
    public static func formBody(_ parameters: [(String, String)]) -> [UInt8] {
        Array(
            parameters.map { PercentEncoding.encode($0.0) + "=" + PercentEncoding.encode($0.1) }.joined(separator: "&").utf8)
    }
}
