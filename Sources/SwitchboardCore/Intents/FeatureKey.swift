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
    private var keys: [UInt64]
    private var values: [Int32]
    private let mask: Int

    /// Creates a table for `entries` (key, index) pairs; keys must be distinct.
    init(_ entries: [(key: UInt64, index: Int32)]) {
        var capacity = 16
        while capacity < entries.count * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        for entry in entries {
            var slot = Self.slot(entry.key, mask)
            while values[slot] >= 0 { slot = (slot + 1) & mask }
            keys[slot] = entry.key
            values[slot] = entry.index
        }
    }

    /// The index of `key`, or nil when the feature was never seen in training.
    func index(of key: UInt64) -> Int32? {
        var slot = Self.slot(key, mask)
        while true {
            let value = values[slot]
            if value < 0 { return nil }
            if keys[slot] == key { return value }
            slot = (slot + 1) & mask
        }
    }

    /// Entries in the table (for memory accounting).
    var capacity: Int { keys.count }

    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }
}
