/// Temperature scaling: one positive number that turns raw class scores into calibrated
/// probabilities, `softmax(scores / T)`, fitted by minimising the negative log-likelihood of
/// held-out examples.
enum TemperatureScaling {
    /// Search bounds for the temperature (the scores of a linear SVM live in about [-2, 2]).
    static let range: ClosedRange<Double> = 0.002...20
    /// Golden-section iterations: shrinks the search interval a million-fold.
    static let iterations = 36

    /// Probabilities of `scores` at temperature `temperature`.
    static func probabilities(_ scores: [Float], temperature: Double, offsets: [Double]? = nil) -> [Double] {
        let inverse = Float(1 / temperature)
        var logits = scores.map { $0 * inverse }
        if let offsets { for i in logits.indices where i < offsets.count { logits[i] += Float(offsets[i]) } }
        let top = logits.max() ?? 0
        var sum: Float = 0
        for i in logits.indices {
            logits[i] = Elementary.fastExp(logits[i] - top)
            sum += logits[i]
        }
        return logits.map { Double($0 / sum) }
    }

    /// The temperature that best explains `labels` given `scores` (one score array per example).
    static func fit(scores allScores: [[Float]], labels allLabels: [Int]) -> Double {
        guard !allScores.isEmpty else { return 1 }
        let scores = allScores
        let labels = allLabels
        func loss(_ logTemperature: Double) -> Double {
            let t = Elementary.exp(logTemperature)
            var total = 0.0
            for (row, label) in zip(scores, labels) {
                let top = Double(row.max() ?? 0) / t
                var sum = 0.0
                for score in row { sum += Elementary.exp(Double(score) / t - top) }
                total += Elementary.log(sum) + top - Double(row[label]) / t
            }
            return total / Double(scores.count)
        }
        let ratio = (5.0.squareRoot() - 1) / 2
        var low = Elementary.log(range.lowerBound)
        var high = Elementary.log(range.upperBound)
        var x1 = high - ratio * (high - low)
        var x2 = low + ratio * (high - low)
        var f1 = loss(x1)
        var f2 = loss(x2)
        for _ in 0..<iterations {
            if f1 < f2 {
                high = x2
                x2 = x1
                f2 = f1
                x1 = high - ratio * (high - low)
                f1 = loss(x1)
            } else {
                low = x1
                x1 = x2
                f1 = f2
                x2 = low + ratio * (high - low)
                f2 = loss(x2)
            }
        }
        return Elementary.exp((low + high) / 2)
    }
}
