/// Emoji that carry a customer's meaning, mapped to the word they stand for.
///
/// Any other emoji becomes an `<emoji>` placeholder; skin tones, joiners and variation
/// selectors are dropped.
enum EmojiWords {
    /// The word an emoji stands for, if it is one the classifier should read.
    static func word(for scalar: Unicode.Scalar) -> String? { table[scalar.value] }

    /// True for a pictographic scalar (not the ASCII digits, `#` or `*` that Unicode also calls emoji).
    static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x2000 && (scalar.properties.isEmojiPresentation || scalar.properties.isEmoji)
    }

    /// Modifiers that only change how the previous emoji looks.
    static func isModifier(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200D, 0xFE0E, 0xFE0F, 0x1F3FB...0x1F3FF, 0x20E3: return true
        default: return false
        }
    }

    private static let table: [UInt32: String] = [
        0x1F44D: "good", 0x1F44E: "bad", 0x2764: "love", 0x1F60D: "love", 0x1F621: "angry",
        0x1F620: "angry", 0x1F92C: "angry", 0x1F622: "sad", 0x1F62D: "sad", 0x1F61E: "sad",
        0x1F600: "happy", 0x1F603: "happy", 0x1F604: "happy", 0x1F60A: "happy", 0x1F642: "happy",
        0x1F601: "happy", 0x1F64F: "please", 0x1F44B: "hello", 0x1F4B3: "card", 0x1F4B0: "money",
        0x1F4B5: "money", 0x1F4E6: "package", 0x1F69A: "delivery", 0x2708: "flight", 0x1F4DE: "call",
        0x1F4F1: "phone", 0x2753: "question", 0x2705: "yes", 0x274C: "no",
    ]
}
