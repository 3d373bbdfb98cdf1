/// The Snowball English ("Porter2") stemmer: maps inflected English words to a common stem.
///
/// Pure and allocation-light; words that are not plain lowercase ASCII letters (and apostrophes)
/// are returned unchanged. Follows the published algorithm at snowballstem.org/algorithms/english.
public enum EnglishStemmer {
    /// Words longer than this are returned unchanged: no English word needs it, and it bounds the work.
    public static let maximumWordLength = 40

    /// Returns the stem of a lowercase word, such as `"generously"` → `"generous"`.
    public static func stem(_ word: String) -> String {
        var letters = Array(word.utf8)
        guard letters.count > 2, letters.count <= maximumWordLength,
            letters.allSatisfy({ ($0 >= a && $0 <= z) || $0 == apostrophe })
        else { return word }
        if let exception = exceptions[word] { return exception }
        if letters.first == apostrophe { letters.removeFirst() }
        var stemmer = Porter2(letters)
        return stemmer.run()
    }

    private static let a = UInt8(ascii: "a")
    private static let z = UInt8(ascii: "z")
    private static let apostrophe = UInt8(ascii: "'")

    /// Whole-word exceptions of the algorithm.
    private static let exceptions: [String: String] = [
        "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie",
        "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli",
        "singly": "singl", "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas",
        "cosmos": "cosmos", "bias": "bias", "andes": "andes",
    ]
}

/// The working state of one stemming run over ASCII bytes (`Y` marks a consonant y).
private struct Porter2 {
    var w: [UInt8]
    var r1 = 0
    var r2 = 0

    private static let upperY = UInt8(ascii: "Y")
    private static let y = UInt8(ascii: "y")

    init(_ letters: [UInt8]) { w = letters }

    mutating func run() -> String {
        markConsonantY()
        computeRegions()
        step0()
        if step1a() { return finish() }
        if Porter2.invariantAfterStep1a.contains(w) { return finish() }
        step1b()
        step1c()
        step2()
        step3()
        step4()
        step5()
        return finish()
    }

    private static let invariantAfterStep1a: [[UInt8]] = [
        "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed",
    ].map { Array($0.utf8) }

    private func finish() -> String {
        String(decoding: w.map { $0 == Porter2.upperY ? Porter2.y : $0 }, as: UTF8.self)
    }

