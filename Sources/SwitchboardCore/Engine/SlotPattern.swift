/// A slot's pattern, compiled once when the bot loads.
///
/// `Regex` is not declared `Sendable`, but a compiled `Regex` is an immutable value whose lazily
/// built program is published atomically by the standard library, so sharing it across threads
/// for matching is safe; this wrapper states that assumption in one place.
public struct SlotPattern: @unchecked Sendable {
    /// Longest answer checked against a pattern; longer answers are wrong by definition.
    static let maximumAnswerLength = 500

    let regex: Regex<AnyRegexOutput>?

    /// Compiles `pattern`; nil `pattern` accepts any non-empty answer. A pattern that does not
    /// compile (the validator reports it before a bot loads) accepts nothing.
    public init(_ pattern: String?) {
        guard let pattern else {
            regex = nil
            return
        }
        regex = try? Regex(pattern)
        isBroken = regex == nil
    }

    private var isBroken = false

    /// Whether the whole (trimmed) answer matches.
    func accepts(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= Self.maximumAnswerLength, !isBroken else { return false }
        guard let regex else { return true }
        return (try? regex.wholeMatch(in: text)) != nil
    }
}
