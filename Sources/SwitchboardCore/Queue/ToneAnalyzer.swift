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
        let scan = Self.scan(text)
        let words = scan.words
        var sum = 0.0
        var cues: [String] = []
        var negationLeft = 0
        var negator = ""
        var multiplier = 1.0
        var intensifier = ""
        for (index, word) in words.enumerated() {
            let lower = word.lower
            if lexicon.negators.contains(lower) {
                negationLeft = Self.negationReach
                negator = lower
                continue
            }
            if let factor = lexicon.intensifiers[lower], index + 1 < words.count,
                lexicon.valences[words[index + 1].lower] != nil || lexicon.intensifiers[words[index + 1].lower] != nil
            {
                multiplier *= factor
                intensifier = intensifier.isEmpty ? lower : intensifier + " " + lower
                continue
            }
            defer { negationLeft = max(0, negationLeft - 1) }
            guard let valence = lexicon.valences[lower], valence != 0 else { continue }
            var value = valence * multiplier
            var cue = intensifier.isEmpty ? lower : intensifier + " " + lower
            if word.isCapitals {
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
        let exclamations = min(Self.exclamationLimit, scan.exclamations)
        if exclamations > 0, sum != 0 {
            sum += (sum > 0 ? 1 : -1) * Self.exclamationBoost * Double(exclamations)
            cues.append(String(repeating: "!", count: exclamations))
        }
        // Most letters in capitals, over enough letters not to be an acronym.
        if scan.letters >= 8, scan.capitals * 10 >= scan.letters * 7, sum < 0 {
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

    struct Word {
        var lower: String
        var isCapitals: Bool
    }

    struct Scan {
        var words: [Word] = []
        var letters = 0
        var capitals = 0
        var exclamations = 0
    }

    /// One pass over the UTF-8 bytes: words are runs of letters, apostrophes and hyphens (any
    /// non-ASCII byte counts as a letter, so "café" and "don’t" stay whole); ASCII is lower-cased
    /// on the way. Bounded by `maximumCharacters` bytes.
    static func scan(_ text: String) -> Scan {
        var scan = Scan()
        var current: [UInt8] = []
        var currentCapitals = 0
        var currentLetters = 0
        func flush() {
            while let first = current.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "'") { current.removeFirst() }
            if !current.isEmpty {
                var word = String(decoding: current, as: UTF8.self)
                if word.utf8.contains(0xE2) { word = word.replacing("’", with: "'") }
                scan.words.append(Word(lower: word, isCapitals: currentLetters >= 2 && currentCapitals == currentLetters))
            }
            current.removeAll(keepingCapacity: true)
            currentCapitals = 0
            currentLetters = 0
        }
        for byte in text.utf8.prefix(maximumCharacters) {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                current.append(byte + 32)
                currentCapitals += 1
                currentLetters += 1
                scan.capitals += 1
                scan.letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                current.append(byte)
                currentLetters += 1
                scan.letters += 1
            case UInt8(ascii: "'"), UInt8(ascii: "-"), 0x80...:
                current.append(byte)
            default:
                if byte == UInt8(ascii: "!") { scan.exclamations += 1 }
                flush()
            }
        }
        flush()
        return scan
    }
}
