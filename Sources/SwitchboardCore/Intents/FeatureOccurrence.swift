/// One feature found in a message, with where it came from (to name it in an explanation).
struct FeatureOccurrence: Sendable {
    /// The part of the feature vector a feature belongs to; each block is normalised on its own.
    enum Block: Int, Sendable { case words = 0, characters = 1 }

    var key: UInt64
    var block: Block
    /// Index of the token the feature starts at.
    var token: Int32
    /// For character n-grams: offset in the padded token and length; for a word pair, length 2.
    var start: Int16
    var length: Int16

    /// Every feature of `tokens`: stems, stem pairs, and character n-grams of the padded words.
    static func all(
        in tokens: [NormalizedToken], characterGrams: ClosedRange<Int>, acrossWords: Bool = false
    ) -> [FeatureOccurrence] {
        var result: [FeatureOccurrence] = []
        result.reserveCapacity(tokens.count * 24)
        var previous: UInt64?
        var padded: [Unicode.Scalar] = []
        for (index, token) in tokens.enumerated() {
            let wordKey = FeatureKey.word(token.stem)
            let position = Int32(index)
            result.append(FeatureOccurrence(key: wordKey, block: .words, token: position, start: 0, length: 1))
            if let previous {
                result.append(
                    FeatureOccurrence(
                        key: FeatureKey.bigram(previous, wordKey), block: .words, token: position - 1, start: 0,
                        length: 2))
            }
            previous = wordKey
            guard token.kind == .word, !acrossWords else { continue }
            padded.removeAll(keepingCapacity: true)
            padded.append(" ")
            padded.append(contentsOf: token.text.unicodeScalars)
            padded.append(" ")
            for n in characterGrams where n <= padded.count {
                for start in 0...(padded.count - n) {
                    let key = FeatureKey.hash(padded[start..<(start + n)], seed: FeatureKey.characterSeed)
                    result.append(
                        FeatureOccurrence(
                            key: key, block: .characters, token: position, start: Int16(start), length: Int16(n)))
                }
            }
        }
        if acrossWords {
            let sentence = Self.sentence(tokens)
            for n in characterGrams where n <= sentence.count {
                for start in 0...(sentence.count - n) {
                    let key = FeatureKey.hash(sentence[start..<(start + n)], seed: FeatureKey.characterSeed)
                    result.append(
                        FeatureOccurrence(key: key, block: .characters, token: -1, start: Int16(start), length: Int16(n)))
                }
            }
        }
        return result
    }

    /// The tokens' texts joined and padded with spaces: where cross-word n-grams are taken.
    static func sentence(_ tokens: [NormalizedToken]) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = [" "]
        for token in tokens {
            scalars.append(contentsOf: token.text.unicodeScalars)
            scalars.append(" ")
        }
        return scalars
    }

    /// A readable name: `word "refund"`, `pair "get refund"`, `chars " ref"`.
    func name(in tokens: [NormalizedToken]) -> String {
        let index = Int(token)
        if index < 0 {
            let sentence = Self.sentence(tokens)
            let lower = min(Int(start), sentence.count)
            let upper = min(lower + Int(length), sentence.count)
            return "chars \"\(TextNormalizer.string(sentence[lower..<upper]))\""
        }
        guard index < tokens.count else { return "feature" }
        switch block {
        case .words:
            if length == 2, index + 1 < tokens.count { return "pair \"\(tokens[index].stem) \(tokens[index + 1].stem)\"" }
            return "word \"\(tokens[index].stem)\""
        case .characters:
            let padded = Array(" \(tokens[index].text) ".unicodeScalars)
            let lower = min(Int(start), padded.count)
            let upper = min(lower + Int(length), padded.count)
            return "chars \"\(TextNormalizer.string(padded[lower..<upper]))\""
        }
    }
}
