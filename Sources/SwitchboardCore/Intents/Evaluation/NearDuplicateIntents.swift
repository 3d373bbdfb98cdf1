/// Two intents that the classifier mixes up in both directions: probably one intent, or two
/// intents whose examples need to be told apart.
public struct NearDuplicatePair: Sendable, Hashable {
    public var first: IntentID
    public var second: IntentID
    /// Messages of `first` classified as `second`, and the reverse.
    public var firstAsSecond: Int
    public var secondAsFirst: Int
    /// (firstAsSecond + secondAsFirst) / (examples of first + examples of second).
    public var rate: Double
}

/// Finds near-duplicate intents from held-out (cross-validated) predictions.
public enum NearDuplicateIntents {
    /// Pairs whose mutual confusion rate reaches `minimumRate`, worst first.
    public static func find(in predictions: [EvaluatedPrediction], minimumRate: Double = 0.1) -> [NearDuplicatePair] {
        var totals: [IntentID: Int] = [:]
        var confusions: [ConfusedPairKey: Int] = [:]
        for prediction in predictions {
            guard let expected = prediction.expected else { continue }
            totals[expected, default: 0] += 1
            if let predicted = prediction.predicted, predicted != expected {
                confusions[ConfusedPairKey(expected: expected, predicted: predicted), default: 0] += 1
            }
        }
        var pairs: [NearDuplicatePair] = []
        var seen: Set<ConfusedPairKey> = []
        for key in confusions.keys {
            let first = min(key.expected, key.predicted)
            let second = max(key.expected, key.predicted)
            guard seen.insert(ConfusedPairKey(expected: first, predicted: second)).inserted else { continue }
            let forward = confusions[ConfusedPairKey(expected: first, predicted: second)] ?? 0
            let backward = confusions[ConfusedPairKey(expected: second, predicted: first)] ?? 0
            let examples = (totals[first] ?? 0) + (totals[second] ?? 0)
            guard examples > 0 else { continue }
            let rate = Double(forward + backward) / Double(examples)
            if rate >= minimumRate && forward > 0 && backward > 0 {
                pairs.append(
                    NearDuplicatePair(first: first, second: second, firstAsSecond: forward, secondAsFirst: backward, rate: rate))
            }
        }
        return pairs.sorted { $0.rate != $1.rate ? $0.rate > $1.rate : $0.first < $1.first }
    }
}
