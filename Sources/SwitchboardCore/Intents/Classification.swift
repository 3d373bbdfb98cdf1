/// An intent with the classifier's calibrated confidence that the message expresses it.
public struct ScoredIntent: Sendable, Hashable {
    public var intent: IntentID
    /// Calibrated probability in [0, 1]: across held-out messages, intents reported at 0.9 are
    /// right about 90% of the time.
    public var confidence: Double

    public init(intent: IntentID, confidence: Double) {
        self.intent = intent
        self.confidence = confidence
    }
}

/// What the classifier read in one message: the most likely intents, best first, and why.
public struct Classification: Sendable, Hashable {
    /// The top intents by confidence, best first (ties by intent name). Empty only for a
    /// classifier that knows no intents.
    public var ranked: [ScoredIntent]
    /// The features and keywords that drove the top intent, strongest first, such as
    /// `keyword "refund"` or `word "refund" +0.31`; empty unless asked for
    /// (`IntentClassifier.classify(_:explaining:)`).
    public var explanation: [String]

    public init(ranked: [ScoredIntent], explanation: [String] = []) {
        self.ranked = ranked
        self.explanation = explanation
    }

    /// The best intent, if any.
    public var top: ScoredIntent? { ranked.first }
}
