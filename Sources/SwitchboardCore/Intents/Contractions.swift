/// English contractions as customers type them, with or without the apostrophe.
enum Contractions {
    /// Expands one lowercase word (apostrophes already folded to `'`) into its words.
    static func expand(_ word: String) -> [String] {
        let hasApostrophe = word.utf8.contains(UInt8(ascii: "'"))
        if (hasApostrophe || word.utf8.count <= 8), let whole = whole[word] { return whole }
        guard hasApostrophe, let apostrophe = word.lastIndex(of: "'") else { return [word] }
        let base = String(word[..<apostrophe])
        let suffix = String(word[word.index(after: apostrophe)...])
        switch suffix {
        case "t" where base.hasSuffix("n") && base.count > 1: return [String(base.dropLast()), "not"]
        case "re": return [base, "are"]
        case "m": return [base, "am"]
        case "ve": return [base, "have"]
        case "ll": return [base, "will"]
        case "d": return [base, "would"]
        case "s": return isVerbS.contains(base) ? [base, "is"] : [base]
        default: return [word.filter { $0 != "'" }]
        }
    }

    /// Subjects after which `'s` means "is" rather than a possessive.
    private static let isVerbS: Set<String> = [
        "he", "she", "it", "that", "there", "what", "where", "who", "how", "here", "when", "why",
    ]

    /// Irregular forms, and the common forms typed without an apostrophe.
    private static let whole: [String: [String]] = [
        "can't": ["can", "not"], "cant": ["can", "not"], "cannot": ["can", "not"],
        "won't": ["will", "not"], "wont": ["will", "not"], "shan't": ["shall", "not"],
        "ain't": ["is", "not"], "let's": ["let", "us"], "y'all": ["you", "all"],
        "dont": ["do", "not"], "doesnt": ["does", "not"], "didnt": ["did", "not"],
        "isnt": ["is", "not"], "arent": ["are", "not"], "wasnt": ["was", "not"],
        "werent": ["were", "not"], "havent": ["have", "not"], "hasnt": ["has", "not"],
        "hadnt": ["had", "not"], "couldnt": ["could", "not"], "shouldnt": ["should", "not"],
        "wouldnt": ["would", "not"], "im": ["i", "am"], "ive": ["i", "have"],
        "youre": ["you", "are"], "theyre": ["they", "are"], "whats": ["what", "is"],
        "wheres": ["where", "is"], "hows": ["how", "is"], "thats": ["that", "is"],
        "theres": ["there", "is"], "whos": ["who", "is"],
    ]
}
