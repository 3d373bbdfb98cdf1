/// How typed text is compared with option labels and command words: case-insensitive, spaces
/// collapsed, surrounding punctuation ignored ("  talk to a PERSON! " matches "Talk to a person").
public enum TextMatching {
    /// The comparison key of a text. ASCII text (almost every label) takes a byte-level fast path.
    public static func key(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            guard byte < 0x80 else { return slowKey(text) }
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
        }
        var start = 0
        var end = bytes.count
        while start < end, isASCIIPunctuation(bytes[start]) { start += 1 }
        while end > start, isASCIIPunctuation(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
            || (0x7B...0x7E).contains(byte)
    }

    /// The same rules for any Unicode text.
    static func slowKey(_ text: String) -> String {
        var joined = text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        while let last = joined.last, last.isPunctuation || last.isSymbol && last.isASCII { joined.removeLast() }
        while let first = joined.first, first.isPunctuation || first.isSymbol && first.isASCII { joined.removeFirst() }
        return joined
    }
}
