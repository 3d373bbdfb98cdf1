/// Finds an intent's keywords and multi-word phrases in a normalised message.
///
/// Keywords are normalised like messages, so "Refunds" matches the keyword "refund"; a phrase
/// matches when its stems appear consecutively, so "can't log in" matches "cannot log in".
struct KeywordMatcher: Sendable {
    struct Phrase: Sendable {
        var stems: [String]
        var classIndex: Int
        var text: String
    }

    /// Keywords longer than this many words are cut (a phrase, not a sentence).
    static let maximumPhraseWords = 8

    private var phrasesByFirstStem: [String: [Phrase]] = [:]

    var isEmpty: Bool { phrasesByFirstStem.isEmpty }

    init(keywords: [IntentID: [String]], classIndex: [IntentID: Int], normalizer: TextNormalizer) {
        for intent in keywords.keys.sorted() {
            guard let index = classIndex[intent], let list = keywords[intent] else { continue }
            for keyword in list {
                let stems = normalizer.tokens(keyword).prefix(Self.maximumPhraseWords).map(\.stem)
                guard let first = stems.first else { continue }
                phrasesByFirstStem[first, default: []].append(Phrase(stems: stems, classIndex: index, text: keyword))
            }
        }
    }

    /// The phrases found in `tokens`, at most one per (intent, phrase).
    func matches(in tokens: [NormalizedToken]) -> [Phrase] {
        guard !phrasesByFirstStem.isEmpty else { return [] }
        var found: [Phrase] = []
        for start in tokens.indices {
            guard let candidates = phrasesByFirstStem[tokens[start].stem] else { continue }
            for phrase in candidates where start + phrase.stems.count <= tokens.count {
                var same = true
                for (offset, stem) in phrase.stems.enumerated() where tokens[start + offset].stem != stem {
                    same = false
                    break
                }
                if same && !found.contains(where: { $0.classIndex == phrase.classIndex && $0.text == phrase.text }) {
                    found.append(phrase)
                }
            }
        }
        return found
    }
}
