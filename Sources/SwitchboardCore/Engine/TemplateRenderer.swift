/// Fills `{{user.name}}`, `{{user.handle}}` and `{{slot.NAME}}` in a message.
///
/// Unknown variables render as empty text (the validator reports them before a bot loads).
public enum TemplateRenderer {
    /// The variables a template may use, other than `slot.*`.
    public static let userVariables: Set<String> = ["user.name", "user.handle"]

    /// The variable names used in `text`, in order, e.g. `["user.name", "slot.zip"]`.
    public static func variables(in text: String) -> [String] {
        var names: [String] = []
        scan(text) { piece in
            if case .variable(let name) = piece { names.append(name) }
        }
        return names
    }

    public static func render(_ text: String, profile: CustomerProfile, slots: [String: String]) -> String {
        guard text.utf8.contains(UInt8(ascii: "{")) else { return text }
        var output = ""
        scan(text) { piece in
            switch piece {
            case .literal(let literal): output += literal
            case .variable(let name): output += value(of: name, profile, slots)
            }
        }
        return output
    }

    enum Piece {
        case literal(Substring)
        case variable(String)
    }

    /// Splits a template into literal text and `{{ name }}` variables, scanning UTF-8 bytes once.
    static func scan(_ text: String, _ visit: (Piece) -> Void) {
        let utf8 = text.utf8
        var literalStart = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let next = utf8.index(after: index)
            guard utf8[index] == UInt8(ascii: "{"), next != utf8.endIndex, utf8[next] == UInt8(ascii: "{") else {
                index = next
                continue
            }
            let nameStart = utf8.index(after: next)
            var cursor = nameStart
            var closed: String.Index?
            while cursor != utf8.endIndex {
                let after = utf8.index(after: cursor)
                if utf8[cursor] == UInt8(ascii: "}"), after != utf8.endIndex, utf8[after] == UInt8(ascii: "}") {
                    closed = cursor
                    break
                }
                cursor = after
            }
            guard let close = closed else { break }
            if literalStart < index { visit(.literal(text[literalStart..<index])) }
            let name = text[nameStart..<close]
            visit(.variable(name.contains(" ") ? name.trimmingSpaces() : String(name)))
            index = utf8.index(close, offsetBy: 2)
            literalStart = index
        }
        if literalStart < utf8.endIndex { visit(.literal(text[literalStart...])) }
    }

    private static func value(of name: String, _ profile: CustomerProfile, _ slots: [String: String]) -> String {
        switch name {
        case "user.name": return profile.name.flatMap { $0.split(separator: " ").first.map(String.init) } ?? "there"
        case "user.handle": return profile.handle.map { "@\($0)" } ?? ""
        default:
            if name.hasPrefix("slot.") { return slots[String(name.dropFirst(5))] ?? "" }
            return ""
        }
    }
}

extension StringProtocol where UTF8View: BidirectionalCollection {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingSpaces() -> String {
        if let first = utf8.first, let last = utf8.last, first > 0x20, last > 0x20, first < 0x80, last < 0x80 {
            return String(self)
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
