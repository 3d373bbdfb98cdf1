/// 64-bit FNV-1a keys for the features of a message: words, word pairs and character n-grams.
///
/// Keys from different kinds never mix because each kind starts from its own seed.
enum FeatureKey {
    static let wordSeed: UInt64 = 0xcbf2_9ce4_8422_2325
    static let bigramSeed: UInt64 = 0x9e37_79b9_7f4a_7c15
    static let characterSeed: UInt64 = 0xc2b2_ae3d_27d4_eb4f
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    static func hash<S: Sequence>(_ scalars: S, seed: UInt64) -> UInt64 where S.Element == Unicode.Scalar {
        var h = seed
        for scalar in scalars {
            h = (h ^ UInt64(scalar.value)) &* prime
        }
        return h
    }

    static func word(_ stem: String) -> UInt64 { hash(stem.unicodeScalars, seed: wordSeed) }

    static func bigram(_ first: UInt64, _ second: UInt64) -> UInt64 {
        var h = bigramSeed
        h = (h ^ first) &* prime
        h = (h ^ (second >> 32)) &* prime
        return (h ^ (second & 0xFFFF_FFFF)) &* prime
    }
}

/// An open-addressing map from feature key to feature index: fast lookups on the hot path.
struct FeatureTable: Sendable {
    private struct Slot {
        /// The key's upper 32 bits (the lower bits chose the slot): a false match needs two
        /// different features to agree on 32 more bits, about one lookup in four billion.
        var fingerprint: UInt32
        /// -1 marks an empty slot.
        var index: Int32
    }

    /// Fingerprint and value side by side in 8 bytes: one cache miss per lookup, half the memory.
    private var slots: [Slot]
    private let mask: Int

    /// Creates a table for `entries` (key, index) pairs; keys must be distinct.
    init(_ entries: [(key: UInt64, index: Int32)]) {
        var capacity = 16
        while capacity < entries.count * 2 { capacity <<= 1 }
        slots = [Slot](repeating: Slot(fingerprint: 0, index: -1), count: capacity)
        mask = capacity - 1
        for entry in entries {
            var slot = Self.slot(entry.key, mask)
            while slots[slot].index >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(fingerprint: Self.fingerprint(entry.key), index: entry.index)
        }
    }

    /// The index of `key`, or nil when the feature was never seen in training.
    func index(of key: UInt64) -> Int32? {
        var slot = Self.slot(key, mask)
        let fingerprint = Self.fingerprint(key)
        while true {
            let entry = slots[slot]
            if entry.index < 0 { return nil }
            if entry.fingerprint == fingerprint { return entry.index }
            slot = (slot + 1) & mask
        }
    }

    /// Bytes held by the table.
    var memoryFootprint: Int { slots.count * MemoryLayout<Slot>.stride }

    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: key &* 0x9E37_79B9_7F4A_7C15) >> 8 & mask
    }

    private static func fingerprint(_ key: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: key >> 32) }
}
