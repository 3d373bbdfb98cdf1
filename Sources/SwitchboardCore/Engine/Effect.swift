/// What the engine asks the edges to do. The store writes effects in the same transaction as the
/// conversation's new state.
public enum Effect: Hashable, Sendable {
    /// Send a DM to the customer.
    case send(OutgoingMessage)
    /// Hand the conversation to a person.
    case handOff(HandOffRequest)
    /// A slot was captured.
    case setSlot(SlotName, String)
    /// The conversation ended; `contained` is true when no person took part.
    case end(contained: Bool)
    /// The customer rated the help they got from an agent (1–5).
    case rating(Int)
}

/// A message to the customer, ready for any channel.
public struct OutgoingMessage: Hashable, Sendable {
    public var text: String
    public var quickReplies: [OutgoingQuickReply]
    public var buttons: [URLButton]

    public init(text: String, quickReplies: [OutgoingQuickReply] = [], buttons: [URLButton] = []) {
        self.text = text
        self.quickReplies = quickReplies
        self.buttons = buttons
    }
}

/// A quick reply as sent: label, optional description, and the metadata token the engine checks later.
public struct OutgoingQuickReply: Hashable, Sendable {
    public var label: String
    public var description: String?
    public var metadata: String

    public init(label: String, description: String? = nil, metadata: String) {
        self.label = label
        self.description = description
        self.metadata = metadata
    }
}

/// Everything an agent needs to pick the conversation up.
public struct HandOffRequest: Hashable, Sendable {
    public var queue: QueueID
    public var reason: EscalationReason
    /// What the bot understood, best first, with confidences (empty when no text was classified).
    public var topIntents: [ScoredIntent]
    /// A note for the agent (from the flow, or what went wrong).
    public var note: String?
    /// The state the conversation was in.
    public var state: StateID?

    public init(
        queue: QueueID, reason: EscalationReason, topIntents: [ScoredIntent] = [], note: String? = nil,
        state: StateID? = nil
    ) {
        self.queue = queue
        self.reason = reason
        self.topIntents = topIntents
        self.note = note
        self.state = state
    }
}
