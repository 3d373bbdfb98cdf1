/// Checks a slot's answer against the author's pattern (a whole-text match).
enum SlotPattern {
    /// Longest answer checked against a pattern; longer answers are wrong by definition.
    static let maximumAnswerLength = 500

    static func accepts(_ text: String, pattern: String?) -> Bool {
        guard !text.isEmpty, text.count <= maximumAnswerLength else { return false }
        guard let pattern else { return true }
        // Regex is not Sendable, so it is compiled per use; the validator has already compiled
        // every pattern once, so a failure here means the pattern is unusable: reject the answer.
        guard let regex = try? Regex(pattern) else { return false }
        return (try? regex.wholeMatch(in: text)) != nil
    }
}
