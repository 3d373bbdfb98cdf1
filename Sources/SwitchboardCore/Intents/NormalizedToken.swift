/// One token of a normalised message: what the classifier's features are built from.
public struct NormalizedToken: Sendable, Hashable {
    /// What kind of text the token stands for.
    public enum Kind: Sendable, Hashable {
        case word, number, url, mention, email, emoji
    }

    /// The kind of token.
    public var kind: Kind
    /// The folded surface form (lowercase, no diacritics, contractions expanded, elongation repaired);
    /// a placeholder such as `<url>` for non-words.
    public var text: String
    /// The English stem of `text` for words; the placeholder otherwise.
    public var stem: String

    public init(kind: Kind, text: String, stem: String) {
        self.kind = kind
        self.text = text
        self.stem = stem
    }

    /// A placeholder token for a number, link, handle, address or emoji.
    static func placeholder(_ kind: Kind) -> NormalizedToken {
        let text: String
        switch kind {
        case .word: text = "<word>"
        case .number: text = "<number>"
        case .url: text = "<url>"
        case .mention: text = "<mention>"
        case .email: text = "<email>"
        case .emoji: text = "<emoji>"
        }
        return NormalizedToken(kind: kind, text: text, stem: text)
    }
}
