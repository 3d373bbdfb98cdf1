/// A loaded, validated bot: the flows' states, the intents, the settings and the classifier.
///
/// Built by the loader after validation has passed; the engine only reads it.
public struct Bot: Sendable {
    public var states: [StateID: FlowState]
    public var start: StateID
    public var commands: [GlobalCommand]
    public var intents: [IntentID: IntentDefinition]
    public var settings: BotSettings
    /// Identifies this version of the flows; written into quick-reply metadata.
    public var version: String
    public var classifier: (any TextClassifying)?

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
    }

    /// The policy that turns a classification into one of the three decisions.
    public var decisionPolicy: DecisionPolicy {
        DecisionPolicy(
            threshold: settings.threshold, ambiguityMargin: settings.ambiguityMargin,
            perIntentThreshold: intents.compactMapValues(\.threshold))
    }
}
