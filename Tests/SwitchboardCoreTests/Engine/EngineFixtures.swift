import SwitchboardCore

/// A classifier that answers from a fixed table: texts map to ranked intents.
struct TableClassifier: TextClassifying {
    var table: [String: [ScoredIntent]]
    func classify(_ text: String) -> Classification {
        Classification(ranked: table[text.lowercased()] ?? [])
    }
}

/// A small bot: welcome menu, billing, an outage ZIP capture, and global commands.
func makeTestBot(classifier: (any TextClassifying)? = nil, version: String = "v1") -> Bot {
    let states: [FlowState] = [
        FlowState(
            id: "welcome", say: MessageText("Hi {{user.name}}! What can I help with?"),
            options: [
                QuickReplyOption(label: "Billing", description: "Charges", action: .goTo("billing")),
                QuickReplyOption(label: "Report an outage", description: "No signal", action: .goTo("outage.zip")),
                QuickReplyOption(
                    label: "Talk to a person", description: "An agent replies soon",
                    action: .handOff(HandOff(queue: "general"))),
            ],
            onText: .classify),
        FlowState(
            id: "billing", say: MessageText("Billing: what do you need?"),
            options: [
                QuickReplyOption(label: "Explain my bill", action: .trigger("bill_explain")),
                QuickReplyOption(label: "Back", action: .goTo("welcome")),
            ],
            onText: .reprompt(hint: "Please tap an option.")),
        FlowState(
            id: "outage.zip", say: MessageText("Sorry about that! What's your ZIP code?"),
            ask: SlotCapture(
                slot: "zip", pattern: "^[0-9]{5}$", retry: MessageText("Five digits, please."), maxRetries: 2,
                onFail: .handOff(HandOff(queue: "tech"))),
            next: .goTo("outage.done")),
        FlowState(id: "outage.done", say: MessageText("Thanks! We're checking {{slot.zip}}."), isEnd: true),
    ]
    let intents: [IntentDefinition] = [
        IntentDefinition(
            id: "bill_explain", label: "Explain my bill", examples: [],
            response: .reply(say: MessageText("Your bill has three parts."), options: [], buttons: [])),
        IntentDefinition(id: "track_order", label: "Track an order", examples: [], response: .goTo("billing")),
        IntentDefinition(
            id: "cancel", label: "Cancel my plan", examples: [], response: .handOff(HandOff(queue: "retention"))),
    ]
    return Bot(
        states: Dictionary(uniqueKeysWithValues: states.map { ($0.id, $0) }), start: "welcome",
        commands: [
            GlobalCommand(words: ["agent", "human"], action: .handOff(HandOff(queue: "general"))),
            GlobalCommand(words: ["menu"], action: .goTo("welcome")),
            GlobalCommand(words: ["stop"], say: MessageText("OK, stopping here."), action: .end),
        ],
        intents: Dictionary(uniqueKeysWithValues: intents.map { ($0.id, $0) }),
        settings: BotSettings(threshold: 0.6, ambiguityMargin: 0.15, fallbackQueue: "general"),
        version: version, classifier: classifier)
}

let testKey = ConversationKey(account: "brand", customer: "jane")
let t0 = Instant(milliseconds: 1_700_000_000_000)

extension StepResult {
    var sent: [OutgoingMessage] {
        effects.compactMap { if case .send(let message) = $0 { message } else { nil } }
    }
    var handOffs: [HandOffRequest] {
        effects.compactMap { if case .handOff(let request) = $0 { request } else { nil } }
    }
    var lastOptions: [OutgoingQuickReply] { sent.last?.quickReplies ?? [] }
}

/// Drives one conversation through an engine, like a customer would.
struct Chat {
    var engine: Engine
    var conversation = Conversation(key: testKey, profile: CustomerProfile(name: "Jane Doe", handle: "jane"))
    var now = t0
    var last: StepResult?

    init(_ bot: Bot) { engine = Engine(bot: bot) }

    @discardableResult
    mutating func say(_ text: String, metadata: String? = nil, after: Duration = .seconds(5)) -> StepResult {
        now = now + after
        let result = engine.step(conversation, Inbound(text: text, quickReplyMetadata: metadata), now: now)
        conversation = result.conversation
        last = result
        return result
    }

    /// Taps the option with this label in the last message, sending its metadata.
    @discardableResult
    mutating func tap(_ label: String) -> StepResult {
        let metadata = last?.lastOptions.first { $0.label == label }?.metadata
        return say(label, metadata: metadata)
    }
}
