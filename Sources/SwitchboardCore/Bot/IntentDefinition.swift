/// One intent as an author writes it in `intents/*.json5`.
public struct IntentDefinition: Hashable, Sendable {
    public var id: IntentID
    /// A short name for "Did you mean …" quick replies (≤ 36 characters); the id when absent.
    public var label: String?
    /// Example utterances the classifier learns from.
    public var examples: [String]
    /// Words or phrases that weigh heavily for this intent.
    public var keywords: [String]
    public var response: IntentResponse
    /// Overrides the bot's confidence threshold for this intent.
    public var threshold: Double?
    public var location: SourceLocation?
    public var file: String

    public init(
        id: IntentID, label: String? = nil, examples: [String], keywords: [String] = [], response: IntentResponse,
        threshold: Double? = nil, location: SourceLocation? = nil, file: String = ""
    ) {
        self.id = id
        self.label = label
        self.examples = examples
        self.keywords = keywords
        self.response = response
        self.threshold = threshold
        self.location = location
        self.file = file
    }

    /// What the customer sees for this intent in a "Did you mean" option.
    public var displayLabel: String { label ?? id.rawValue }
}

/// What the bot does when an intent is recognised.
public enum IntentResponse: Hashable, Sendable {
    /// Reply with a message (quick replies and buttons allowed) and stay where the conversation is.
    case reply(say: MessageText, options: [QuickReplyOption], buttons: [URLButton])
    /// Enter a flow state.
    case goTo(StateID)
    /// Hand off to a queue.
    case handOff(HandOff)
}

/// Bot-wide settings for the classifier's three decisions and the fallbacks.
public struct BotSettings: Hashable, Sendable {
    /// Top confidence at or above which the bot acts on an intent.
    public var threshold: Double
    /// Minimum gap between the top two confidences; closer than this, the bot asks.
    public var ambiguityMargin: Double
    /// The queue for hand-offs that name none (low confidence, "Something else").
    public var fallbackQueue: QueueID
    /// Idle time after which a conversation starts again (overridden by the start flow's setting).
    public var sessionExpiry: Duration
    /// Examples of what the bot must not answer.
    public var outOfScope: [String]

    public init(
        threshold: Double = 0.55, ambiguityMargin: Double = 0.15, fallbackQueue: QueueID = "general",
        sessionExpiry: Duration = .seconds(24 * 3600), outOfScope: [String] = []
    ) {
        self.threshold = threshold
        self.ambiguityMargin = ambiguityMargin
        self.fallbackQueue = fallbackQueue
        self.sessionExpiry = sessionExpiry
        self.outOfScope = outOfScope
    }
}
