/// One state of a flow: what the bot says on entry and what it waits for.
public struct FlowState: Hashable, Sendable {
    public var id: StateID
    /// Said on entering the state. Absent for pure routing states.
    public var say: MessageText?
    public var options: [QuickReplyOption]
    public var buttons: [URLButton]
    /// What free text does in this state (when it is not an option's label or a command).
    public var onText: TextHandling?
    /// Slot capture: ask, validate, retry, give up.
    public var ask: SlotCapture?
    /// Automatic next: where to go after `say` (or after the slot is captured).
    public var next: Action?
    /// A terminal state: the conversation ends after `say`.
    public var isEnd: Bool
    /// Where the state is defined, for diagnostics.
    public var location: SourceLocation?
    /// The file that defines it.
    public var file: String

    public init(
        id: StateID, say: MessageText? = nil, options: [QuickReplyOption] = [], buttons: [URLButton] = [],
        onText: TextHandling? = nil, ask: SlotCapture? = nil, next: Action? = nil, isEnd: Bool = false,
        location: SourceLocation? = nil, file: String = ""
    ) {
        self.id = id
        self.say = say
        self.options = options
        self.buttons = buttons
        self.onText = onText
        self.ask = ask
        self.next = next
        self.isEnd = isEnd
        self.location = location
        self.file = file
    }

    /// A state waits for the customer when it offers options, asks for a slot or handles text.
    public var waitsForInput: Bool { !options.isEmpty || ask != nil || onText != nil }
}

/// What free text does in a state.
public enum TextHandling: Hashable, Sendable {
    /// Send it to the intent classifier (confident → act, ambiguous → clarify, unknown → hand off).
    case classify
    /// Say the state's message again (with an optional hint first).
    case reprompt(hint: String?)
    /// Take this action whatever the text says.
    case act(Action)
}

/// Ask for a value, check it against a pattern, retry, then give up.
public struct SlotCapture: Hashable, Sendable {
    public var slot: SlotName
    /// A regular expression the whole (trimmed) answer must match; absent means any non-empty text.
    public var pattern: String?
    /// Said when the answer does not match.
    public var retry: MessageText?
    /// How many wrong answers are retried before `onFail` (so `maxRetries + 1` answers in all).
    public var maxRetries: Int
    /// What happens after the last wrong answer; a hand-off with reason `slot_failed` when absent.
    public var onFail: Action?
    public var location: SourceLocation?

    public init(
        slot: SlotName, pattern: String? = nil, retry: MessageText? = nil, maxRetries: Int = 2,
        onFail: Action? = nil, location: SourceLocation? = nil
    ) {
        self.slot = slot
        self.pattern = pattern
        self.retry = retry
        self.maxRetries = maxRetries
        self.onFail = onFail
        self.location = location
    }
}

/// A command that works from any state, in the words of the flow ("agent", "menu", "stop").
public struct GlobalCommand: Hashable, Sendable {
    /// Whole messages that trigger it, compared case- and space-insensitively.
    public var words: [String]
    /// Said before the action.
    public var say: MessageText?
    public var action: Action
    public var location: SourceLocation?

    public init(words: [String], say: MessageText? = nil, action: Action, location: SourceLocation? = nil) {
        self.words = words
        self.say = say
        self.action = action
        self.location = location
    }
}
