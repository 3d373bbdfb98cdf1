/// The conversation engine: a pure function from (conversation, inbound, now) to the next
/// conversation and the effects to carry out. No clock, no I/O, deterministic.
///
/// Thread-safe: an `Engine` is an immutable value; step many conversations concurrently.
public struct Engine: Sendable {
    public let bot: Bot

    /// Longest text the engine reads from one inbound message (X allows 10,000 characters).
    public static let maximumInboundLength = 10_000
    /// Most automatic `next` hops in one step; the validator rejects cycles, this bounds the rest.
    static let maximumAutomaticHops = 32

    /// The start state's options as a fresh conversation is offered them; made once per bot, as
    /// every first message (and every typed label on an idle conversation) checks them.
    let welcome: [OfferedOption]

    public init(bot: Bot) {
        self.bot = bot
        welcome = Self.offeredWelcome(bot)
    }

    /// Handles one message from the customer.
    public func step(_ conversation: Conversation, _ inbound: Inbound, now: Instant) -> StepResult {
        var turn = Turn(engine: self, conversation: conversation)
        turn.receive(inbound, now: now)
        return turn.result
    }

    /// Classifies the inbound's text now, so that `step` need not: pure work that a server runs in
    /// parallel before it queues the step behind others on the store's writer. Returns the
    /// inbound unchanged when the step would not classify it (a tap with metadata, a command, no
    /// text, no classifier); the step gives the same result either way.
    public func preclassify(_ inbound: Inbound) -> Inbound {
        guard let classifier = bot.classifier, inbound.quickReplyMetadata == nil else { return inbound }
        let text = Self.readableText(inbound.text)
        let key = TextMatching.key(text)
        guard !key.isEmpty, bot.commandsByKey[key] == nil else { return inbound }
        var prepared = inbound
        prepared.preclassified = Inbound.Preclassified(
            botVersion: bot.version, text: text, classification: classifier.classify(text))
        return prepared
    }

    /// The part of an inbound text the engine reads: at most `maximumInboundLength`, trimmed.
    static func readableText(_ text: String) -> String {
        let bounded = text.utf8.count <= maximumInboundLength ? text : String(text.prefix(maximumInboundLength))
        return bounded.trimmingSpaces()
    }

    /// Shows the start state, as a channel's welcome message would (the simulator's first screen).
    public func welcome(_ conversation: Conversation, now: Instant) -> StepResult {
        begin(at: bot.start, conversation, now: now)
    }

    /// Enters a state as if the conversation had just arrived there: its message is sent and the
    /// conversation waits for its input. Conversation tests use it to start mid-flow.
    public func begin(at state: StateID, _ conversation: Conversation, now: Instant) -> StepResult {
        var turn = Turn(engine: self, conversation: conversation)
        turn.conversation.lastActivity = now
        turn.trace.append(.started(state))
        turn.enter(state)
        return turn.result
    }

    /// Gives the conversation back to the bot after an agent resolved it, optionally asking for a
    /// 1–5 rating with quick replies.
    public func handBack(_ conversation: Conversation, now: Instant, askForRating: Bool) -> StepResult {
        var turn = Turn(engine: self, conversation: conversation)
        turn.conversation.lastActivity = now
        turn.conversation.phase = .at(bot.start)
        turn.conversation.offered = []
        if askForRating { turn.askForRating() }
        return turn.result
    }

    /// The options a conversation that has not started yet may tap: those of the start state, as
    /// shown in the channel's welcome message (turn 0).
    func welcomeOptions() -> [OfferedOption] { welcome }

    private static func offeredWelcome(_ bot: Bot) -> [OfferedOption] {
        guard let start = bot.states[bot.start] else { return [] }
        return start.options.enumerated().map { index, option in
            OfferedOption(
                token: QuickReplyToken(version: bot.version, turn: 0, index: index).rawValue,
                label: option.label, choice: .stateOption(bot.start, index: index))
        }
    }

    /// The quick replies to put in a channel's welcome message, with the metadata the engine accepts.
    public func welcomeQuickReplies() -> [OutgoingQuickReply] {
        guard let start = bot.states[bot.start] else { return [] }
        return zip(welcomeOptions(), start.options).map { offered, option in
            OutgoingQuickReply(label: option.label, description: option.description, metadata: offered.token)
        }
    }
}
