/// A small, fast, strict JSON reader (RFC 8259) for hot paths: webhook bodies and stored rows.
///
/// It accepts exactly RFC 8259 JSON text and nothing else: no comments, trailing commas, leading
/// zeros, `NaN`/`Infinity`, byte-order mark, unescaped control characters, invalid UTF-8 or lone
/// surrogate escapes. Any value may stand at the top level. A repeated object key is kept as
/// written and reads as its last value (see `JSONObject`). Errors carry the byte offset.
///
/// For files people write, use `JSON5Parser`, which keeps source positions for diagnostics.
/// Thread-safe (no shared state); time and memory are linear in the input.
public enum JSONReader {
    /// The deepest nesting of arrays and objects accepted. The reader recurses once per level, so
    /// this bounds its stack use (a few KiB) whatever the input, and `[[[[…` cannot overflow the
    /// stack. Real inputs are shallow: X deliveries nest 6 deep, our stored rows 4; 64 leaves room.
    public static let maximumDepth = 64

    /// The largest input accepted. Callers bound their inputs first (a webhook body is at most
    /// 1 MiB); this stops a caller's mistake from building a tree of hundreds of megabytes.
    public static let maximumInputBytes = 16 << 20

    /// Reads one JSON value from `bytes`.
    public static func parse(_ bytes: [UInt8]) throws(JSONReaderError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONReaderError) -> JSONValue in try parse(buffer) }
    }

    /// Reads one JSON value from the UTF-8 of `text`.
    public static func parse(_ text: String) throws(JSONReaderError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer in Result { () throws(JSONReaderError) in try parse(buffer) } }
        return try result.get()
    }

    /// Reads one JSON value from `bytes`; nothing is kept pointing into them.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONReaderError) -> JSONValue {
        guard bytes.count <= maximumInputBytes else {
            throw JSONReaderError(.tooLarge(bytes: bytes.count, limit: maximumInputBytes), at: 0)
        }
        var parser = JSONParser(bytes)
        return try parser.document()
    }
}

