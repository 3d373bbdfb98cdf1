/// JSON string literals, written by hand where an encoder would cost more than the work around it
/// (diagnostics, reports, the store's per-message maps).
public enum JSONString {
    /// Appends `string` as a JSON string literal (quotes, backslashes and control characters escaped).
    public static func append(_ string: String, to text: inout String) {
        text += "\""
        // Most text needs no escape: append it whole instead of scalar by scalar.
        if !needsEscape(string) {
            text += string
            text += "\""
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    /// Whether any byte of `string` must be escaped. Scans the contiguous UTF-8 bytes when the
    /// string has them (native strings do): this runs for every field of every stored state and
    /// outgoing message, and the generic `utf8.contains(where:)` was a measurable share of both.
    static func needsEscape(_ string: String) -> Bool {
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return true
            }
            return false
        }
        if let found = string.utf8.withContiguousStorageIfAvailable(scan) { return found }
        var copy = string
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable(scan) ?? true
    }

    /// `string` as a JSON string literal.
    public static func literal(_ string: String) -> String {
        var text = ""
        append(string, to: &text)
        return text
    }
}
