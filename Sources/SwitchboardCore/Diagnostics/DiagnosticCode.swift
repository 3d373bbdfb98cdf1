/// The stable codes of Switchboard's diagnostics, for tests, JSON output and documentation.
///
/// A code names the kind of finding; the message says the specifics. Codes never change meaning.
public enum DiagnosticCode {
    // JSON5 syntax
    public static let syntax = "syntax"
    public static let unexpectedCharacter = "unexpected-character"
    public static let unterminatedString = "unterminated-string"
    public static let unterminatedComment = "unterminated-comment"
    public static let invalidEscape = "invalid-escape"
    public static let invalidNumber = "invalid-number"
    public static let duplicateKey = "duplicate-key"
    public static let nestingTooDeep = "nesting-too-deep"
    public static let fileTooLarge = "file-too-large"
    public static let invalidUTF8 = "invalid-utf8"

    // Shape of a file
    public static let unknownFile = "unknown-file-kind"
    public static let unknownField = "unknown-field"
    public static let wrongType = "wrong-type"
    public static let missingField = "missing-field"
    public static let conflictingFields = "conflicting-fields"
    public static let invalidValue = "invalid-value"
    public static let emptyMessage = "empty-message"
    public static let limitExceeded = "limit-exceeded"
    public static let invalidPattern = "invalid-pattern"
    public static let invalidURL = "invalid-url"
    public static let outOfRange = "out-of-range"

    // Across files
    public static let unknownState = "unknown-state"
    public static let unknownIntent = "unknown-intent"
    public static let noIntents = "no-intents"
    public static let duplicateState = "duplicate-state"
    public static let duplicateFlow = "duplicate-flow"
    public static let duplicateIntent = "duplicate-intent"
    public static let duplicateLabel = "duplicate-label"
    public static let duplicateExample = "duplicate-example"
    public static let duplicateCommandWord = "duplicate-command-word"
    public static let sharedKeyword = "shared-keyword"
    public static let missingStart = "missing-start"
    public static let multipleStarts = "multiple-starts"
    public static let multipleSettings = "multiple-settings"
    public static let unreachableState = "unreachable-state"
    public static let deadEnd = "dead-end"
    public static let automaticCycle = "automatic-cycle"
    public static let unusedField = "unused-field"
    public static let unknownVariable = "unknown-variable"
    public static let unsetSlot = "unset-slot"
    public static let fewExamples = "few-examples"
    public static let commandShadowsOption = "command-shadows-option"
    public static let noFiles = "no-files"
    public static let tooManyDiagnostics = "too-many-diagnostics"
}
