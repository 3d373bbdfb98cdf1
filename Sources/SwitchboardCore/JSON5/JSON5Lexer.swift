/// Splits a JSON5 file into tokens, skipping whitespace and comments.
///
/// Pure and bounded: each call to `next()` consumes at least one byte or returns `endOfFile`, so a
/// file of n bytes yields at most n + 1 tokens. The bytes must be valid UTF-8 (the parser checks
/// first); a byte-order mark at the start is skipped.
public struct JSON5Lexer: Sendable {
    /// The longest number literal read; longer ones are certainly a mistake.
    public static let maximumNumberLength = 400

    let bytes: [UInt8]
    /// The offset of the next byte to read.
    public private(set) var position: Int

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        let hasByteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        self.position = hasByteOrderMark ? 3 : 0
    }

    /// Where the content starts (past a byte-order mark).
    public var origin: Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// Reads the next token.
    public mutating func next() throws(JSON5SyntaxError) -> JSON5Token {
        try skipWhitespaceAndComments()
        let start = position
        guard position < bytes.count else { return JSON5Token(.endOfFile, start: start, end: start) }
        let byte = bytes[position]
        func single(_ kind: JSON5Token.Kind) -> JSON5Token {
            position += 1
            return JSON5Token(kind, start: start, end: position)
        }
        switch byte {
        case UInt8(ascii: "{"): return single(.leftBrace)
        case UInt8(ascii: "}"): return single(.rightBrace)
        case UInt8(ascii: "["): return single(.leftBracket)
        case UInt8(ascii: "]"): return single(.rightBracket)
        case UInt8(ascii: ":"): return single(.colon)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let text = try readString(quote: byte)
            return JSON5Token(.string(text), start: start, end: position)
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"):
            let number = try readNumber()
            return JSON5Token(.number(number), start: start, end: position)
        default:
            if let name = try readIdentifier() {
                return JSON5Token(.identifier(name), start: start, end: position)
            }
            let scalar = scalar(at: position)
            throw JSON5SyntaxError(
                code: DiagnosticCode.unexpectedCharacter,
                "unexpected character '\(Self.printable(scalar.value))'", at: start)
        }
    }

    // MARK: - Whitespace and comments

    private mutating func skipWhitespaceAndComments() throws(JSON5SyntaxError) {
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20:
                position += 1
            case UInt8(ascii: "/"):
                guard position + 1 < bytes.count else { return }
                let following = bytes[position + 1]
                if following == UInt8(ascii: "/") {
                    position += 2
                    while position < bytes.count, !isLineTerminator(at: position) { position += 1 }
                } else if following == UInt8(ascii: "*") {
                    let start = position
                    position += 2
                    while true {
                        guard position + 1 < bytes.count else {
                            throw JSON5SyntaxError(
                                code: DiagnosticCode.unterminatedComment,
                                "unterminated block comment; close it with '*/'", at: start)
                        }
                        if bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/") {
                            position += 2
                            break
                        }
                        position += 1
                    }
                } else {
                    return
                }
            case 0x80...:
                let scalar = scalar(at: position)
                guard Self.isWhitespace(scalar.value) else { return }
                position += scalar.length
            default:
                return
            }
        }
    }

    private func isLineTerminator(at index: Int) -> Bool {
        let byte = bytes[index]
        if byte == 0x0A || byte == 0x0D { return true }
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
        return byte == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80
            && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
    }

    /// JSON5 whitespace beyond ASCII: NBSP, BOM, line/paragraph separators and space separators.
    static func isWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0xA0, 0xFEFF, 0x2028, 0x2029: return true
        default:
            guard let scalar = Unicode.Scalar(value) else { return false }
            return scalar.properties.generalCategory == .spaceSeparator
        }
    }

    // MARK: - Strings

    private mutating func readString(quote: UInt8) throws(JSON5SyntaxError) -> String {
        let start = position
        position += 1
        let contentStart = position
        // Fast path: no escapes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                let text = String(decoding: bytes[contentStart..<position], as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") || byte == 0x0A || byte == 0x0D { break }
            position += 1
        }
        var buffer = Array(bytes[contentStart..<position])
        while true {
            guard position < bytes.count else { throw unterminatedString(start, quote: quote) }
            let byte = bytes[position]
            if byte == quote {
                position += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if byte == 0x0A || byte == 0x0D { throw unterminatedString(start, quote: quote) }
            if byte == UInt8(ascii: "\\") {
                try readEscape(into: &buffer)
            } else {
                buffer.append(byte)
                position += 1
            }
        }
    }

    private func unterminatedString(_ start: Int, quote: UInt8) -> JSON5SyntaxError {
        let mark = quote == UInt8(ascii: "'") ? "'" : "\""
        return JSON5SyntaxError(
            code: DiagnosticCode.unterminatedString,
            "unterminated string; close it with \(mark) on the same line (end a line with '\\' to continue a string)",
            at: start)
    }

    private mutating func readEscape(into buffer: inout [UInt8]) throws(JSON5SyntaxError) {
        let start = position
        position += 1
        guard position < bytes.count else {
            throw JSON5SyntaxError(code: DiagnosticCode.unterminatedString, "unterminated string", at: start)
        }
        let byte = bytes[position]
        position += 1
        func append(_ value: UInt32) {
            guard let scalar = Unicode.Scalar(value) else { return }
            buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
        switch byte {
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "v"): buffer.append(0x0B)
        case UInt8(ascii: "0"):
            if position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                throw JSON5SyntaxError(
                    code: DiagnosticCode.invalidEscape,
                    "'\\0' cannot be followed by a digit; octal escapes are not allowed",
                    at: start)
            }
            buffer.append(0x00)
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            throw JSON5SyntaxError(
                code: DiagnosticCode.invalidEscape,
                "invalid escape '\\\(Character(Unicode.Scalar(byte)))'; write the digit without '\\'",
                at: start)
        case UInt8(ascii: "x"):
            let value = try hexDigits(2, escapeStart: start)
            append(value)
        case UInt8(ascii: "u"):
            let value = try hexDigits(4, escapeStart: start)
            if (0xD800...0xDBFF).contains(value) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw loneSurrogate(start) }
                position += 2
                let low = try hexDigits(4, escapeStart: start)
                guard (0xDC00...0xDFFF).contains(low) else { throw loneSurrogate(start) }
                append(0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00))
            } else if (0xDC00...0xDFFF).contains(value) {
                throw loneSurrogate(start)
            } else {
                append(value)
            }
        case 0x0A:
            break  // line continuation
        case 0x0D:
            if position < bytes.count, bytes[position] == 0x0A { position += 1 }
        default:
            // JSON5: any other character escapes to itself (`\'`, `\"`, `\\`, `\/`, U+2028, …).
            let scalar = scalar(at: position - 1)
            position += scalar.length - 1
            if scalar.value == 0x2028 || scalar.value == 0x2029 { break }
            buffer.append(contentsOf: bytes[(position - scalar.length)..<position])
        }
    }

    private func loneSurrogate(_ start: Int) -> JSON5SyntaxError {
        JSON5SyntaxError(
            code: DiagnosticCode.invalidEscape,
            "'\\u' escape of a lone surrogate; write the character itself or a high+low surrogate pair", at: start)
    }

    private mutating func hexDigits(_ count: Int, escapeStart: Int) throws(JSON5SyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard position < bytes.count, let digit = Self.hexValue(bytes[position]) else {
                throw JSON5SyntaxError(
                    code: DiagnosticCode.invalidEscape,
                    "invalid escape; '\\\(count == 2 ? "x" : "u")' needs exactly \(count) hexadecimal digits",
                    at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    // MARK: - Numbers

    private mutating func readNumber() throws(JSON5SyntaxError) -> JSON5Number {
        let start = position
        var negative = false
        if bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
            negative = bytes[position] == UInt8(ascii: "-")
            position += 1
        }
        if let word = try readIdentifier() {
            switch word {
            case "Infinity": return JSON5Number(value: negative ? -.infinity : .infinity, integer: nil)
            case "NaN": return JSON5Number(value: .nan, integer: nil)
            default: throw invalidNumber(start, "expected a number after the sign")
            }
        }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard position < bytes.count else { throw invalidNumber(start, "expected a number after the sign") }
        if bytes[position] == UInt8(ascii: "0"), position + 1 < bytes.count,
            bytes[position + 1] | 0x20 == UInt8(ascii: "x")
        {
            position += 2
            let digitsStart = position
            var value: UInt64 = 0
            var approximate: Double = 0
            var overflow = false
            while position < bytes.count, let digit = Self.hexValue(bytes[position]) {
                let (shifted, carry) = value.multipliedReportingOverflow(by: 16)
                let (sum, carry2) = shifted.addingReportingOverflow(UInt64(digit))
                overflow = overflow || carry || carry2
                value = sum
                approximate = approximate * 16 + Double(digit)
                position += 1
            }
            guard position > digitsStart else { throw invalidNumber(start, "'0x' needs hexadecimal digits") }
            try checkNumberEnd(start)
            let magnitude = overflow ? approximate : Double(value)
            let integer = overflow ? nil : (negative ? Int(exactly: value).map { -$0 } : Int(exactly: value))
            return JSON5Number(value: negative ? -magnitude : magnitude, integer: integer)
        }
        let digitsStart = position
        var integerDigits = 0
        while position < bytes.count, isDigit(bytes[position]) {
            position += 1
            integerDigits += 1
        }
        if integerDigits > 1 && bytes[digitsStart] == UInt8(ascii: "0") {
            throw invalidNumber(start, "numbers cannot start with '0' (octal is not allowed); remove the leading zeros")
        }
        var fractionDigits = 0
        var isInteger = true
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            while position < bytes.count, isDigit(bytes[position]) {
                position += 1
                fractionDigits += 1
            }
        }
        guard integerDigits + fractionDigits > 0 else { throw invalidNumber(start, "expected digits") }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            let exponentStart = position
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            guard position > exponentStart else { throw invalidNumber(start, "the exponent needs digits") }
        }
        try checkNumberEnd(start)
        var text = String(decoding: bytes[digitsStart..<position], as: UTF8.self)
        if integerDigits == 0 { text = "0" + text }
        if fractionDigits == 0, !isInteger { text = text.replacingFirstDot() }
        guard let magnitude = Double(text) else { throw invalidNumber(start, "not a number") }
        let value = negative ? -magnitude : magnitude
        let integer = JSON5Number.exactInteger(value)
        return JSON5Number(value: value, integer: integer)
    }

    private func checkNumberEnd(_ start: Int) throws(JSON5SyntaxError) {
        guard position - start <= Self.maximumNumberLength else {
            throw invalidNumber(start, "number is longer than \(Self.maximumNumberLength) characters")
        }
        guard position < bytes.count else { return }
        let byte = bytes[position]
        let isNameByte =
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: ".")
        if isNameByte { throw invalidNumber(start, "unexpected '\(Character(Unicode.Scalar(byte)))' in a number") }
    }

    private func invalidNumber(_ start: Int, _ detail: String) -> JSON5SyntaxError {
        JSON5SyntaxError(code: DiagnosticCode.invalidNumber, "invalid number: \(detail)", at: start)
    }

    // MARK: - Identifiers

    /// Reads an ECMAScript IdentifierName at the position, or returns nil without moving.
    private mutating func readIdentifier() throws(JSON5SyntaxError) -> String? {
        let start = position
        var scalars = String.UnicodeScalarView()
        while position < bytes.count {
            let first = scalars.isEmpty
            if bytes[position] == UInt8(ascii: "\\") {
                let escapeStart = position
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else {
                    throw JSON5SyntaxError(
                        code: DiagnosticCode.invalidEscape, "only '\\u' escapes are allowed in names", at: escapeStart)
                }
                position += 2
                let value = try hexDigits(4, escapeStart: escapeStart)
                guard let scalar = Unicode.Scalar(value), Self.isNameScalar(scalar, first: first) else {
                    throw JSON5SyntaxError(
                        code: DiagnosticCode.invalidEscape, "this '\\u' escape is not a letter allowed in a name",
                        at: escapeStart)
                }
                scalars.append(scalar)
                continue
            }
            let decoded = scalar(at: position)
            guard let scalar = Unicode.Scalar(decoded.value), Self.isNameScalar(scalar, first: first) else { break }
            scalars.append(scalar)
            position += decoded.length
        }
        guard position > start else { return nil }
        return String(scalars)
    }

    static func isNameScalar(_ scalar: Unicode.Scalar, first: Bool) -> Bool {
        switch scalar.value {
        case 0x24, 0x5F, 0x41...0x5A, 0x61...0x7A: return true
        case 0x30...0x39: return !first
        case 0x200C, 0x200D: return !first
        case 0..<0x80: return false
        default: return first ? scalar.properties.isIDStart : scalar.properties.isIDContinue
        }
    }

    // MARK: - Scalars

    /// Decodes the (valid UTF-8) scalar at an offset: its value and byte length.
    private func scalar(at index: Int) -> (value: UInt32, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard index + length <= bytes.count else { return (0xFFFD, 1) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (value, length)
    }

    /// A character for a message, with control characters spelt as `U+XXXX`.
    static func printable(_ value: UInt32) -> String {
        guard let scalar = Unicode.Scalar(value), value >= 0x20, value != 0x7F,
            !scalar.properties.isWhitespace
        else {
            let hex = String(value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        return String(Character(scalar))
    }
}

extension String {
    /// `"5."` → `"5.0"`, `"5.e3"` → `"5.0e3"`: the forms `Double.init` may not accept.
    fileprivate func replacingFirstDot() -> String {
        guard let dot = firstIndex(of: ".") else { return self }
        return String(self[..<dot]) + ".0" + String(self[index(after: dot)...])
    }
}
