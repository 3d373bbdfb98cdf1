/// Turns a customer's direct message into tokens the classifier can read.
///
/// Folds case and diacritics, replaces links, @handles, e-mail addresses, numbers and emoji by
/// placeholders (or by the word an emoji stands for), expands contractions ("can't" → "can not"),
/// repairs elongated words ("pleeease" → "please") and stems English words.
/// Pure and bounded: only the first ``maximumScalars`` scalars of a message are read.
public struct TextNormalizer: Sendable {
    /// Scalars read from one message. DMs may be 10,000 characters; what a customer wants is said
    /// early, and the cap keeps classification inside its latency budget.
    public static let maximumScalars = 600
    /// Tokens kept from one message, for the same reason.
    public static let maximumTokens = 48
    /// Scalars kept of one token (a run of CJK text without spaces is one token).
    public static let maximumTokenLength = 32

    /// Known word forms, used to choose how to shorten an elongated word ("goood" → "good").
    public let lexicon: Set<String>
    /// The stems of the lexicon's words, computed once (stemming is the costliest step).
    private let stems: [String: String]

    /// Creates a normaliser; `lexicon` holds known folded words (typically the training vocabulary).
    public init(lexicon: Set<String> = []) {
        self.lexicon = lexicon
        var stems: [String: String] = [:]
        stems.reserveCapacity(lexicon.count)
        for word in lexicon { stems[word] = EnglishStemmer.stem(word) }
        self.stems = stems
    }

    private func stem(_ word: String) -> String { stems[word] ?? EnglishStemmer.stem(word) }

    /// The tokens of `text`, in order.
    public func tokens(_ text: String) -> [NormalizedToken] {
        var folded: [Unicode.Scalar] = []
        folded.reserveCapacity(min(text.utf8.count, Self.maximumScalars) + 8)
        var read = 0
        for scalar in text.unicodeScalars {
            read += 1
            if read > Self.maximumScalars { break }
            CharacterFolding.fold(scalar, into: &folded)
        }
        var result: [NormalizedToken] = []
        var start = 0
        while start < folded.count, result.count < Self.maximumTokens {
            while start < folded.count, isSeparator(folded[start]) { start += 1 }
            var end = start
            while end < folded.count, !isSeparator(folded[end]) { end += 1 }
            if end > start { appendChunk(folded[start..<end], to: &result) }
            start = end
        }
        if result.count > Self.maximumTokens { result.removeLast(result.count - Self.maximumTokens) }
        return result
    }

    /// The stems of `text` joined by spaces: a readable normal form for tests and explanations.
    public func normalize(_ text: String) -> String {
        tokens(text).map(\.stem).joined(separator: " ")
    }

    private func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value <= 0x20 || value == 0x7F }
        return value < 0xA0 || scalar.properties.isWhitespace
    }

    /// Splits one whitespace-delimited chunk into tokens.
    private func appendChunk(_ chunk: ArraySlice<Unicode.Scalar>, to result: inout [NormalizedToken]) {
        if Self.hasPrefix(chunk, "http://") || Self.hasPrefix(chunk, "https://") || Self.hasPrefix(chunk, "www.") {
            result.append(.placeholder(.url))
            return
        }
        if chunk.first == "@", chunk.count > 1, chunk.dropFirst().first.map(isWordScalar) == true {
            result.append(.placeholder(.mention))
            return
        }
        if let at = chunk.firstIndex(of: "@"), at > chunk.startIndex, chunk[at...].contains(".") {
            result.append(.placeholder(.email))
            return
        }
        var i = chunk.startIndex
        while i < chunk.endIndex {
            let scalar = chunk[i]
            if isWordScalar(scalar) {
                var end = i + 1
                while end < chunk.endIndex {
                    if isWordScalar(chunk[end]) {
                        end += 1
                    } else if chunk[end] == "'", end + 1 < chunk.endIndex, isWordScalar(chunk[end + 1]) {
                        end += 2
                    } else {
                        break
                    }
                }
                appendWord(chunk[i..<end], to: &result)
                i = end
            } else if isDigit(scalar) {
                var end = i + 1
                while end < chunk.endIndex {
                    if isDigit(chunk[end]) {
                        end += 1
                    } else if chunk[end] == "." || chunk[end] == "," || chunk[end] == ":", end + 1 < chunk.endIndex,
                        isDigit(chunk[end + 1])
                    {
                        end += 2
                    } else {
                        break
                    }
                }
                result.append(.placeholder(.number))
                i = end
            } else if scalar.value >= 0x80, EmojiWords.isEmoji(scalar) {
                if let word = EmojiWords.word(for: scalar) {
                    result.append(NormalizedToken(kind: .word, text: word, stem: EnglishStemmer.stem(word)))
                } else {
                    result.append(.placeholder(.emoji))
                }
                i += 1
            } else {
                i += 1
            }
        }
    }

    /// A String from scalars, encoded straight into the string's storage (the hot path).
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var count = 0
            for scalar in scalars {
                UTF8.encode(scalar) { byte in
                    buffer[count] = byte
                    count += 1
                }
            }
            return count
        }
    }

    private static func hasPrefix(_ chunk: ArraySlice<Unicode.Scalar>, _ prefix: String) -> Bool {
        var index = chunk.startIndex
        for scalar in prefix.unicodeScalars {
            guard index < chunk.endIndex, chunk[index] == scalar else { return false }
            index += 1
        }
        return true
    }

    private func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) }
        return scalar.properties.isAlphabetic && scalar.properties.numericType == nil && !EmojiWords.isEmoji(scalar)
    }

    private func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        return scalar.properties.numericType != nil
    }

    private func appendWord(_ scalars: ArraySlice<Unicode.Scalar>, to result: inout [NormalizedToken]) {
        let word = Self.string(scalars.prefix(Self.maximumTokenLength))
        for part in Contractions.expand(word) {
            let repaired = repairElongation(part)
            result.append(NormalizedToken(kind: .word, text: repaired, stem: stem(repaired)))
        }
    }

    /// Shortens runs of three or more equal letters: to two if that makes a known word, else to one.
    func repairElongation(_ word: String) -> String {
        var run = 0
        var previous: Unicode.Scalar?
        var hasRun = false
        for scalar in word.unicodeScalars {
            run = scalar == previous ? run + 1 : 1
            previous = scalar
            if run >= 3 {
                hasRun = true
                break
            }
        }
        guard hasRun else { return word }
        let scalars = Array(word.unicodeScalars)
        let double = collapse(scalars, keeping: 2)
        if lexicon.contains(double) { return double }
        return collapse(scalars, keeping: 1)
    }

    private func collapse(_ scalars: [Unicode.Scalar], keeping limit: Int) -> String {
        var out = String.UnicodeScalarView()
        var runLength = 0
        for (index, scalar) in scalars.enumerated() {
            runLength = index > 0 && scalars[index - 1] == scalar ? runLength + 1 : 1
            let runIsLong = runLengthAt(scalars, index) >= 3
            if !runIsLong || runLength <= limit { out.append(scalar) }
        }
        return String(out)
    }

    /// Length of the run of equal scalars that contains `index`.
    private func runLengthAt(_ scalars: [Unicode.Scalar], _ index: Int) -> Int {
        var start = index
        while start > 0, scalars[start - 1] == scalars[index] { start -= 1 }
        var end = index + 1
        while end < scalars.count, scalars[end] == scalars[index] { end += 1 }
        return end - start
    }
}
