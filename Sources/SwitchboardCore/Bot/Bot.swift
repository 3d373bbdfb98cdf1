/// A loaded, validated bot: the flows' states, the intents, the settings and the classifier.
///
/// Built by the loader after validation has passed; the engine only reads it.
public final class Bot: Sendable {
    public let states: [StateID: FlowState]
    public let start: StateID
    public let commands: [GlobalCommand]
    public let intents: [IntentID: IntentDefinition]
    public let settings: BotSettings
    /// Identifies this version of the flows; written into quick-reply metadata.
    public let version: String
    public let classifier: (any TextClassifying)?
    /// Command words by their comparison key (see `TextMatching`), for one lookup per message.
    public let commandsByKey: [String: GlobalCommand]
    /// The comparison keys of every state's option labels (see `TextMatching`), by option index.
    let optionKeys: [StateID: [String]]
    /// Every slot pattern of every state, compiled once.
    let slotPatterns: [StateID: SlotPattern]

    public init(
        states: [StateID: FlowState], start: StateID, commands: [GlobalCommand] = [],
        intents: [IntentID: IntentDefinition] = [:], settings: BotSettings = BotSettings(), version: String = "v0",
        classifier: (any TextClassifying)? = nil
    ) {
        self.states = states
        self.start = start
        self.commands = commands
        self.intents = intents
        self.settings = settings
        self.version = version
        self.classifier = classifier
        var byKey: [String: GlobalCommand] = [:]
        for command in commands {
            for word in command.words where byKey[TextMatching.key(word)] == nil {
                byKey[TextMatching.key(word)] = command
            }
        }
        self.commandsByKey = byKey
        self.decisionPolicy = DecisionPolicy(
            threshold: settings.threshold, ambiguityMargin: settings.ambiguityMargin,
            perIntentThreshold: intents.compactMapValues(\.threshold))
        self.optionKeys = states.mapValues { state in state.options.map { TextMatching.key($0.label) } }
        self.slotPatterns = states.compactMapValues { state in state.ask.map { SlotPattern($0.pattern) } }
    }

    /// The policy that turns a classification into one of the three decisions.
    public let decisionPolicy: DecisionPolicy
}
