extension IntentClassifier {
    /// Trains on a bot's intent definitions: their examples and keywords, plus the bot's
    /// out-of-scope examples (`BotSettings.outOfScope`). Intents are taken in id order, so the
    /// same files always give the same classifier.
    public init(
        definitions: [IntentDefinition], outOfScope: [String] = [], configuration: ClassifierConfiguration = .init()
    ) {
        let sorted = definitions.sorted { $0.id < $1.id }
        let examples = sorted.flatMap { definition in
            definition.examples.map { LabeledUtterance(text: $0, intent: definition.id) }
        }
        var keywords: [IntentID: [String]] = [:]
        for definition in sorted where !definition.keywords.isEmpty {
            keywords[definition.id, default: []] += definition.keywords
        }
        self.init(examples: examples, keywords: keywords, outOfScope: outOfScope, configuration: configuration)
    }
}
