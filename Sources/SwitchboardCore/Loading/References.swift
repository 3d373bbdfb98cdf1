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
    let lower = text.lowercased()
    var bytes: [UInt8] = []
    bytes.reserveCapacity(lower.utf8.count)
    var pendingSpace = false
    for scalar in lower.unicodeScalars {
        if isSpace(scalar) {
            pendingSpace = !bytes.isEmpty
            continue
        }
        if pendingSpace {
            bytes.append(0x20)
            pendingSpace = false
        }
        if scalar.isASCII {
            bytes.append(UInt8(truncatingIfNeeded: scalar.value))
        } else {
            bytes.append(contentsOf: String(scalar).utf8)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// True when the text is empty or only whitespace.
func isBlank(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy(isSpace)
}

/// Whitespace, with ASCII answered without Unicode tables.
func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x20: true
    case 0..<0x80: false
    default: scalar.properties.isWhitespace
    }
}
