/// One token of a JSON5 file, with the byte range it spans.
public struct JSON5Token: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case leftBrace
        case rightBrace
        case leftBracket
        case rightBracket
        case colon
        case comma
        case string(String)
        case number(JSON5Number)
        /// An identifier name: an unquoted key, or `true`, `false`, `null`, `Infinity`, `NaN`.
        case identifier(String)
        case endOfFile
    }

    public var kind: Kind
    /// Byte offset of the first byte.
    public var start: Int
    /// Byte offset just past the last byte.
    public var end: Int

    public init(_ kind: Kind, start: Int, end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// How the token reads in a message: `'{'`, `a string`, `'foo'`, `the end of the file`.
    var quoted: String {
        switch kind {
        case .leftBrace: "'{'"
        case .rightBrace: "'}'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .colon: "':'"
        case .comma: "','"
        case .string: "a string"
        case .number: "a number"
        case .identifier(let name): "'\(name)'"
        case .endOfFile: "the end of the file"
        }
    }
}

/// A JSON5 syntax error: where, what, and how to fix it.
public struct JSON5SyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier such as `unterminated-string` (see `DiagnosticCode`).
    public var code: String
    public var message: String
    /// Byte offset of the offending character.
    public var offset: Int

    public init(code: String, _ message: String, at offset: Int) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    public var description: String { "byte \(offset): \(message)" }
}
