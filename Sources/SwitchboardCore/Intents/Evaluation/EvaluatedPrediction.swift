/// One held-out message as the classifier saw it: what was expected and what was ranked.
public struct EvaluatedPrediction: Sendable, Hashable {
    /// The true intent; nil for an out-of-scope message (one no intent should answer).
    public var expected: IntentID?
    /// The classifier's top intents, best first.
    public var ranked: [ScoredIntent]

    public init(expected: IntentID?, ranked: [ScoredIntent]) {
        self.expected = expected
        self.ranked = ranked
    }

    /// The intent the classifier put first.
    public var predicted: IntentID? { ranked.first?.intent }
    /// The confidence of the first intent (0 when nothing was ranked).
    public var confidence: Double { ranked.first?.confidence ?? 0 }
    /// True when an in-scope message got its own intent first.
    public var isCorrect: Bool { expected != nil && predicted == expected }
}

/// Where a long evaluation has got to, for a progress line.
public struct EvaluationProgress: Sendable, Hashable, CustomStringConvertible {
    /// Steps done so far, out of `total`.
    public var completed: Int
    public var total: Int
    /// What is happening, such as "fold 2 of 5: training on 12,000 examples".
    public var message: String

    public init(completed: Int, total: Int, message: String) {
        self.completed = completed
        self.total = total
        self.message = message
    }

    public var description: String { "[\(completed)/\(total)] \(message)" }
}
