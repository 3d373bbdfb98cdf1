import Testing

@testable import SwitchboardCore

/// The strict JSON reader: what it accepts (RFC 8259, the JSONTestSuite `y_` kind), what it
/// rejects with which reason and byte offset (the `n_` kind), and the lookup helpers.
@Suite struct JSONReaderTests {
    @Test(arguments: [
        "[]", "{}", "[null]", "[true,false]", "\"top-level string\"", "1", "-0", "0.5", "1E+2", "1e-2", "-1.5e300",
        "[1e999]", " \t\r\n[1]\n", #"{"a":{"b":[1,{"c":null}],"d":""}}"#, #"["\u0000"]"#, #"["\/"]"#,
        #"["\b\f\n\r\t\"\\"]"#, #"{"a":1,"a":2}"#, "[\"\u{7F}\"]", "[123456789012345678901234567890]", #"{"":0}"#,
        "[\"é😀\u{10FFFF}\"]", #"["\uFFFF\uD800\uDC00\uDBFF\uDFFF"]"#, "[[[[[[]]]]]]", "[-1.0e-0]", "0e0", "[0.000]",
    ])
    func acceptsValidJSON(text: String) throws {
        _ = try JSONReader.parse(text)
    }

    /// Input, reason, and the offset the error must point at.
    static let rejected: [(String, JSONReaderError.Reason, Int)] = [
        ("", .unexpectedEnd(expected: "a value"), 0),
        ("   ", .unexpectedEnd(expected: "a value"), 3),
        ("[01]", .leadingZero, 1),
        ("[-007]", .leadingZero, 1),
        ("[1,]", .trailingComma, 2),
        (#"{"a":1 , }"#, .trailingComma, 7),
        ("[NaN]", .unexpectedByte(UInt8(ascii: "N"), expected: "a value"), 1),
        ("[Infinity]", .unexpectedByte(UInt8(ascii: "I"), expected: "a value"), 1),
        ("[-Infinity]", .invalidNumber(expected: "a digit after '-'"), 2),
        ("/* c */ [1]", .unexpectedByte(UInt8(ascii: "/"), expected: "a value"), 0),
        ("[1] // c", .trailingContent, 4),
        ("[1][2]", .trailingContent, 3),
        ("[1] x", .trailingContent, 4),
        ("[\"a\tb\"]", .controlCharacter(0x09), 3),
        ("[\"a\nb\"]", .controlCharacter(0x0A), 3),
        (#"["\a"]"#, .invalidEscape, 2),
        (#"["\'"]"#, .invalidEscape, 2),
        (#"["\u12"]"#, .invalidEscape, 2),
        (#"["\u12G4"]"#, .invalidEscape, 2),
        (#"["\uD800"]"#, .loneSurrogate, 2),
        (#"["\uDC00"]"#, .loneSurrogate, 2),
        (#"["x\uDFFF\uD800"]"#, .loneSurrogate, 3),
        (#"["\uD800\u0041"]"#, .loneSurrogate, 2),
        (#"["\uD800\uD800"]"#, .loneSurrogate, 2),
        (#"["\uD800x"]"#, .loneSurrogate, 2),
        ("[1.]", .invalidNumber(expected: "a digit after '.'"), 3),
        ("[.5]", .unexpectedByte(UInt8(ascii: "."), expected: "a value"), 1),
        ("[1e]", .invalidNumber(expected: "a digit after the exponent's 'e'"), 3),
        ("[1e+]", .invalidNumber(expected: "a digit after the exponent's 'e'"), 4),
        ("[-]", .invalidNumber(expected: "a digit after '-'"), 2),
        ("-", .unexpectedEnd(expected: "a digit after '-'"), 1),
        ("[+1]", .unexpectedByte(UInt8(ascii: "+"), expected: "a value"), 1),
        ("[0x1]", .unexpectedByte(UInt8(ascii: "x"), expected: "',' or ']' after an array element"), 2),
        ("{1:2}", .unexpectedByte(UInt8(ascii: "1"), expected: "a member name in double quotes"), 1),
        ("{'a':1}", .unexpectedByte(UInt8(ascii: "'"), expected: "a member name in double quotes"), 1),
        ("{a:1}", .unexpectedByte(UInt8(ascii: "a"), expected: "a member name in double quotes"), 1),
        (#"{"a" 1}"#, .unexpectedByte(UInt8(ascii: "1"), expected: "':' after a member name"), 5),
        (#"{"a":1 "b":2}"#, .unexpectedByte(UInt8(ascii: "\""), expected: "',' or '}' after an object member"), 7),
        ("[tru]", .unexpectedByte(UInt8(ascii: "]"), expected: "'true'"), 4),
        ("[truex]", .unexpectedByte(UInt8(ascii: "x"), expected: "',' or ']' after an array element"), 5),
        ("nul", .unexpectedEnd(expected: "'null'"), 0),
        ("[1 2]", .unexpectedByte(UInt8(ascii: "2"), expected: "',' or ']' after an array element"), 3),
        ("[1,,2]", .unexpectedByte(UInt8(ascii: ","), expected: "a value"), 3),
        ("[,1]", .unexpectedByte(UInt8(ascii: ","), expected: "a value"), 1),
        ("\u{FEFF}[1]", .byteOrderMark, 0),
        ("[\u{0C}1]", .unexpectedByte(0x0C, expected: "a value"), 1),
        (#"{"a":1"#, .unexpectedEnd(expected: "',' or '}' after an object member"), 6),
        (#"{"a":"#, .unexpectedEnd(expected: "a value"), 5),
        (#"{"a"#, .unexpectedEnd(expected: "a closing '\"'"), 3),
        (#"["abc"#, .unexpectedEnd(expected: "a closing '\"'"), 5),
        (#"["ab\"#, .unexpectedEnd(expected: "an escape"), 4),
        ("['a']", .unexpectedByte(UInt8(ascii: "'"), expected: "a value"), 1),
        ("]", .unexpectedByte(UInt8(ascii: "]"), expected: "a value"), 0),
    ]

    @Test(arguments: rejected)
    func rejectsInvalidJSONWithReasonAndOffset(text: String, reason: JSONReaderError.Reason, offset: Int) {
        #expect(throws: JSONReaderError(reason, at: offset)) { try JSONReader.parse(text) }
    }

    /// Bytes that are not UTF-8: overlong, encoded surrogate, 0xFF, truncated, past U+10FFFF, lone continuation.
    @Test(arguments: [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xC3, 0x28]] as [[UInt8]])
    func rejectsInvalidUTF8InStrings(sequence: [UInt8]) {
        let bytes = Array("[\"ok ".utf8) + sequence + Array("\"]".utf8)
        #expect(throws: JSONReaderError(.invalidUTF8, at: 5)) { try JSONReader.parse(bytes) }
        let escaped = Array("[\"\\n ".utf8) + sequence + Array("\"]".utf8)
        #expect(throws: JSONReaderError(.invalidUTF8, at: 5)) { try JSONReader.parse(escaped) }
    }

    @Test func rejectsInvalidUTF8OutsideStrings() {
        #expect(throws: JSONReaderError(.unexpectedByte(0xC3, expected: "a value"), at: 1)) { try JSONReader.parse([0x5B, 0xC3, 0xA9, 0x5D]) }
    }

    /// The string scan skips 8 bytes at a time: a special byte is found at every position of a word.
    @Test(arguments: [0x01, 0x1F, 0xFF, 0x80] as [UInt8])
    func aBadByteIsFoundAtEveryPositionOfALongString(bad: UInt8) {
        for length in 1...20 {
            for position in 0..<length {
                var bytes = [UInt8(ascii: "\"")] + [UInt8](repeating: UInt8(ascii: "a"), count: length) + [UInt8(ascii: "\"")]
                bytes[1 + position] = bad
                let reason: JSONReaderError.Reason = bad < 0x20 ? .controlCharacter(bad) : .invalidUTF8
                #expect(throws: JSONReaderError(reason, at: 1 + position)) { try JSONReader.parse(bytes) }
            }
        }
    }

    @Test func quotesAndEscapesEndOrBreakALongStringAtEveryPosition() throws {
        for length in 0...20 {
            for position in 0...length {
                let head = String(repeating: "x", count: position)
                let tail = String(repeating: "y", count: length - position)
                #expect(try JSONReader.parse("[\"\(head)\",\"\(tail)\"]") == .array([.string(head), .string(tail)]))
                #expect(try JSONReader.parse("\"\(head)\\n\(tail)\"") == .string(head + "\n" + tail))
                #expect(try JSONReader.parse("\"\(head)é\(tail)\"") == .string(head + "é" + tail))
            }
        }
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = JSONReader.maximumDepth
        let value = try JSONReader.parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        #expect(value.array?.count == 1)
    }

    @Test(arguments: ["[", #"{"a":"#])
    func deepNestingIsAnErrorNotAStackOverflow(open: String) {
        let text = String(repeating: open, count: 100_000)
        let offset = open.utf8.count * JSONReader.maximumDepth
        #expect(throws: JSONReaderError(.tooDeep(limit: JSONReader.maximumDepth), at: offset)) { try JSONReader.parse(text) }
        let balanced = String(repeating: "[", count: JSONReader.maximumDepth + 1) + String(repeating: "]", count: JSONReader.maximumDepth + 1)
        #expect(throws: JSONReaderError.self) { try JSONReader.parse(balanced) }
    }

    @Test func inputOverTheLimitIsRefusedBeforeParsing() {
        let bytes = [UInt8](repeating: 0x20, count: JSONReader.maximumInputBytes + 1)
        #expect(throws: JSONReaderError(.tooLarge(bytes: bytes.count, limit: JSONReader.maximumInputBytes), at: 0)) {
            try JSONReader.parse(bytes)
        }
    }

    @Test func escapesDecodeToTheirCharacters() throws {
        #expect(try JSONReader.parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try JSONReader.parse(#""caf\u00e9 \u00E9 é \"q\" \\ \/ \b\f\n\r\t""#) == .string("café é é \"q\" \\ / \u{8}\u{C}\n\r\t"))
        #expect(try JSONReader.parse(#""\u0000x""#) == .string("\u{0}x"))
        #expect(try JSONReader.parse(#""\uDBFF\uDFFF""#) == .string("\u{10FFFF}"))
        #expect(try JSONReader.parse(#""a\u20ACb""#) == .string("a€b"))
        #expect(try JSONReader.parse("\"plain ascii and ünïcödé 😡\"") == .string("plain ascii and ünïcödé 😡"))
    }

    @Test func bigNumbersKeepTheirTextAndConvertOnlyWhenExact() throws {
        let huge = try #require(try JSONReader.parse("123456789012345678901234567890").number)
        #expect(huge.text == "123456789012345678901234567890")
        #expect(huge.int == nil)
        #expect(huge.double == 1.2345678901234568e29)
        #expect(try JSONReader.parse("9223372036854775807").int == Int.max)
        #expect(try JSONReader.parse("-9223372036854775808").int == Int.min)
        #expect(try JSONReader.parse("9223372036854775808").int == nil)
        #expect(try JSONReader.parse("1e999").number?.double == nil)
        #expect(try JSONReader.parse("-1e999").number?.double == nil)
        #expect(try JSONReader.parse("1e-999").number?.double == 0)
        #expect(try JSONReader.parse("1.0").int == 1)
        #expect(try JSONReader.parse("1e2").int == 100)
        #expect(try JSONReader.parse("-0").int == 0)
        #expect(try JSONReader.parse("1.5").int == nil)
        #expect(try JSONReader.parse("1700000000123").int64 == 1_700_000_000_123)
        #expect(try JSONReader.parse("-12.5e-1").number?.double == -1.25)
    }

    @Test func repeatedKeysReadAsTheLastValueAndAreAllKept() throws {
        let value = try JSONReader.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(value["a"]?.int == 3)
        let object = try #require(value.object)
        #expect(object.members.map(\.key) == ["a", "b", "a"])
        #expect(object.keys == ["a", "b"])
        #expect(object.lastValues()["a"]?.int == 3)
    }

    @Test func lookupHelpersReadNestedValues() throws {
        let value = try JSONReader.parse(#"{"events":[{"id":"5","ok":true,"n":null,"x":1.5}],"empty":{}}"#)
        #expect(value["events"]?[0]?["id"]?.string == "5")
        #expect(value["events"]?[0]?["ok"]?.bool == true)
        #expect(value["events"]?[0]?["n"]?.isNull == true)
        #expect(value["events"]?[0]?["x"]?.number?.double == 1.5)
        #expect(value["events"]?[1] == nil)
        #expect(value["events"]?[-1] == nil)
        #expect(value["events"]?["id"] == nil)
        #expect(value["missing"] == nil)
        #expect(value["empty"]?.object?.members.isEmpty == true)
        #expect(value["events"]?.array?.count == 1)
        #expect(value.string == nil && value.array == nil && value.bool == nil && value.int == nil)
        #expect(value.typeDescription == "an object")
    }

    @Test func everyWayInReadsTheSame() throws {
        let text = #"{"a":["b",1,true,null]}"#
        let fromString = try JSONReader.parse(text)
        #expect(try JSONReader.parse(Array(text.utf8)) == fromString)
        let bytes = Array(text.utf8)
        #expect(try bytes.withUnsafeBufferPointer { (buffer) throws(JSONReaderError) in try JSONReader.parse(buffer) } == fromString)
    }

    /// Whatever `JSONString` writes reads back as the same string, for random text.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func stringsWrittenByJSONStringReadBack(seed: UInt64) throws {
        var random = SwitchboardCore.SeededGenerator(seed: seed)
        let pool: [Unicode.Scalar] = ["a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "€", "😀", "\u{10FFFF}", "\u{FFFF}"]
        for _ in 0..<200 {
            var text = ""
            for _ in 0..<Int(random.next() % 24) { text.unicodeScalars.append(pool[Int(random.next() % UInt64(pool.count))]) }
            #expect(try JSONReader.parse(JSONString.literal(text)) == .string(text))
        }
    }

    @Test func errorsSayWhereAndWhat() {
        let error = JSONReaderError(.trailingComma, at: 12)
        #expect(error.description.contains("byte 12"))
        #expect(error.description.contains("trailing comma"))
        #expect(JSONReaderError(.unexpectedByte(0x01, expected: "a value"), at: 0).description.contains("byte 0x01"))
        #expect(JSONReaderError(.unexpectedByte(UInt8(ascii: "x"), expected: "a value"), at: 0).description.contains("'x'"))
    }
}
