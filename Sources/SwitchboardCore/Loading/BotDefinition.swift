/// A bot as its files define it, after validation passed: flows, intents, settings and a version.
///
/// Made by `BotLoader.load`; `makeBot(classifier:)` turns it into the `Bot` the engine runs.
public struct BotDefinition: Hashable, Sendable {
    /// The flows, in path order.
    public var flows: [Flow]
    /// The intents, in path order and then file order.
    public var intents: [IntentDefinition]
    /// Classifier settings (from the one intents file that has them, else defaults) with the start
    /// flow's session expiry and every file's `outOfScope` examples.
    public var settings: BotSettings
    /// The welcome state.
    public var start: StateID
    /// 16 hexadecimal digits identifying these exact files (FNV-1a 64 of paths and bytes).
    public var version: String

    public init(flows: [Flow], intents: [IntentDefinition], settings: BotSettings, start: StateID, version: String) {
        self.flows = flows
        self.intents = intents
        self.settings = settings
        self.start = start
        self.version = version
    }

    /// Every state of every flow, by name.
    public var states: [StateID: FlowState] {
        var states: [StateID: FlowState] = [:]
        for flow in flows {
            states.merge(flow.states) { first, _ in first }
        }
        return states
    }

    /// The commands of every flow, in path order.
    public var commands: [GlobalCommand] { flows.flatMap(\.commands) }

    /// The bot the engine runs, with an optional classifier for free text.
    public func makeBot(classifier: (any TextClassifying)?) -> Bot {
        Bot(
            states: states, start: start, commands: commands,
            intents: Dictionary(intents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            settings: settings, version: version, classifier: classifier)
    }
}