/// The recursive-descent parser behind `JSONReader`, over one buffer.
struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The whole input: one value, surrounded by whitespace only.
    mutating func document() throws(JSONReaderError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw JSONReaderError(.byteOrderMark, at: 0)
        }
        let root = try value()
        skipWhitespace()
        guard index == bytes.count else { throw JSONReaderError(.trailingContent, at: index) }
        return root
    }

    // MARK: Values

    private mutating func value() throws(JSONReaderError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw JSONReaderError(.unexpectedEnd(expected: "a value"), at: index) }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case let byte: throw JSONReaderError(.unexpectedByte(byte, expected: "a value"), at: index)
        }
    }

    private mutating func object() throws(JSONReaderError) -> JSONValue {
        try enterContainer()
        // Room for the usual handful of members in the first allocation. (Collecting members on a
        // stack shared by all objects and copying them out at `}` measured a third slower.)
        var members: [JSONObject.Member] = []
        members.reserveCapacity(4)
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(JSONObject())
        }
        // Each turn consumes at least a key and a value, so the input's length bounds the loop.
        while true {
            skipWhitespace()
            guard index < bytes.count else {
                throw JSONReaderError(.unexpectedEnd(expected: "a member name in double quotes"), at: index)
            }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw JSONReaderError(.unexpectedByte(bytes[index], expected: "a member name in double quotes"), at: index)
            }
            let key = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after a member name")
            let member = try value()
            members.append(JSONObject.Member(key: key, value: member))
            if try closes(UInt8(ascii: "}"), "',' or '}' after an object member") {
                return .object(JSONObject(members: members))
            }
        }
    }

    private mutating func array() throws(JSONReaderError) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array([])
        }
        // Each turn consumes at least one value, so the input's length bounds the loop.
        while true {
            let element = try value()
            elements.append(element)
            if try closes(UInt8(ascii: "]"), "',' or ']' after an array element") {
                return .array(elements)
            }
        }
    }

    /// Steps over `[` or `{`, counting the depth.
    private mutating func enterContainer() throws(JSONReaderError) {
        depth += 1
        guard depth <= JSONReader.maximumDepth else {
            throw JSONReaderError(.tooDeep(limit: JSONReader.maximumDepth), at: index)
        }
        index += 1
    }

    /// After a member or element: true (and leaves the container) on `close`, false on a comma
    /// that another member or element follows.
    private mutating func closes(_ close: UInt8, _ expected: String) throws(JSONReaderError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw JSONReaderError(.unexpectedEnd(expected: expected), at: index) }
        switch bytes[index] {
        case close:
            index += 1
            depth -= 1
            return true
        case UInt8(ascii: ","):
            let comma = index
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") || bytes[index] == UInt8(ascii: "}") {
                throw JSONReaderError(.trailingComma, at: comma)
            }
            return false
        case let byte:
            throw JSONReaderError(.unexpectedByte(byte, expected: expected), at: index)
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONReaderError) {
        let start = index
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else {
            throw JSONReaderError(.unexpectedEnd(expected: "'\(word)'"), at: start)
        }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != expected[offset] {
            throw JSONReaderError(.unexpectedByte(bytes[index + offset], expected: "'\(word)'"), at: index + offset)
        }
        index += count
    }

    private mutating func expect(_ byte: UInt8, _ expected: String) throws(JSONReaderError) {
        guard index < bytes.count else { throw JSONReaderError(.unexpectedEnd(expected: expected), at: index) }
        guard bytes[index] == byte else { throw JSONReaderError(.unexpectedByte(bytes[index], expected: expected), at: index) }
        index += 1
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return
            }
        }
    }

    // MARK: Numbers

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as text.
    private mutating func number() throws(JSONReaderError) -> JSONNumber {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw JSONReaderError(.leadingZero, at: start) }
        } else {
            try digits(after: "'-'")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            try digits(after: "'.'")
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            try digits(after: "the exponent's 'e'")
        }
        return JSONNumber(uncheckedText: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
    }

    /// One or more digits.
    private mutating func digits(after what: String) throws(JSONReaderError) {
        guard index < bytes.count else { throw JSONReaderError(.unexpectedEnd(expected: "a digit after \(what)"), at: index) }
        guard isDigit(bytes[index]) else { throw JSONReaderError(.invalidNumber(expected: "a digit after \(what)"), at: index) }
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    // MARK: Strings

    /// A string from its opening quote. Without escapes (the usual case) the text is decoded
    /// straight from the input; the first backslash switches to a copying loop.
    private mutating func string() throws(JSONReaderError) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            skipPlainASCII()
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            try plainByte(byte)
        }
        throw JSONReaderError(.unexpectedEnd(expected: "a closing '\"'"), at: index)
    }

    /// Skips 8 bytes at a time while none of them is a quote, a backslash, a control character or
    /// non-ASCII (the bytes the string loops must look at one by one). Bit tricks on a word:
    /// a byte's high bit ends up set when it is zero after XOR with '"' or '\\', below 0x20, or
    /// at least 0x80; a borrow may flag a later byte too, which only ends the skip early.
    private mutating func skipPlainASCII() {
        guard let base = bytes.baseAddress else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        while bytes.count - index >= 8 {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let flagged = (quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- ones &* 0x20) | word
            if flagged & highBits != 0 { return }
            index += 8
        }
    }

    /// The rest of a string that has escapes; `start` is just after the opening quote, `index` at
    /// the first backslash.
    private mutating func escapedString(from start: Int) throws(JSONReaderError) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(index - start + 16)
        utf8.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: utf8, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                try escape(into: &utf8)
                continue
            }
            let from = index
            try plainByte(byte)
            utf8.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<index]))
        }
        throw JSONReaderError(.unexpectedEnd(expected: "a closing '\"'"), at: index)
    }

    /// Steps over one unescaped character of a string (1 to 4 bytes), checking it.
    private mutating func plainByte(_ byte: UInt8) throws(JSONReaderError) {
        if byte >= 0x80 {
            index += try scalarLength(at: index)
        } else if byte < 0x20 {
            throw JSONReaderError(.controlCharacter(byte), at: index)
        } else {
            index += 1
        }
    }

    /// The length of the well-formed UTF-8 sequence at `offset` (no overlong forms, no
    /// surrogates, nothing past U+10FFFF).
    private func scalarLength(at offset: Int) throws(JSONReaderError) -> Int {
        guard let length = UTF8Validation.scalarLength(in: bytes, at: offset) else {
            throw JSONReaderError(.invalidUTF8, at: offset)
        }
        return length
    }

    /// Decodes the escape at `index` (a backslash) and appends its UTF-8.
    private mutating func escape(into utf8: inout [UInt8]) throws(JSONReaderError) {
        let start = index
        guard index + 1 < bytes.count else { throw JSONReaderError(.unexpectedEnd(expected: "an escape"), at: index) }
        let decoded: UInt8
        switch bytes[index + 1] {
        case UInt8(ascii: "\""): decoded = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): decoded = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): decoded = UInt8(ascii: "/")
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            var scalar = try hexQuad(at: index + 2)
            index += 6
            if (0xDC00...0xDFFF).contains(scalar) { throw JSONReaderError(.loneSurrogate, at: start) }
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw JSONReaderError(.loneSurrogate, at: start)
                }
                let low = try hexQuad(at: index + 2)
                guard (0xDC00...0xDFFF).contains(low) else { throw JSONReaderError(.loneSurrogate, at: start) }
                index += 6
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            Self.appendUTF8(of: scalar, to: &utf8)
            return
        default: throw JSONReaderError(.invalidEscape, at: start)
        }
        utf8.append(decoded)
        index += 2
    }

    /// The four hex digits at `offset`, as a number.
    private func hexQuad(at offset: Int) throws(JSONReaderError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw JSONReaderError(.unexpectedEnd(expected: "four hex digits"), at: offset) }
        var value: UInt32 = 0
        for position in offset..<(offset + 4) {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONReaderError(.invalidEscape, at: offset - 2)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Appends the UTF-8 of `scalar`, which is a Unicode scalar value (not a surrogate).
    private static func appendUTF8(of scalar: UInt32, to utf8: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            utf8.append(UInt8(scalar))
        case 0x80..<0x800:
            utf8.append(UInt8(0xC0 | scalar >> 6))
            utf8.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            utf8.append(UInt8(0xE0 | scalar >> 12))
            utf8.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            utf8.append(UInt8(0x80 | scalar & 0x3F))
        default:
            utf8.append(UInt8(0xF0 | scalar >> 18))
            utf8.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            utf8.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            utf8.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
