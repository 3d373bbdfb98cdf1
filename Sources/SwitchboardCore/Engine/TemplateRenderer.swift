/// Fills `{{user.name}}`, `{{user.handle}}` and `{{slot.NAME}}` in a message.
///
/// Unknown variables render as empty text (the validator reports them before a bot loads).
public enum TemplateRenderer {
    /// The variables a template may use, other than `slot.*`.
    public static let userVariables: Set<String> = ["user.name", "user.handle"]

    /// The variable names used in `text`, in order, e.g. `["user.name", "slot.zip"]`.
    public static func variables(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { break }
            names.append(rest[open.upperBound..<close.lowerBound].trimmingSpaces())
            rest = rest[close.upperBound...]
        }
        return names
    }

    public static func render(_ text: String, profile: CustomerProfile, slots: [String: String]) -> String {
        guard text.contains("{{") else { return text }
        var output = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { break }
            output += rest[..<open.lowerBound]
            output += value(of: rest[open.upperBound..<close.lowerBound].trimmingSpaces(), profile, slots)
            rest = rest[close.upperBound...]
        }
        output += rest
        return output
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

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
