public import SwitchboardCore

/// One inbound DM as the channel delivered it.
public struct InboundRecord: Sendable, Equatable {
    /// The channel's event id: a second delivery with the same id is a duplicate.
    public var eventID: String
    public var key: ConversationKey
    public var text: String
    public var receivedAt: Instant
    /// What the channel told us about the sender, if anything.
    public var sender: CustomerProfile?
    /// Extra detail kept in the event log, as JSON text (quick-reply metadata, attachments…).
    public var detailJSON: String

    public init(
        eventID: String, key: ConversationKey, text: String, receivedAt: Instant, sender: CustomerProfile? = nil,
        detailJSON: String = "{}"
    ) {
        self.eventID = eventID
        self.key = key
        self.text = text
        self.receivedAt = receivedAt
        self.sender = sender
        self.detailJSON = detailJSON
    }

    /// The longest event id we accept: X ids are ~20 digits.
    public static let maximumEventIDLength = 256
    /// X DMs are at most 10,000 characters; we keep a margin for other channels.
    public static let maximumTextBytes = 64 * 1024
}

/// What the step sees: the stored conversation and what the store found out about the message.
public struct InboundContext: Sendable {
    /// The conversation before this message; nil for a new customer.
    public var conversation: ConversationSnapshot?
    /// The message's tone.
    public var tone: Tone
    /// Set when the message answered a CSAT question; the store has recorded the score.
    public var csatScore: Int?
    /// Set when the message reopened a recently resolved escalation (the owner is no longer the bot).
    public var reopened: EscalationID?
}

/// The outcome of processing one inbound message.
public enum ProcessResult: Sendable, Equatable {
    /// The message was new: everything below is committed.
    case processed(ProcessedInbound)
    /// The event id was seen before: nothing was written and the step did not run.
    case duplicate
}

/// What one processed message committed.
public struct ProcessedInbound: Sendable, Equatable {
    public var conversation: ConversationRowID
    public var outbox: [OutboxMessageID]
    /// The escalation opened, reopened or already open for this conversation, if any.
    public var escalation: EscalationID?
    /// The agent the escalation went to, if it was assigned at once.
    public var assignedTo: AgentID?
}
