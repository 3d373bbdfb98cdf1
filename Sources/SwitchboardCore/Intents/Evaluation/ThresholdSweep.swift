/// What happens at one confidence threshold: how much the bot answers, and how well.
public struct ThresholdPoint: Sendable, Hashable {
    public var threshold: Double
    /// Share of in-scope messages answered (top confidence ≥ threshold).
    public var coverage: Double
    /// Share of answered messages (in-scope and out-of-scope) answered with the right intent;
    /// 1 when nothing is answered.
    public var precision: Double
    /// Share of out-of-scope messages handed off (top confidence < threshold); nil without such data.
    public var outOfScopeRecall: Double?
    /// Messages answered automatically.
    public var answered: Int
}

/// The coverage / precision trade-off over thresholds, and the threshold that reaches a target
/// auto-answer precision.
public enum ThresholdSweep {
    /// Thresholds 0.00, 0.05, …, 0.95, 0.99: the grid the report prints.
    public static let defaultThresholds: [Double] = (0..<20).map { Double($0) / 20 } + [0.99]

    /// The trade-off at one threshold.
    ///
    /// `outOfScopeShare` (in [0, 1)), when given, weighs the out-of-scope messages as if they were
    /// that share of all traffic, so precision reflects production rather than the mix of the
    /// evaluation set (CLINC150's validation split is 3% out of scope, its test split 18%).
    public static func point(
        at threshold: Double, _ predictions: [EvaluatedPrediction], outOfScopeShare: Double? = nil
    ) -> ThresholdPoint {
        var inScope = 0
        var outOfScope = 0
        var answeredInScope = 0
        var answeredOutOfScope = 0
        var correct = 0
        for prediction in predictions {
            let answered = prediction.confidence >= threshold
            if prediction.expected == nil {
                outOfScope += 1
                if answered { answeredOutOfScope += 1 }
            } else {
                inScope += 1
                if answered {
                    answeredInScope += 1
                    if prediction.isCorrect { correct += 1 }
                }
            }
        }
        let answered = answeredInScope + answeredOutOfScope
        var weight = 1.0
        if let share = outOfScopeShare, share >= 0, share < 1, outOfScope > 0 {
            weight = share / (1 - share) * Double(inScope) / Double(outOfScope)
        }
        let weightedAnswered = Double(answeredInScope) + weight * Double(answeredOutOfScope)
        return ThresholdPoint(
            threshold: threshold,
            coverage: inScope > 0 ? Double(answeredInScope) / Double(inScope) : 0,
            precision: weightedAnswered > 0 ? Double(correct) / weightedAnswered : 1,
            outOfScopeRecall: outOfScope > 0 ? Double(outOfScope - answeredOutOfScope) / Double(outOfScope) : nil,
            answered: answered)
    }

    /// The trade-off at each of `thresholds`.
    public static func sweep(
        _ predictions: [EvaluatedPrediction], thresholds: [Double] = defaultThresholds, outOfScopeShare: Double? = nil
    ) -> [ThresholdPoint] {
        thresholds.map { point(at: $0, predictions, outOfScopeShare: outOfScopeShare) }
    }

    /// The lowest threshold (most coverage) whose precision on `predictions` reaches `target`,
    /// searched on a 0.01 grid; nil when no threshold reaches it.
    public static func recommendedThreshold(
        for target: Double, on predictions: [EvaluatedPrediction], outOfScopeShare: Double? = nil
    ) -> Double? {
        for step in 0...100 {
            let threshold = Double(step) / 100
            let point = point(at: threshold, predictions, outOfScopeShare: outOfScopeShare)
            if point.answered > 0 && point.precision >= target { return threshold }
        }
        return nil
    }
}
