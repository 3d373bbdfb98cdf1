/// Training the classifier from the intent files, and the checks that need it.
extension BotDefinition {
    /// Every example utterance, labelled with its intent.
    public var trainingExamples: [LabeledUtterance] {
        intents.flatMap { intent in intent.examples.map { LabeledUtterance(text: $0, intent: intent.id) } }
    }

    /// Keywords and phrases by intent.
    public var keywordsByIntent: [IntentID: [String]] {
        Dictionary(intents.filter { !$0.keywords.isEmpty }.map { ($0.id, $0.keywords) }, uniquingKeysWith: +)
    }

    /// The classifier for free text, trained deterministically now; nil for a bot without intents.
    public func trainClassifier() -> IntentClassifier? {
        guard !intents.isEmpty else { return nil }
        return IntentClassifier(definitions: intents, outOfScope: settings.outOfScope)
    }

    /// Warnings about intents the classifier keeps mixing up in cross-validation, with the pair.
    public func nearDuplicateIntentWarnings(minimumRate: Double = 0.15) -> [Diagnostic] {
        guard intents.count >= 2, trainingExamples.count >= 10 else { return [] }
        let byID = Dictionary(intents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return IntentEvaluator.nearDuplicateIntents(
            examples: trainingExamples, keywords: keywordsByIntent, minimumRate: minimumRate
        ).map { pair in
            let percent = Int(pair.rate * 100 + 0.5)
            return .warning(
                DiagnosticCode.nearDuplicateIntents,
                "intents '\(pair.first)' and '\(pair.second)' are confused with each other in \(percent)% of "
                    + "cross-validated examples (\(pair.firstAsSecond) one way, \(pair.secondAsFirst) the other); "
                    + "merge them, or give each examples that tell them apart",
                at: byID[pair.first]?.location,
                notes: [Diagnostic.Note("'\(pair.second)' is defined here", at: byID[pair.second]?.location)])
        }
    }
}
