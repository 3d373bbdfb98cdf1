/// Reads a JSON5 file into a `JSON5Value` tree with source locations, or explains why it cannot.
///
/// Pure and bounded: files over `maximumFileSize` and nesting deeper than `maximumDepth` are
/// errors (never a stack overflow), invalid UTF-8 is an error at its byte, and every loop consumes
/// input. The first syntax error stops the file (the rest would be guesswork); duplicate keys are
/// reported and reading goes on, so one run shows them all.
public struct JSON5Parser {
    /// Largest file read: flow files are hand-written, 4 MiB is hundreds of times a real bot.
    public static let maximumFileSize = 4 * 1024 * 1024
    /// Deepest nesting of arrays and objects: a flow needs about 6; the bound keeps recursion safe.
    public static let maximumDepth = 64

    /// The outcome of reading one file: the value (nil after a syntax error) and the findings.
    public struct Result: Sendable {
        public var value: JSON5Value?
        public var diagnostics: [Diagnostic]
    }

    private var lexer: JSON5Lexer
    private var tracker: LocationTracker
    private var token: JSON5Token
    private var diagnostics: [Diagnostic] = []
    /// The offset just past the last token consumed (the end of the previous value).
    private var previousEnd = 0

    private init(bytes: [UInt8], file: String) {
        lexer = JSON5Lexer(bytes: bytes)
        tracker = LocationTracker(bytes: bytes, file: file, origin: lexer.origin)
        token = JSON5Token(.endOfFile, start: 0, end: 0)
    }

    /// Reads `bytes` (the content of the file at `file`, used in locations).
    public static func parse(_ bytes: [UInt8], file: String) -> Result {
        let top = SourceLocation(file: file, line: 1, column: 1, offset: 0)
        guard bytes.count <= maximumFileSize else {
            return Result(
                value: nil,
                diagnostics: [
                    .error(
                        DiagnosticCode.fileTooLarge,
                        "file is \(bytes.count) bytes; the limit is \(maximumFileSize) bytes — split it into several files",
                        at: top)
                ])
        }
        var parser = JSON5Parser(bytes: bytes, file: file)
        if let invalid = UTF8Validation.firstInvalidOffset(in: bytes) {
            let location = parser.tracker.location(at: invalid)
            return Result(
                value: nil,
                diagnostics: [
                    .error(
                        DiagnosticCode.invalidUTF8,
                        "invalid UTF-8 byte 0x\(String(bytes[invalid], radix: 16, uppercase: true)); save the file as UTF-8",
                        at: location)
                ])
        }
        do throws(JSON5SyntaxError) {
            try parser.advance()
            if case .endOfFile = parser.token.kind {
                throw JSON5SyntaxError(
                    code: DiagnosticCode.syntax, "the file is empty; expected a value such as '{ … }'",
                    at: parser.token.start)
            }
            let value = try parser.parseValue(depth: 0)
            if case .endOfFile = parser.token.kind {
            } else {
                throw JSON5SyntaxError(
                    code: DiagnosticCode.syntax,
                    "unexpected \(parser.token.quoted) after the end of the value; a file holds one value",
                    at: parser.token.start)
            }
            return Result(value: value, diagnostics: parser.diagnostics)
        } catch {
            let location = parser.tracker.location(at: error.offset)
            parser.diagnostics.append(.error(error.code, error.message, at: location))
            return Result(value: nil, diagnostics: parser.diagnostics)
        }
    }

    private mutating func advance() throws(JSON5SyntaxError) {
        previousEnd = token.end
        token = try lexer.next()
    }

