// TEMPORARY: the classifier's public types, as agreed with the classifier branch.
// Deleted when that branch merges (it defines the same names in Intents/).

public struct ScoredIntent: Sendable, Hashable {
    public var intent: IntentID
    public var confidence: Double
    public init(intent: IntentID, confidence: Double) {
        self.intent = intent
        self.confidence = confidence
    }
}

public struct Classification: Sendable {
    public var ranked: [ScoredIntent]
    public var explanation: [String]
    public init(ranked: [ScoredIntent], explanation: [String] = []) {
        self.ranked = ranked
        self.explanation = explanation
    }
}

public enum Decision: Sendable, Hashable {
    case confident(ScoredIntent)
    case ambiguous([ScoredIntent])
    case unknown([ScoredIntent])
}

public struct DecisionPolicy: Sendable {
    public var threshold: Double
    public var ambiguityMargin: Double
    public var perIntentThreshold: [IntentID: Double]
    public init(threshold: Double, ambiguityMargin: Double, perIntentThreshold: [IntentID: Double] = [:]) {
        self.threshold = threshold
        self.ambiguityMargin = ambiguityMargin
        self.perIntentThreshold = perIntentThreshold
    }
    public func decide(_ classification: Classification) -> Decision {
        let ranked = classification.ranked
        guard let top = ranked.first else { return .unknown([]) }
        let bar = perIntentThreshold[top.intent] ?? threshold
        let second = ranked.dropFirst().first?.confidence ?? 0
        if top.confidence >= bar && top.confidence - second >= ambiguityMargin { return .confident(top) }
        if top.confidence >= bar * 0.5 && top.confidence - second < ambiguityMargin {
            return .ambiguous(Array(ranked.prefix(3).filter { top.confidence - $0.confidence < ambiguityMargin }))
        }
        return .unknown(Array(ranked.prefix(3)))
    }
}
