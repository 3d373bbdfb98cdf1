/// One confidence bin of a reliability table.
public struct ReliabilityBin: Sendable, Hashable {
    /// The bin covers confidences in `lower..<upper` (the last bin includes 1).
    public var lower: Double
    public var upper: Double
    public var count: Int
    /// Mean reported confidence of the predictions in the bin.
    public var meanConfidence: Double
    /// Share of them that were right.
    public var accuracy: Double
}

/// How well confidences match reality: per bin, mean confidence against accuracy, and the
/// expected calibration error (ECE), the count-weighted mean gap between the two.
public struct ReliabilityTable: Sendable, Hashable {
    public var bins: [ReliabilityBin]
    /// Σ (count/total) × |accuracy − mean confidence| over the bins; 0 is perfectly calibrated.
    public var expectedCalibrationError: Double

    /// Builds the table from in-scope predictions (out-of-scope ones are ignored) in equal-width bins.
    public init(_ predictions: [EvaluatedPrediction], binCount: Int = 10) {
        self.init(
            outcomes: predictions.filter { $0.expected != nil }.map { ($0.confidence, $0.isCorrect) },
            binCount: binCount)
    }

    /// Builds the table from (confidence, was right) pairs.
    public init(outcomes: [(confidence: Double, correct: Bool)], binCount: Int = 10) {
        let count = max(1, binCount)
        var sums = [(n: Int, confidence: Double, correct: Int)](repeating: (0, 0, 0), count: count)
        for outcome in outcomes {
            let clamped = min(max(outcome.confidence, 0), 1)
            let index = min(count - 1, Int(clamped * Double(count)))
            sums[index].n += 1
            sums[index].confidence += clamped
            sums[index].correct += outcome.correct ? 1 : 0
        }
        var bins: [ReliabilityBin] = []
        var error = 0.0
        for (index, sum) in sums.enumerated() {
            let mean = sum.n > 0 ? sum.confidence / Double(sum.n) : 0
            let accuracy = sum.n > 0 ? Double(sum.correct) / Double(sum.n) : 0
            bins.append(
                ReliabilityBin(
                    lower: Double(index) / Double(count), upper: Double(index + 1) / Double(count), count: sum.n,
                    meanConfidence: mean, accuracy: accuracy))
            if !outcomes.isEmpty { error += Double(sum.n) / Double(outcomes.count) * abs(accuracy - mean) }
        }
        self.bins = bins
        expectedCalibrationError = error
    }
}
