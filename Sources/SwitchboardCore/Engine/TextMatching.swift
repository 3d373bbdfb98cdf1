/// How typed text is compared with option labels and command words: case-insensitive, spaces
/// collapsed, surrounding punctuation ignored ("  talk to a PERSON! " matches "Talk to a person").
public enum TextMatching {
    public static func key(_ text: String) -> String {
        var words: [Substring] = []
        for word in text.lowercased().split(whereSeparator: { $0.isWhitespace }) {
            words.append(word)
        }
        var joined = words.joined(separator: " ")
        while let last = joined.last, last.isPunctuation { joined.removeLast() }
        while let first = joined.first, first.isPunctuation { joined.removeFirst() }
        return joined
    }
}
