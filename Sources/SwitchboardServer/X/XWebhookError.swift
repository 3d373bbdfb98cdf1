/// Why a webhook body was rejected. Answer 400 (X will retry a 5xx, not a 4xx) and log it.
public enum XWebhookError: Error, Sendable, Equatable, CustomStringConvertible {
    case payloadTooLarge(bytes: Int, limit: Int)
    /// Not JSON, or not the expected JSON types; `detail` says where.
    case malformedJSON(detail: String)
    /// A required field is absent; `path` is like `direct_message_events[0].message_create.sender_id`.
    case missingField(path: String)
    /// A field has an impossible value (a non-numeric timestamp, an empty id).
    case invalidField(path: String, reason: String)
    case tooManyEvents(count: Int, limit: Int)
    case fieldTooLong(path: String, length: Int, limit: Int)

    public var description: String {
        switch self {
        case .payloadTooLarge(let bytes, let limit):
            "webhook body is \(bytes) bytes, over the \(limit)-byte limit; X deliveries are a few KiB, so this is not from X"
        case .malformedJSON(let detail): "webhook body is not the expected JSON: \(detail)"
        case .missingField(let path): "webhook body lacks required field '\(path)'"
        case .invalidField(let path, let reason): "webhook field '\(path)' is invalid: \(reason)"
        case .tooManyEvents(let count, let limit): "webhook body has \(count) events, over the limit of \(limit)"
        case .fieldTooLong(let path, let length, let limit):
            "webhook field '\(path)' has \(length) characters, over X's limit of \(limit)"
        }
    }
}
