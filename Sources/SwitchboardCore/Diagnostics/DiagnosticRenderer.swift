/// Prints diagnostics for people (compiler style, with excerpts) and for tools (JSON).
///
/// Pure: the caller passes the files' bytes for excerpts; a file it does not pass is printed
/// without them.
public enum DiagnosticRenderer {
    /// Longest source line shown in an excerpt; longer lines are cut around the column.
    static let maximumExcerptWidth = 160

    /// Diagnostics in reading order: by file, line, column, then errors before warnings.
    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        func key(_ diagnostic: Diagnostic) -> (String, Int, Int) {
            guard let location = diagnostic.location else { return ("", 0, 0) }
            return (location.file, location.line, location.column)
        }
        return diagnostics.enumerated().sorted { lhs, rhs in
            let left = key(lhs.element)
            let right = key(rhs.element)
            if left != right { return left < right }
            if lhs.element.severity != rhs.element.severity { return lhs.element.severity > rhs.element.severity }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Compiler-style text:
    /// ```
    /// flows/acme.json5:12:15: error: unknown state 'biling'; did you mean 'billing'?
    ///        goto: "biling",
    ///              ^
    /// flows/acme.json5:30:5: note: 'billing' is defined here
    /// ```
    /// followed by a summary line (`2 errors, 1 warning`) when there is anything to say.
    public static func text(_ diagnostics: [Diagnostic], sources: [String: [UInt8]] = [:]) -> String {
        var output = ""
        for diagnostic in sorted(diagnostics) {
            output += line(diagnostic.severity.rawValue, diagnostic.message, at: diagnostic.location, sources)
            for note in diagnostic.notes {
                output += line("note", note.message, at: note.location, sources)
            }
        }
        let errors = diagnostics.count { $0.severity == .error }
        let warnings = diagnostics.count { $0.severity == .warning }
        if errors + warnings > 0 {
            output += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
        }
        return output
    }

    /// Compiler-style text with excerpts from `files` (the files given to `BotLoader.load`).
    public static func text(_ diagnostics: [Diagnostic], files: [SourceFile]) -> String {
        text(
            diagnostics, sources: Dictionary(files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        )
    }

    private static func line(
        _ severity: String, _ message: String, at location: SourceLocation?, _ sources: [String: [UInt8]]
    ) -> String {
        guard let location else { return "\(severity): \(message)\n" }
        var output = "\(location): \(severity): \(message)\n"
        if let bytes = sources[location.file], let excerpt = excerpt(of: bytes, at: location) {
            output += excerpt
        }
        return output
    }

    /// The source line of `location` and a caret under its column, or nil when out of range.
    public static func excerpt(of bytes: [UInt8], at location: SourceLocation) -> String? {
        guard location.offset >= 0, location.offset <= bytes.count else { return nil }
        var start = location.offset
        while start > 0, bytes[start - 1] != 0x0A, bytes[start - 1] != 0x0D { start -= 1 }
        var end = location.offset
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        let scalars = Array(String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars)
        let caretIndex = String(decoding: bytes[start..<location.offset], as: UTF8.self).unicodeScalars.count
        // Cut long lines to a window around the caret.
        let window = max(0, min(caretIndex - maximumExcerptWidth / 2, scalars.count - maximumExcerptWidth))
        let shown = scalars[window..<min(scalars.count, window + maximumExcerptWidth)]
        // Tabs stay tabs under the caret so it lines up in any terminal.
        var text = String.UnicodeScalarView()
        var caretLine = String.UnicodeScalarView()
        for (index, scalar) in zip(shown.indices, shown) {
            let printable = scalar.value < 0x20 && scalar != "\t" ? " " : scalar
            text.append(printable)
            if index < caretIndex { caretLine.append(scalar == "\t" ? "\t" : " ") }
        }
        return "\(String(text))\n\(String(caretLine))^\n"
    }

    /// A JSON array of objects: `severity`, `code`, `message`, `file`, `line`, `column`, and
    /// `notes` (each with `message`, `file`, `line`, `column`), sorted like the text output.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        let items = sorted(diagnostics).map { diagnostic in
            var fields = [
                "\"severity\":\(quoted(diagnostic.severity.rawValue))",
                "\"code\":\(quoted(diagnostic.code))",
                "\"message\":\(quoted(diagnostic.message))",
            ]
            fields += locationFields(diagnostic.location)
            let notes = diagnostic.notes.map { note in
                "{" + (["\"message\":\(quoted(note.message))"] + locationFields(note.location)).joined(separator: ",")
                    + "}"
            }
            fields.append("\"notes\":[\(notes.joined(separator: ","))]")
            return "{" + fields.joined(separator: ",") + "}"
        }
        return "[" + items.joined(separator: ",\n") + "]\n"
    }

    private static func locationFields(_ location: SourceLocation?) -> [String] {
        guard let location else { return ["\"file\":null", "\"line\":null", "\"column\":null"] }
        return ["\"file\":\(quoted(location.file))", "\"line\":\(location.line)", "\"column\":\(location.column)"]
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String { JSONString.literal(text) }
}
