/// Two intents the classifier mixed up, and how often.
public struct ConfusedPair: Sendable, Hashable {
    public var expected: IntentID
    public var predicted: IntentID
    public var count: Int

    public init(expected: IntentID, predicted: IntentID, count: Int) {
        self.expected = expected
        self.predicted = predicted
        self.count = count
    }
}

/// Accuracy, macro-averaged F1 and the most confused pairs of in-scope predictions.
public enum ClassificationMetrics {
    /// Share of in-scope predictions whose top intent is the expected one (nil when there are none).
    public static func accuracy(_ predictions: [EvaluatedPrediction]) -> Double? {
        let inScope = predictions.filter { $0.expected != nil }
        guard !inScope.isEmpty else { return nil }
        return Double(inScope.filter(\.isCorrect).count) / Double(inScope.count)
    }

    /// The unweighted mean over intents of F1 = 2PR/(P+R), over in-scope predictions.
    ///
    /// Intents are those expected or predicted; an intent never predicted has precision 0.
    public static func macroF1(_ predictions: [EvaluatedPrediction]) -> Double? {
        var truePositives: [IntentID: Int] = [:]
        var expectedCount: [IntentID: Int] = [:]
        var predictedCount: [IntentID: Int] = [:]
        for prediction in predictions {
            guard let expected = prediction.expected else { continue }
            expectedCount[expected, default: 0] += 1
            if let predicted = prediction.predicted {
                predictedCount[predicted, default: 0] += 1
                if predicted == expected { truePositives[expected, default: 0] += 1 }
            }
        }
        let intents = Set(expectedCount.keys).union(predictedCount.keys)
        guard !intents.isEmpty else { return nil }
        var total = 0.0
        for intent in intents {
            let tp = Double(truePositives[intent] ?? 0)
            let precision = tp / Double(max(1, predictedCount[intent] ?? 0))
            let recall = tp / Double(max(1, expectedCount[intent] ?? 0))
            total += precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        }
        return total / Double(intents.count)
    }

    /// The most frequent (expected → predicted) mistakes, most frequent first, ties by name.
    public static func confusedPairs(_ predictions: [EvaluatedPrediction], limit: Int = 10) -> [ConfusedPair] {
        var counts: [ConfusedPairKey: Int] = [:]
        for prediction in predictions {
            guard let expected = prediction.expected, let predicted = prediction.predicted, predicted != expected
            else { continue }
            counts[ConfusedPairKey(expected: expected, predicted: predicted), default: 0] += 1
        }
        return counts.map { ConfusedPair(expected: $0.key.expected, predicted: $0.key.predicted, count: $0.value) }
            .sorted {
                if $0.count != $1.count { return $0.count > $1.count }
                if $0.expected != $1.expected { return $0.expected < $1.expected }
                return $0.predicted < $1.predicted
            }
            .prefix(max(0, limit)).map { $0 }
    }
}

struct ConfusedPairKey: Hashable {
    var expected: IntentID
    var predicted: IntentID
}
