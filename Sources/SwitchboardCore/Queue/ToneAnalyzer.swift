/// How a message sounds, from very negative to positive.
public enum ToneLabel: String, Sendable, CaseIterable, Codable {
    case veryNegative = "very_negative"
    case negative
    case neutral
    case positive
}

/// The tone of one message: a score in -1 … 1, its label, and the cues that produced it.
public struct Tone: Sendable, Equatable {
    /// -1 (hostile) … 0 (neutral) … 1 (delighted).
    public var score: Double
    public var label: ToneLabel
    /// Human-readable cues, such as `"very angry"`, `"not happy"`, `"CAPS"`, `"!!!"`.
    public var cues: [String]

    public init(score: Double, label: ToneLabel, cues: [String]) {
        self.score = score
        self.label = label
        self.cues = cues
    }
}

/// Scores the tone of English text with a lexicon, negation, intensifiers, capitals and exclamations.
///
/// Pure and deterministic; O(n) in the text's length, which is cut at `maximumCharacters`.
public struct ToneAnalyzer: Sendable {
    public var lexicon: ToneLexicon

    /// A DM is at most 10,000 characters; the opening says enough about its tone.
    public static let maximumCharacters = 2_000
    /// How many words after "not" its negation reaches ("not at all happy").
    static let negationReach = 3
    /// A negated word keeps part of its strength, flipped: "not good" is milder than "bad".
    static let negationFactor = -0.6
    /// Capitals on a sentiment word ("HATE") strengthen it.
    static let capitalsFactor = 1.5
    /// Each "!" (up to `exclamationLimit`) adds this much in the direction of the tone.
    static let exclamationBoost = 0.4
    static let exclamationLimit = 4
    /// Normalisation constant: score = sum / sqrt(sum² + α), as in VADER.
    static let alpha = 15.0

    public init(lexicon: ToneLexicon = .english) { self.lexicon = lexicon }

    /// The tone of `text`.
    public func tone(of text: String) -> Tone {
        let bounded = text.prefix(Self.maximumCharacters)
        let words = Self.words(in: bounded)
        var sum = 0.0
        var cues: [String] = []
        var negationLeft = 0
        var negator = ""
        var multiplier = 1.0
        var intensifier = ""
        for (index, word) in words.enumerated() {
            let lower = word.lowercased()
            if lexicon.negators.contains(lower) {
                negationLeft = Self.negationReach
                negator = lower
                continue
            }
            if let factor = lexicon.intensifiers[lower], index + 1 < words.count,
                lexicon.valences[words[index + 1].lowercased()] != nil
                    || lexicon.intensifiers[words[index + 1].lowercased()] != nil
            {
                multiplier *= factor
                intensifier = intensifier.isEmpty ? lower : intensifier + " " + lower
                continue
            }
            defer { negationLeft = max(0, negationLeft - 1) }
            guard let valence = lexicon.valences[lower], valence != 0 else { continue }
            var value = valence * multiplier
            var cue = intensifier.isEmpty ? lower : intensifier + " " + lower
            if word.count >= 2, word.allSatisfy({ $0.isUppercase }) {
                value *= Self.capitalsFactor
                cue = cue.uppercased()
            }
            if negationLeft > 0 {
                value *= Self.negationFactor
                cue = negator + " " + cue
                negationLeft = 0
            }
            sum += value
            cues.append(cue)
            multiplier = 1
            intensifier = ""
        }
        let exclamations = min(Self.exclamationLimit, bounded.filter { $0 == "!" }.count)
        if exclamations > 0, sum != 0 {
            sum += (sum > 0 ? 1 : -1) * Self.exclamationBoost * Double(exclamations)
            cues.append(String(repeating: "!", count: exclamations))
        }
        if Self.isShouting(bounded), sum < 0 {
            sum *= Self.capitalsFactor
            cues.append("CAPS")
        }
        let score = sum / (sum * sum + Self.alpha).squareRoot()
        return Tone(score: score, label: Self.label(for: score), cues: cues)
    }

    /// The label for a score: the thresholds are where messages read as negative to people.
    public static func label(for score: Double) -> ToneLabel {
        if score <= -0.6 { return .veryNegative }
        if score <= -0.2 { return .negative }
        if score >= 0.2 { return .positive }
        return .neutral
    }

    static func words(in text: Substring) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0 == "'" || $0 == "’" || $0 == "-") })
            .map { String($0.trimmingPrefix(while: { $0 == "-" || $0 == "'" || $0 == "’" })).replacing("’", with: "'") }
            .filter { !$0.isEmpty }
    }

    /// Most letters in capitals, over enough letters to not be an acronym.
    static func isShouting(_ text: Substring) -> Bool {
        let letters = text.filter(\.isLetter)
        guard letters.count >= 8 else { return false }
        return letters.filter(\.isUppercase).count * 10 >= letters.count * 7
    }
}
