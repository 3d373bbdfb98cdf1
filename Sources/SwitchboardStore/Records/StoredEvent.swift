public import SwitchboardCore

/// An event as stored in a conversation's log.
public struct StoredEvent: Sendable, Equatable {
    /// Increasing across the whole store: also the transcript cursor.
    public var id: Int64
    public var kind: EventKind
    public var at: Instant
    public var actor: String?
    public var text: String
    public var detailJSON: String
}
