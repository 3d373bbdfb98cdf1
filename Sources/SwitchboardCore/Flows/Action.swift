/// What happens when an option is tapped, a command is typed, or a state moves on.
public enum Action: Hashable, Sendable {
    /// Enter another state.
    case goTo(StateID)
    /// Hand the conversation to a person in a queue.
    case handOff(HandOff)
    /// Behave as if the classifier had recognised this intent with certainty.
    case trigger(IntentID)
    /// End the conversation; the next message starts again at the start state.
    case end
}

/// A request for a person: which queue, and an optional note for the agent.
public struct HandOff: Hashable, Sendable {
    public var queue: QueueID
    /// Shown to the agent with the escalation (e.g. "customer chose 'Talk to a person'").
    public var note: String?
    /// Said to the customer when the hand-off happens; a default is used when absent.
    public var say: String?

    public init(queue: QueueID, note: String? = nil, say: String? = nil) {
        self.queue = queue
        self.note = note
        self.say = say
    }
}
