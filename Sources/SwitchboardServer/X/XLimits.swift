/// X's documented DM limits (shared/x-dm-api.md §2, §3, §5), in one place.
///
/// Lengths count Unicode scalars: never fewer than the user-perceived characters, so a message we
/// accept is not rejected by X for length.
public enum XLimits {
    public static let maxTextCharacters = 10_000
    public static let maxWelcomeTextCharacters = 9_990
    public static let maxQuickReplyOptions = 20
    public static let maxQuickReplyLabelCharacters = 36
    public static let maxQuickReplyDescriptionCharacters = 72
    public static let maxQuickReplyMetadataCharacters = 1_000
    public static let maxButtons = 3
    public static let maxButtonLabelCharacters = 36

    /// The length X limits are checked against.
    public static func characterCount(_ text: String) -> Int {
        text.unicodeScalars.count
    }

    /// `characterCount(text) <= limit`, without counting when the UTF-8 length already tells
    /// (a scalar takes one to four bytes): the common case for every reply sent.
    public static func isWithin(_ text: String, limit: Int) -> Bool {
        let bytes = text.utf8.count
        if bytes <= limit { return true }
        if bytes > 4 * limit { return false }
        return characterCount(text) <= limit
    }
}
