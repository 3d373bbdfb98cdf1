/// The area under the ROC curve: the probability that a random positive scores above a random
/// negative (ties count half). Used for "in-scope vs out-of-scope" with the top confidence as score.
public enum ReceiverOperatingCharacteristic {
    /// AUROC of `positives` against `negatives`; nil when either is empty.
    ///
    /// Complexity: O((p + n) log(p + n)) by ranking (the Mann–Whitney U statistic).
    public static func area(positives: [Double], negatives: [Double]) -> Double? {
        guard !positives.isEmpty, !negatives.isEmpty else { return nil }
        let all = (positives.map { ($0, true) } + negatives.map { ($0, false) }).sorted { $0.0 < $1.0 }
        var rankSum = 0.0
        var i = 0
        while i < all.count {
            var j = i
            while j + 1 < all.count && all[j + 1].0 == all[i].0 { j += 1 }
            let averageRank = Double(i + j) / 2 + 1
            for k in i...j where all[k].1 { rankSum += averageRank }
            i = j + 1
        }
        let p = Double(positives.count)
        let n = Double(negatives.count)
        return (rankSum - p * (p + 1) / 2) / (p * n)
    }
}
