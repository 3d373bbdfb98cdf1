/// What the decoders saw that only the whole bot can check: references between files, slots,
/// examples and keywords, each with the place it was written.
struct References {
    struct StateReference {
        var target: StateID
        var location: SourceLocation
    }

    struct IntentReference {
        var target: IntentID
        var location: SourceLocation
    }

    struct Phrase {
        /// Lowercased, spaces collapsed: how the classifier sees it.
        var normalized: String
        var text: String
        var intent: IntentID
        var location: SourceLocation
    }

    struct CommandWord {
        var normalized: String
        var word: String
        var location: SourceLocation
    }

    var stateReferences: [StateReference] = []
    var intentReferences: [IntentReference] = []
    /// `{{slot.NAME}}` uses: the slot name and where.
    var slotUses: [Located<String>] = []
    /// Slots some state asks for: the name and where the `slot` field is.
    var slotDefinitions: [String: SourceLocation] = [:]
    /// Each state's `say` variants with their locations (for the welcome-message limit).
    var sayVariants: [StateID: [Located<String>]] = [:]
    /// Each option's label location, by state, for command-word collisions.
    var optionLabels: [StateID: [Located<String>]] = [:]
    /// Free text is classified somewhere (`onText: "classify"`).
    var classifyLocations: [SourceLocation] = []
    var commandWords: [CommandWord] = []
    var examples: [Phrase] = []
    var keywords: [Phrase] = []
}

/// Lowercase, trimmed, inner runs of whitespace collapsed to one space.
func normalizedPhrase(_ text: String) -> String {
    text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}
