/// A sparse feature vector: ascending feature indices with their weights.
struct SparseVector: Sendable {
    var indices: [Int32] = []
    var values: [Float] = []
}

/// The vocabulary of features seen in training with their inverse document frequencies,
/// and the TF-IDF weighting that turns a message's features into an L2-normalised vector.
///
/// Memory is bounded by ``ClassifierConfiguration/maximumFeatures``.
struct FeatureSpace: Sendable {
    private let table: FeatureTable
    private let idf: [Float]
    /// The weight of a feature never seen in training (its document frequency is taken as zero).
    private let unseenIDF: Float
    let count: Int
    let characterGrams: ClosedRange<Int>
    private let blockScale: (words: Float, characters: Float)
    private let countsUnseenFeatures: Bool

    /// Builds the vocabulary from the features of the training documents.
    init(documents: [[FeatureOccurrence]], configuration: ClassifierConfiguration) {
        var frequency: [UInt64: Int32] = [:]
        var seen: Set<UInt64> = []
        for document in documents {
            seen.removeAll(keepingCapacity: true)
            for occurrence in document where seen.insert(occurrence.key).inserted {
                frequency[occurrence.key, default: 0] += 1
            }
        }
        var kept = frequency.filter { $0.value >= Int32(configuration.minimumDocumentFrequency) }
            .map { (key: $0.key, df: $0.value) }
        if kept.count > configuration.maximumFeatures {
            kept.sort { $0.df != $1.df ? $0.df > $1.df : $0.key < $1.key }
            kept.removeLast(kept.count - configuration.maximumFeatures)
        }
        kept.sort { $0.key < $1.key }
        let n = Float(documents.count)
        table = FeatureTable(kept.enumerated().map { (key: $0.element.key, index: Int32($0.offset)) })
        idf = kept.map { Float(Elementary.log(Double((1 + n) / (1 + Float($0.df))))) + 1 }
        unseenIDF = Float(Elementary.log(Double(1 + n))) + 1
        count = kept.count
        characterGrams = configuration.characterGrams
        let share = Float(min(max(configuration.wordShare, 0), 1))
        blockScale = (share.squareRoot(), (1 - share).squareRoot())
        countsUnseenFeatures = configuration.countsUnseenFeaturesInNorm
    }

    /// The vector of one message and, for each of its entries, the occurrence that produced it.
    func vector(_ occurrences: [FeatureOccurrence]) -> (vector: SparseVector, origins: [FeatureOccurrence]) {
        guard !occurrences.isEmpty else { return (SparseVector(), []) }
        let sorted = occurrences.sorted { $0.key < $1.key }
        var entries: [(index: Int32, weight: Float, origin: FeatureOccurrence)] = []
        entries.reserveCapacity(sorted.count)
        var squaredNorm: (words: Float, characters: Float) = (0, 0)
        var i = 0
        while i < sorted.count {
            var j = i + 1
            while j < sorted.count, sorted[j].key == sorted[i].key { j += 1 }
            let tf: Float = j - i == 1 ? 1 : 1 + Float(Elementary.log(Double(j - i)))
            let origin = sorted[i]
            let weight: Float
            if let index = table.index(of: origin.key) {
                weight = tf * idf[Int(index)]
                entries.append((index, weight, origin))
            } else {
                weight = countsUnseenFeatures ? tf * unseenIDF : 0
            }
            switch origin.block {
            case .words: squaredNorm.words += weight * weight
            case .characters: squaredNorm.characters += weight * weight
            }
            i = j
        }
        let wordScale = squaredNorm.words > 0 ? blockScale.words / squaredNorm.words.squareRoot() : 0
        let characterScale =
            squaredNorm.characters > 0 ? blockScale.characters / squaredNorm.characters.squareRoot() : 0
        entries.sort { $0.index < $1.index }
        var vector = SparseVector()
        vector.indices.reserveCapacity(entries.count)
        vector.values.reserveCapacity(entries.count)
        var origins: [FeatureOccurrence] = []
        origins.reserveCapacity(entries.count)
        for entry in entries {
            vector.indices.append(entry.index)
            vector.values.append(entry.weight * (entry.origin.block == .words ? wordScale : characterScale))
            origins.append(entry.origin)
        }
        return (vector, origins)
    }

    /// Approximate bytes held by the vocabulary.
    var memoryFootprint: Int { table.capacity * 12 + idf.count * 4 }
}
