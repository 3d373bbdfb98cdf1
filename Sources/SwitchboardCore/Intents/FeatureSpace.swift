/// A sparse feature vector: feature indices (each once, in no particular order) with their weights.
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

    /// Builds the vocabulary from the features of the training documents, produced one at a time
    /// (so they need not all be held in memory at once).
    init<Documents: Sequence<[FeatureOccurrence]>>(documents: Documents, configuration: ClassifierConfiguration) {
        var documentCount = 0
        var frequency: [UInt64: Int32] = [:]
        var seen: Set<UInt64> = []
        for document in documents {
            documentCount += 1
            seen.removeAll(keepingCapacity: true)
            for occurrence in document {
                let key = Self.key(of: occurrence)
                if seen.insert(key).inserted { frequency[key, default: 0] += 1 }
            }
        }
        var kept = frequency.filter { $0.value >= Int32(configuration.minimumDocumentFrequency) }
            .map { (key: $0.key, df: $0.value) }
        // Most frequent first: the weight rows a typical message touches are then close together
        // in memory (scoring is memory-bound), and the cap drops the rarest features.
        kept.sort { $0.df != $1.df ? $0.df > $1.df : $0.key < $1.key }
        if kept.count > configuration.maximumFeatures {
            kept.removeLast(kept.count - configuration.maximumFeatures)
        }
        let n = Float(documentCount)
        table = FeatureTable(kept.enumerated().map { (key: $0.element.key, index: Int32($0.offset)) })
        idf = kept.map { Float(Elementary.log(Double((1 + n) / (1 + Float($0.df))))) + 1 }
        unseenIDF = Float(Elementary.log(Double(1 + n))) + 1
        count = kept.count
        characterGrams = configuration.characterGrams
        let share = Float(min(max(configuration.wordShare, 0), 1))
        blockScale = (share.squareRoot(), (1 - share).squareRoot())
        countsUnseenFeatures = configuration.countsUnseenFeaturesInNorm
    }

    /// The vector of one message and, for each entry, the key of its feature (to name it later).
    ///
    /// Complexity: O(n log n) in the number of occurrences (bounded by the normaliser's caps).
    func vector(_ occurrences: [FeatureOccurrence]) -> (vector: SparseVector, keys: [UInt64]) {
        guard !occurrences.isEmpty else { return (SparseVector(), []) }
        // Count each distinct key (the lowest bit carries its block) in a small open-addressing
        // table: linear time, and the slot order is a deterministic function of the keys.
        var capacity = 64
        while capacity < occurrences.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        var slotKeys = [UInt64](repeating: 0, count: capacity)
        var slotCounts = [Int32](repeating: 0, count: capacity)
        for occurrence in occurrences {
            let key = Self.key(of: occurrence)
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while slotCounts[slot] != 0 && slotKeys[slot] != key { slot = (slot + 1) & mask }
            slotKeys[slot] = key
            slotCounts[slot] += 1
        }
        var entries: [(index: Int32, weight: Float, key: UInt64)] = []
        entries.reserveCapacity(occurrences.count)
        var squaredNorm: (words: Float, characters: Float) = (0, 0)
        for slot in 0..<capacity where slotCounts[slot] > 0 {
            let key = slotKeys[slot]
            let count = slotCounts[slot]
            let tf: Float = count == 1 ? 1 : 1 + Float(Elementary.log(Double(count)))
            let weight: Float
            if let index = table.index(of: key) {
                weight = tf * idf[Int(index)]
                entries.append((index, weight, key))
            } else {
                weight = countsUnseenFeatures ? tf * unseenIDF : 0
            }
            if key & 1 == 0 {
                squaredNorm.words += weight * weight
            } else {
                squaredNorm.characters += weight * weight
            }
        }
        let wordScale = squaredNorm.words > 0 ? blockScale.words / squaredNorm.words.squareRoot() : 0
        let characterScale =
            squaredNorm.characters > 0 ? blockScale.characters / squaredNorm.characters.squareRoot() : 0
        var vector = SparseVector()
        vector.indices.reserveCapacity(entries.count)
        vector.values.reserveCapacity(entries.count)
        var entryKeys: [UInt64] = []
        entryKeys.reserveCapacity(entries.count)
        for entry in entries {
            vector.indices.append(entry.index)
            vector.values.append(entry.weight * (entry.key & 1 == 0 ? wordScale : characterScale))
            entryKeys.append(entry.key)
        }
        return (vector, entryKeys)
    }

    /// The vocabulary key of an occurrence (its hash with the block in the lowest bit).
    static func key(of occurrence: FeatureOccurrence) -> UInt64 {
        (occurrence.key & ~1) | UInt64(occurrence.block.rawValue)
    }

    /// Approximate bytes held by the vocabulary.
    var memoryFootprint: Int { table.memoryFootprint + idf.count * 4 }
}