    private func isVowel(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"),
            UInt8(ascii: "y"):
            return true
        default: return false
        }
    }

    private mutating func markConsonantY() {
        for i in w.indices where w[i] == Porter2.y && (i == 0 || isVowel(w[i - 1])) { w[i] = Porter2.upperY }
    }

    private func regionStart(after start: Int) -> Int {
        var i = start + 1
        while i < w.count {
            if !isVowel(w[i]) && isVowel(w[i - 1]) { return i + 1 }
            i += 1
        }
        return w.count
    }

    private mutating func computeRegions() {
        r1 = w.count
        for prefix in ["gener", "commun", "arsen"] where hasPrefix(prefix) {
            r1 = prefix.utf8.count
        }
        if r1 == w.count { r1 = regionStart(after: 0) }
        r2 = r1 >= w.count ? w.count : regionStart(after: r1)
        if r2 < r1 { r2 = r1 }
    }

    private func hasPrefix(_ p: String) -> Bool {
        var i = 0
        for byte in p.utf8 {
            guard i < w.count, w[i] == byte else { return false }
            i += 1
        }
        return true
    }

    private func ends(_ s: String) -> Bool {
        let length = s.utf8.count
        guard length <= w.count else { return false }
        var i = w.count - length
        for byte in s.utf8 {
            guard w[i] == byte else { return false }
            i += 1
        }
        return true
    }

    /// The longest of `suffixes` that the word ends with.
    private func longest(_ suffixes: [String]) -> String? {
        var best: String?
        var bestLength = -1
        for s in suffixes {
            let length = s.utf8.count
            if length > bestLength && ends(s) {
                best = s
                bestLength = length
            }
        }
        return best
    }

    private mutating func replace(_ suffix: String, with replacement: String) {
        w.removeLast(suffix.utf8.count)
        w.append(contentsOf: replacement.utf8)
    }

    private func containsVowel(before end: Int) -> Bool {
        w[0..<max(0, end)].contains { isVowel($0) }
    }

    /// A short syllable ends at `end` (exclusive).
    private func endsWithShortSyllable(_ end: Int) -> Bool {
        if end == 2 { return isVowel(w[0]) && !isVowel(w[1]) }
        guard end >= 3 else { return false }
        let c = w[end - 1]
        return !isVowel(w[end - 3]) && isVowel(w[end - 2]) && !isVowel(c)
            && c != UInt8(ascii: "w") && c != UInt8(ascii: "x") && c != Porter2.upperY
    }

    private var isShort: Bool { r1 >= w.count && endsWithShortSyllable(w.count) }

    private mutating func step0() {
        if let s = longest(["'", "'s", "'s'"]) { w.removeLast(s.utf8.count) }
    }

    /// Returns true when the word is one of the invariant forms after step 1a.
    private mutating func step1a() -> Bool {
        guard let s = longest(["sses", "ied", "ies", "s", "us", "ss"]) else { return false }
        switch s {
        case "sses": replace(s, with: "ss")
        case "ied", "ies": replace(s, with: w.count > 4 ? "i" : "ie")
        case "s":
            if containsVowel(before: w.count - 2) { w.removeLast() }
        default: break
        }
        return false
    }

    private mutating func step1b() {
        guard let s = longest(["eed", "eedly", "ed", "edly", "ing", "ingly"]) else { return }
        let stemEnd = w.count - s.utf8.count
        if s == "eed" || s == "eedly" {
            if stemEnd >= r1 { replace(s, with: "ee") }
            return
        }
        guard containsVowel(before: stemEnd) else { return }
        w.removeLast(s.utf8.count)
        if ends("at") || ends("bl") || ends("iz") {
            w.append(UInt8(ascii: "e"))
        } else if let last = w.last, w.count >= 2, w[w.count - 2] == last,
            "bdfgmnprt".utf8.contains(last), !(w.count == 3 && isVowel(w[0]))
        {
            // Undouble ("hopp" → "hop"), except a lone vowel before the double ("add", "ebb", "inn"),
            // as the current Snowball English stemmer does.
            w.removeLast()
        } else if isShort {
            w.append(UInt8(ascii: "e"))
        }
    }

    private mutating func step1c() {
        guard w.count > 2, let last = w.last, last == Porter2.y || last == Porter2.upperY,
            !isVowel(w[w.count - 2])
        else { return }
        w[w.count - 1] = UInt8(ascii: "i")
    }

    private static let step2Rules: [(String, String)] = [
        ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
        ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
        ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"),
        ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"),
        ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", ""),
    ]

    private static let step2Suffixes = step2Rules.map(\.0)

    private mutating func step2() {
        guard let s = longest(Porter2.step2Suffixes) else { return }
        let stemEnd = w.count - s.utf8.count
        guard stemEnd >= r1 else { return }
        if s == "ogi" {
            guard stemEnd > 0, w[stemEnd - 1] == UInt8(ascii: "l") else { return }
        }
        if s == "li" {
            guard stemEnd > 0, "cdeghkmnrt".utf8.contains(w[stemEnd - 1]) else { return }
        }
        let replacement = Porter2.step2Rules.first { $0.0 == s }?.1 ?? ""
        replace(s, with: replacement)
    }

    private static let step3Rules: [(String, String)] = [
        ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
        ("ical", "ic"), ("ful", ""), ("ness", ""), ("ative", ""),
    ]

    private static let step3Suffixes = step3Rules.map(\.0)

    private mutating func step3() {
        guard let s = longest(Porter2.step3Suffixes) else { return }
        let stemEnd = w.count - s.utf8.count
        guard stemEnd >= r1 else { return }
        if s == "ative" && stemEnd < r2 { return }
        let replacement = Porter2.step3Rules.first { $0.0 == s }?.1 ?? ""
        replace(s, with: replacement)
    }

    private static let step4Suffixes = [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
        "iti", "ous", "ive", "ize", "ion",
    ]

    private mutating func step4() {
        guard let s = longest(Porter2.step4Suffixes) else { return }
        let stemEnd = w.count - s.utf8.count
        guard stemEnd >= r2 else { return }
        if s == "ion" {
            guard stemEnd > 0, w[stemEnd - 1] == UInt8(ascii: "s") || w[stemEnd - 1] == UInt8(ascii: "t")
            else { return }
        }
        w.removeLast(s.utf8.count)
    }

    private mutating func step5() {
        guard let last = w.last else { return }
        let at = w.count - 1
        if last == UInt8(ascii: "e") {
            if at >= r2 || (at >= r1 && !endsWithShortSyllable(at)) { w.removeLast() }
        } else if last == UInt8(ascii: "l") {
            if at >= r2 && at > 0 && w[at - 1] == UInt8(ascii: "l") { w.removeLast() }
        }
    }
}
