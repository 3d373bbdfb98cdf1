/// Why `JSONReader` rejected its input, and the byte offset where it noticed.
public struct JSONReaderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Sendable, Equatable {
        /// The input is over `JSONReader.maximumInputBytes`.
        case tooLarge(bytes: Int, limit: Int)
        /// The input ended where `expected` should come (`"a value"`, `"',' or ']'"`, …).
        case unexpectedEnd(expected: String)
        /// `byte` stands where `expected` should.
        case unexpectedByte(UInt8, expected: String)
        /// A comma right before `]` or `}`: JSON5 allows it, JSON does not.
        case trailingComma
        /// A number with a superfluous leading zero (`01`, `-007`).
        case leadingZero
        /// A number that breaks the grammar (`-`, `1.`, `1e`, `.5`); `expected` says what was missing.
        case invalidNumber(expected: String)
        /// Bytes that are not well-formed UTF-8 (overlong, surrogate, truncated, over U+10FFFF).
        case invalidUTF8
        /// An unescaped control character (below U+0020) inside a string.
        case controlCharacter(UInt8)
        /// A backslash followed by something other than `" \ / b f n r t u`, or a `\u` without
        /// four hex digits.
        case invalidEscape
        /// A `\uD800`–`\uDFFF` escape that is not half of a high-then-low surrogate pair.
        case loneSurrogate
        /// Containers nested deeper than `JSONReader.maximumDepth`.
        case tooDeep(limit: Int)
        /// A UTF-8 byte-order mark at the start; RFC 8259 §8.1 says senders must not add one.
        case byteOrderMark
        /// Something after the one top-level value.
        case trailingContent
    }

    /// The offset, from 0, of the byte where the problem is.
    public var offset: Int
    public var reason: Reason

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// What is wrong, in a sentence for a log line.
    public var message: String {
        switch reason {
        case .tooLarge(let bytes, let limit):
            "the input is \(bytes) bytes, over the reader's \(limit)-byte limit; refuse such input before parsing it"
        case .unexpectedEnd(let expected): "the input ends where \(expected) should come; it is truncated"
        case .unexpectedByte(let byte, let expected): "found \(Self.show(byte)) where \(expected) should come"
        case .trailingComma: "a comma before a closing bracket; JSON (unlike JSON5) does not allow trailing commas"
        case .leadingZero: "a number with a leading zero; write 7, not 07"
        case .invalidNumber(let expected): "a malformed number: \(expected) is missing"
        case .invalidUTF8: "bytes that are not valid UTF-8; JSON text must be UTF-8"
        case .controlCharacter(let byte): "an unescaped control character (\(Self.show(byte))) in a string; escape it as \\u00XX"
        case .invalidEscape: "an invalid escape; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\u followed by 4 hex digits"
        case .loneSurrogate: "a \\u escape of half a surrogate pair; write a high surrogate (\\uD800–\\uDBFF) followed by a low one"
        case .tooDeep(let limit): "containers nested more than \(limit) deep"
        case .byteOrderMark: "a byte-order mark before the value; JSON text must not start with one"
        case .trailingContent: "something after the JSON value; the input must hold exactly one value"
        }
    }

    public var description: String { "invalid JSON at byte \(offset): \(message)" }

    /// `'x'` for printable ASCII, `byte 0xNN` otherwise.
    static func show(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + hex(byte)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
