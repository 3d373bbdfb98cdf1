/// What the bot does with a classified message.
public enum Decision: Sendable, Hashable {
    /// Sure enough: answer with this intent.
    case confident(ScoredIntent)
    /// Two or three intents are close and together likely: ask the customer which one they meant.
    case ambiguous([ScoredIntent])
    /// Not sure: hand off to a person; the top intents go into the hand-off record.
    case unknown([ScoredIntent])
}

/// Turns a ``Classification`` into a ``Decision`` with thresholds set per bot, overridable per intent.
///
/// - confident: the top confidence reaches the threshold (the intent's own, if set) and leads the
///   second by at least `ambiguityMargin`;
/// - ambiguous: otherwise, when the intents within `ambiguityMargin` of the top (two or three)
///   together reach the top intent's threshold — the answer is one of them;
/// - unknown: otherwise.
public struct DecisionPolicy: Sendable, Hashable {
    /// Confidence needed to answer without asking.
    public var threshold: Double
    /// How far the top intent must lead the second to be answered without asking.
    public var ambiguityMargin: Double
    /// Thresholds for particular intents (e.g. stricter for "cancel my account").
    public var perIntentThreshold: [IntentID: Double]
    /// Most intents offered when asking.
    public static let maximumChoices = 3
    /// Intents carried by an unknown decision into the hand-off record.
    public static let handOffCandidates = 3

    public init(threshold: Double = 0.7, ambiguityMargin: Double = 0.15, perIntentThreshold: [IntentID: Double] = [:]) {
        self.threshold = threshold
        self.ambiguityMargin = ambiguityMargin
        self.perIntentThreshold = perIntentThreshold
    }

    /// The threshold that applies to `intent`.
    public func threshold(for intent: IntentID) -> Double { perIntentThreshold[intent] ?? threshold }

    /// Decides what to do with `classification`.
    public func decide(_ classification: Classification) -> Decision {
        let ranked = classification.ranked
        guard let top = ranked.first else { return .unknown([]) }
        let required = threshold(for: top.intent)
        let second = ranked.count > 1 ? ranked[1].confidence : 0
        if top.confidence >= required && top.confidence - second >= ambiguityMargin {
            return .confident(top)
        }
        let close = ranked.prefix(Self.maximumChoices).filter { top.confidence - $0.confidence < ambiguityMargin }
        if close.count >= 2 && close.reduce(0, { $0 + $1.confidence }) >= required {
            return .ambiguous(Array(close))
        }
        return .unknown(Array(ranked.prefix(Self.handOffCandidates)))
    }
}
