/// A word list with valences, plus the negators and intensifiers that modify them.
///
/// Build once and share: lookups are dictionary reads. Words are matched lower-cased.
public struct ToneLexicon: Sendable {
    /// Valence per word, roughly -4 … +3.
    public var valences: [String: Double]
    /// Words that flip the valence of the next few words ("not happy").
    public var negators: Set<String>
    /// Words that scale the next sentiment word ("very angry" × 1.5, "slightly annoyed" × 0.5).
    public var intensifiers: [String: Double]

    public init(valences: [String: Double], negators: Set<String>, intensifiers: [String: Double]) {
        self.valences = valences
        self.negators = negators
        self.intensifiers = intensifiers
    }

    /// Our English lexicon (a few hundred customer-care words).
    public static var english: ToneLexicon {
        var valences: [String: Double] = [:]
        let tokens = englishSource.split(whereSeparator: { $0 == " " || $0 == "\n" })
        var index = 0
        while index + 1 < tokens.count {
            if let value = Double(tokens[index + 1]) { valences[String(tokens[index])] = value }
            index += 2
        }
        return ToneLexicon(
            valences: valences,
            negators: [
                "not", "no", "never", "dont", "don't", "doesnt", "doesn't", "didnt", "didn't", "isnt", "isn't",
                "wasnt", "wasn't", "arent", "aren't", "cant", "can't", "cannot", "wont", "won't", "couldnt",
                "couldn't", "shouldnt", "shouldn't", "wouldnt", "wouldn't", "hardly", "nothing", "neither", "nor",
                "without", "aint", "ain't", "havent", "haven't", "hasnt", "hasn't",
            ],
            intensifiers: [
                "very": 1.5, "really": 1.5, "extremely": 1.8, "so": 1.4, "super": 1.5, "totally": 1.5,
                "absolutely": 1.7, "completely": 1.6, "incredibly": 1.7, "utterly": 1.8, "seriously": 1.5,
                "truly": 1.4, "highly": 1.4, "too": 1.3, "most": 1.3, "beyond": 1.6, "insanely": 1.7,
                "slightly": 0.5, "somewhat": 0.6, "kinda": 0.6, "bit": 0.6, "little": 0.6, "barely": 0.4,
                "mildly": 0.5,
            ])
    }
}
