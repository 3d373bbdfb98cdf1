/// The limits flow files are checked against: X's Direct Message limits and our own bounds.
public enum Limits {
    /// X: quick-reply options per message.
    public static let maximumOptions = 20
    /// X: characters in an option label.
    public static let maximumLabelLength = 36
    /// X: characters in an option description.
    public static let maximumDescriptionLength = 72
    /// X: characters in option metadata (we write `QuickReplyToken`s, far shorter).
    public static let maximumMetadataLength = 1_000
    /// X: URL buttons per message.
    public static let maximumButtons = 3
    /// X: characters in a URL button label.
    public static let maximumButtonLabelLength = 36
    /// X: characters in a Direct Message.
    public static let maximumTextLength = 10_000
    /// X: characters in a welcome message (the start state's text).
    public static let maximumWelcomeTextLength = 9_990
    /// Retries of a slot question: more than 10 wrong answers means the bot should hand off.
    public static let maximumRetries = 10
    /// Longest slot pattern: patterns are short; the bound keeps regex compilation cheap.
    public static let maximumPatternLength = 1_000
    /// Session expiry bounds, in minutes: at least one minute, at most a year.
    public static let sessionMinutes = 1...525_600
    /// Longest state, intent, queue, slot or flow name: names are read by people and stored per
    /// conversation.
    public static let maximumNameLength = 100
    /// Fewer examples than this make an intent hard to learn (a warning).
    public static let recommendedExamples = 5
}
