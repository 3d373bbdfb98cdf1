/// A scripted conversation with expectations, as written in `conversations/*.json5`.
public struct ConversationTestCase: Sendable {
    public var name: String
    public var location: SourceLocation?
    /// Start mid-flow in this state (its message is sent, then ignored); the start state when nil.
    public var startState: StateID?
    /// Slots already captured when the test starts.
    public var slots: [String: String]
    public var profile: CustomerProfile
    public var turns: [ConversationTestTurn]

    public init(
        name: String, location: SourceLocation? = nil, startState: StateID? = nil, slots: [String: String] = [:],
        profile: CustomerProfile = CustomerProfile(name: "Test Customer", handle: "test"),
        turns: [ConversationTestTurn]
    ) {
        self.name = name
        self.location = location
        self.startState = startState
        self.slots = slots
        self.profile = profile
        self.turns = turns
    }
}

/// One customer message and what the bot must do in answer.
public struct ConversationTestTurn: Sendable {
    public enum Input: Sendable, Hashable {
        /// Typed text.
        case text(String)
        /// A tap on the option with this label in the bot's last message (with its metadata).
        case tap(String)
    }

    public var input: Input
    /// Idle time before this message (5 seconds when absent).
    public var after: Duration?
    public var expect: ConversationExpectation
    public var location: SourceLocation?

    public init(input: Input, after: Duration? = nil, expect: ConversationExpectation, location: SourceLocation? = nil) {
        self.input = input
        self.after = after
        self.expect = expect
        self.location = location
    }
}

/// What a turn checks. Every field is optional: only what is given is checked.
public struct ConversationExpectation: Sendable, Hashable {
    /// The texts of all messages the bot sends, exactly and in order.
    public var say: [String]?
    /// Substrings that must appear in the bot's messages (in any of them).
    public var sayContains: [String]?
    /// The quick-reply labels of the last message, exactly and in order.
    public var options: [String]?
    /// A hand-off must happen, to this queue (and with this reason, when given).
    public var handOffQueue: QueueID?
    public var handOffReason: EscalationReason?
    /// True: no hand-off may happen in this turn.
    public var noHandOff: Bool
    /// The conversation's state after the turn.
    public var state: StateID?
    /// Slots that must hold these values after the turn.
    public var slots: [String: String]?
    /// True: the conversation ended in this turn.
    public var ended: Bool?
    /// True: the bot sends nothing (e.g. while an agent owns the conversation).
    public var silent: Bool?
    /// The classifier's decision: "confident", "ambiguous" or "unknown".
    public var decision: String?
    /// For a confident decision: the intent.
    public var intent: IntentID?

    public init(
        say: [String]? = nil, sayContains: [String]? = nil, options: [String]? = nil, handOffQueue: QueueID? = nil,
        handOffReason: EscalationReason? = nil, noHandOff: Bool = false, state: StateID? = nil,
        slots: [String: String]? = nil, ended: Bool? = nil, silent: Bool? = nil, decision: String? = nil,
        intent: IntentID? = nil
    ) {
        self.say = say
        self.sayContains = sayContains
        self.options = options
        self.handOffQueue = handOffQueue
        self.handOffReason = handOffReason
        self.noHandOff = noHandOff
        self.state = state
        self.slots = slots
        self.ended = ended
        self.silent = silent
        self.decision = decision
        self.intent = intent
    }
}
