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

    public init(id: Int64, kind: EventKind, at: Instant, actor: String?, text: String, detailJSON: String) {
        self.id = id
        self.kind = kind
        self.at = at
        self.actor = actor
        self.text = text
        self.detailJSON = detailJSON
    }
}