    private mutating func parseValue(depth: Int) throws(JSON5SyntaxError) -> JSON5Value {
        let location = tracker.location(at: token.start)
        switch token.kind {
        case .leftBrace:
            try checkDepth(depth)
            return JSON5Value(.object(try parseObject(depth: depth + 1)), at: location)
        case .leftBracket:
            try checkDepth(depth)
            return JSON5Value(.array(try parseArray(depth: depth + 1)), at: location)
        case .string(let text):
            try advance()
            return JSON5Value(.string(text), at: location)
        case .number(let number):
            try advance()
            return JSON5Value(.number(number), at: location)
        case .identifier(let name):
            let kind: JSON5Value.Kind
            switch name {
            case "true": kind = .bool(true)
            case "false": kind = .bool(false)
            case "null": kind = .null
            case "Infinity": kind = .number(JSON5Number(value: .infinity, integer: nil))
            case "NaN": kind = .number(JSON5Number(value: .nan, integer: nil))
            default:
                throw JSON5SyntaxError(
                    code: DiagnosticCode.syntax,
                    "unexpected '\(name)'; a text value needs quotes: \"\(name)\"", at: token.start)
            }
            try advance()
            return JSON5Value(kind, at: location)
        case .rightBrace, .rightBracket, .colon, .comma, .endOfFile:
            throw JSON5SyntaxError(
                code: DiagnosticCode.syntax, "expected a value, found \(token.quoted)", at: token.start)
        }
    }

    private func checkDepth(_ depth: Int) throws(JSON5SyntaxError) {
        guard depth < Self.maximumDepth else {
            throw JSON5SyntaxError(
                code: DiagnosticCode.nestingTooDeep,
                "nesting is deeper than \(Self.maximumDepth) levels of arrays and objects", at: token.start)
        }
    }

    private mutating func parseObject(depth: Int) throws(JSON5SyntaxError) -> JSON5Object {
        var object = JSON5Object()
        try advance()  // past '{'
        while true {
            let key: String
            switch token.kind {
            case .rightBrace:
                try advance()
                return object
            case .string(let text): key = text
            case .identifier(let name): key = name
            case .number:
                throw JSON5SyntaxError(
                    code: DiagnosticCode.syntax, "a property name cannot be a number; put it in quotes", at: token.start
                )
            case .leftBrace, .leftBracket, .rightBracket, .colon, .comma, .endOfFile:
                throw JSON5SyntaxError(
                    code: DiagnosticCode.syntax, "expected a property name or '}', found \(token.quoted)",
                    at: token.start)
            }
            let keyLocation = tracker.location(at: token.start)
            try advance()
            guard case .colon = token.kind else {
                throw JSON5SyntaxError(
                    code: DiagnosticCode.syntax, "expected ':' after the property name '\(key)', found \(token.quoted)",
                    at: token.start)
            }
            try advance()
            let value = try parseValue(depth: depth)
            let member = JSON5Object.Member(key: key, keyLocation: keyLocation, value: value)
            if let first = object.append(member) {
                diagnostics.append(
                    .error(
                        DiagnosticCode.duplicateKey, "duplicate key '\(key)'; remove one of them",
                        at: keyLocation, notes: [.init("'\(key)' is first defined here", at: first.keyLocation)]))
            }
            try expectSeparator(closing: .rightBrace, after: "a property", closer: "'}'")
            if case .rightBrace = token.kind {
                try advance()
                return object
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSON5SyntaxError) -> [JSON5Value] {
        var elements: [JSON5Value] = []
        try advance()  // past '['
        while true {
            if case .rightBracket = token.kind {
                try advance()
                return elements
            }
            elements.append(try parseValue(depth: depth))
            try expectSeparator(closing: .rightBracket, after: "an array element", closer: "']'")
            if case .rightBracket = token.kind {
                try advance()
                return elements
            }
        }
    }

    /// After a member or element: consumes a ',' or stops at the closer; anything else is an error.
    private mutating func expectSeparator(
        closing: JSON5Token.Kind, after what: String, closer: String
    ) throws(JSON5SyntaxError) {
        if case .comma = token.kind {
            try advance()
            return
        }
        if token.kind == closing { return }
        let startsAnotherItem: Bool
        switch token.kind {
        case .string, .identifier, .number, .leftBrace, .leftBracket: startsAnotherItem = true
        default: startsAnotherItem = false
        }
        if startsAnotherItem {
            // Point just past the previous item, where the comma belongs.
            throw JSON5SyntaxError(
                code: DiagnosticCode.syntax,
                "expected ',' or \(closer) after \(what); did you forget a comma?", at: previousEnd)
        }
        throw JSON5SyntaxError(
            code: DiagnosticCode.syntax, "expected ',' or \(closer) after \(what), found \(token.quoted)",
            at: token.start)
    }

}
