/// Splits examples into k folds with each intent spread evenly over them (seeded, reproducible).
public enum StratifiedFolds {
    /// Indices of `labels` per fold: `count` folds, each label's members shuffled then dealt round-robin.
    public static func make<Label: Hashable & Comparable>(labels: [Label], count: Int, seed: UInt64) -> [[Int]] {
        let k = max(1, count)
        var folds = [[Int]](repeating: [], count: k)
        var byLabel: [Label: [Int]] = [:]
        for (index, label) in labels.enumerated() { byLabel[label, default: []].append(index) }
        var generator = SeededGenerator(seed: seed)
        var next = 0
        for label in byLabel.keys.sorted() {
            guard var members = byLabel[label] else { continue }
            members.shuffle(using: &generator)
            for member in members {
                folds[next % k].append(member)
                next += 1
            }
        }
        return folds.map { $0.sorted() }
    }
}
