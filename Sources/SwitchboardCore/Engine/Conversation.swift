/// Milliseconds since the Unix epoch. The core never reads a clock: callers pass `now` in.
public struct Instant: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var milliseconds: Int64
    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.milliseconds < rhs.milliseconds }
    public static func + (lhs: Instant, rhs: Duration) -> Instant {
        Instant(milliseconds: lhs.milliseconds + rhs.wholeMilliseconds)
    }
    public static func - (lhs: Instant, rhs: Instant) -> Duration { .milliseconds(lhs.milliseconds - rhs.milliseconds) }
    public var description: String { "\(milliseconds)ms" }
}

/// Who the customer is, as far as the channel tells us.
public struct CustomerProfile: Hashable, Sendable, Codable {
    public var name: String?
    public var handle: String?
    public var followers: Int?

    public init(name: String? = nil, handle: String? = nil, followers: Int? = nil) {
        self.name = name
        self.handle = handle
        self.followers = followers
    }
}

/// The state of one conversation between a brand and a customer: a value the store persists.
public struct Conversation: Hashable, Sendable, Codable {
    /// Where the conversation stands.
    public enum Phase: Hashable, Sendable, Codable {
        /// Never started, ended, or expired: the next message starts at the start state.
        case idle
        /// Waiting in a state for a tap or text.
        case at(StateID)
        /// Waiting for a slot's value in a state; `failures` wrong answers so far.
        case capturing(StateID, failures: Int)
        /// Asked "Did you mean …"; `returnTo` is where the conversation was.
        case clarifying(candidates: [IntentID], returnTo: StateID?)
        /// A person owns the conversation: the bot is silent until it is handed back.
        case withAgent(QueueID)
    }

    public var key: ConversationKey
    public var phase: Phase
    public var slots: [String: String]
    public var profile: CustomerProfile
    /// The options of the last message sent, by the metadata token written into each.
    public var offered: [OfferedOption]
    /// Counts the bot's prompts; stamped into quick-reply metadata to tell stale taps apart.
    public var turn: Int
    public var lastActivity: Instant?

    public init(key: ConversationKey, profile: CustomerProfile = CustomerProfile()) {
        self.key = key
        self.phase = .idle
        self.slots = [:]
        self.profile = profile
        self.offered = []
        self.turn = 0
        self.lastActivity = nil
    }
}

/// An option the bot last offered, remembered so a returning tap can be checked, never trusted.
public struct OfferedOption: Hashable, Sendable, Codable {
    public var token: String
    public var label: String
    public var choice: Choice

    /// What tapping the option does, as remembered by the conversation.
    public enum Choice: Hashable, Sendable, Codable {
        /// The index of an option of a state (or of an intent's reply, by intent).
        case stateOption(StateID, index: Int)
        case intentOption(IntentID, index: Int)
        /// "Did you mean" choices.
        case clarify(IntentID)
        case somethingElse
        /// A CSAT answer (1–5) after an agent resolved the conversation.
        case rating(Int)
    }

    public init(token: String, label: String, choice: Choice) {
        self.token = token
        self.label = label
        self.choice = choice
    }
}
