import Testing

@testable import SwitchboardCore

/// Parses `text` as a file named `test.json5`.
func parse(_ text: String) -> JSON5Parser.Result {
    JSON5Parser.parse(Array(text.utf8), file: "test.json5")
}

/// The single error of a failed parse, as `line:col code message`.
func onlyError(_ text: String) throws -> Diagnostic {
    let result = parse(text)
    #expect(result.value == nil)
    return try #require(result.diagnostics.first { $0.severity == .error })
}

extension JSON5Value {
    subscript(key: String) -> JSON5Value? {
        guard case .object(let object) = kind else { return nil }
        return object[key]
    }

    var string: String? {
        guard case .string(let text) = kind else { return nil }
        return text
    }

    var number: JSON5Number? {
        guard case .number(let number) = kind else { return nil }
        return number
    }

    var elements: [JSON5Value] {
        guard case .array(let elements) = kind else { return [] }
        return elements
    }
}

@Suite struct JSON5ParserTests {
    @Test func readsCommentsTrailingCommasAndUnquotedKeys() throws {
        let result = parse(
            """
            // a flow
            {
              /* block
                 comment */ flow: 'acme', // trailing comment
              $id_1: "x",
              list: [1, 2, 3,],
            }
            """)
        #expect(result.diagnostics.isEmpty)
        let value = try #require(result.value)
        #expect(value["flow"]?.string == "acme")
        #expect(value["$id_1"]?.string == "x")
        #expect(value["list"]?.elements.count == 3)
    }

    @Test func decodesEscapesSurrogatePairsAndLineContinuations() throws {
        let text = #"""
            { a: "tab\tquote\"apos\'back\\slash\/", b: 'it\'s', c: "\u00e9\u0041", d: "\ud83d\ude00",
              e: "one \
            two", f: "\x41\0", g: "\a" }
            """#
        let value = try #require(parse(text).value)
        #expect(value["a"]?.string == "tab\tquote\"apos'back\\slash/")
        #expect(value["b"]?.string == "it's")
        #expect(value["c"]?.string == "éA")
        #expect(value["d"]?.string == "😀")
        #expect(value["e"]?.string == "one two")
        #expect(value["f"]?.string == "A\u{0}")
        #expect(value["g"]?.string == "a")
    }

    @Test(arguments: [
        ("0x1F", 31.0, 31 as Int?), ("-0x10", -16, -16), (".5", 0.5, nil), ("5.", 5, 5), ("+7", 7, 7),
        ("-2.5e2", -250, -250), ("1E3", 1000, 1000), ("0", 0, 0), ("3.0", 3, 3),
    ])
    func readsJSON5Numbers(text: String, value: Double, integer: Int?) throws {
        let number = try #require(parse(text).value?.number)
        #expect(number.value == value)
        #expect(number.integer == integer)
    }

    @Test func readsInfinityAndNaN() throws {
        let value = try #require(parse("[Infinity, -Infinity, NaN, +NaN]").value)
        let numbers = value.elements.compactMap { $0.number?.value }
        #expect(numbers.count == 4)
        #expect(numbers[0] == .infinity && numbers[1] == -.infinity)
        #expect(numbers[2].isNaN && numbers[3].isNaN)
    }

    @Test func keepsLocationsOfValuesAndKeysCountingScalars() throws {
        let text = "{\n  \"é\": 'ü', key: [true,\n    null]\n}"
        let value = try #require(parse(text).value)
        guard case .object(let object) = value.kind else {
            Issue.record("not an object")
            return
        }
        let first = try #require(object.member("é"))
        #expect((first.keyLocation.line, first.keyLocation.column) == (2, 3))
        #expect((first.value.location.line, first.value.location.column) == (2, 8))
        let key = try #require(object.member("key"))
        #expect((key.keyLocation.line, key.keyLocation.column) == (2, 13))
        let null = try #require(key.value.elements.last)
        #expect((null.location.line, null.location.column, null.location.offset) == (3, 5, 32))
    }

    @Test func acceptsAByteOrderMark() throws {
        let result = JSON5Parser.parse([0xEF, 0xBB, 0xBF] + Array("{a: 1, b: }".utf8), file: "bom.json5")
        let error = try #require(result.diagnostics.first)
        #expect((error.location?.line, error.location?.column) == (1, 11))
        let good = JSON5Parser.parse([0xEF, 0xBB, 0xBF] + Array("{a: 1}".utf8), file: "bom.json5")
        #expect(good.value?["a"]?.number?.integer == 1)
    }

    @Test func missingCommaIsReportedWhereTheCommaBelongs() throws {
        let error = try onlyError("{\n  a: 1\n  b: 2\n}")
        #expect(error.code == DiagnosticCode.syntax)
        #expect(error.message == "expected ',' or '}' after a property; did you forget a comma?")
        #expect((error.location?.line, error.location?.column) == (2, 7))
    }

    @Test func missingCommaInAnArray() throws {
        let error = try onlyError("[1, 2 3]")
        #expect(error.message == "expected ',' or ']' after an array element; did you forget a comma?")
        #expect(error.location?.column == 6)
    }

    @Test func unterminatedStringPointsAtTheOpeningQuote() throws {
        let error = try onlyError("{ say: \"Hello,\n  next: 'x' }")
        #expect(error.code == DiagnosticCode.unterminatedString)
        #expect(error.message.hasPrefix("unterminated string"))
        #expect((error.location?.line, error.location?.column) == (1, 8))
    }

    @Test func duplicateKeyIsADiagnosticWithANoteAtTheFirst() throws {
        let result = parse("{\n  states: {},\n  states: {},\n}")
        #expect(result.value != nil)
        let error = try #require(result.diagnostics.first)
        #expect(error.code == DiagnosticCode.duplicateKey)
        #expect(error.message.contains("duplicate key 'states'"))
        #expect(error.location?.line == 3)
        #expect(error.notes.first?.location?.line == 2)
    }

    @Test(arguments: [
        ("", "the file is empty"), ("{a: 1} x", "after the end of the value"),
        ("{a: hello}", "needs quotes: \"hello\""),
        ("{a: 012}", "cannot start with '0'"), ("{a: '\\ud800'}", "lone surrogate"), ("{a: 1 /* open", "block comment"),
        ("{1: 2}", "cannot be a number"), ("{a 1}", "expected ':'"), ("[1,,2]", "expected a value"),
        ("{a: 0x}", "hexadecimal digits"), ("{a: 12abc}", "in a number"), ("{a: '\\x4'}", "2 hexadecimal digits"),
        ("{a: @}", "unexpected character '@'"), ("{a: -}", "invalid number"), ("{a: '\\1'}", "invalid escape"),
    ])
    func reportsSyntaxErrors(text: String, message: String) throws {
        let error = try onlyError(text)
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let error = try onlyError(String(repeating: "[", count: 100_000))
        #expect(error.code == DiagnosticCode.nestingTooDeep)
        #expect(error.location?.column == JSON5Parser.maximumDepth + 1)
        let fine = String(repeating: "[", count: JSON5Parser.maximumDepth) + String(repeating: "]", count: 64)
        #expect(parse(fine).value != nil)
    }

    @Test func invalidUTF8IsReportedAtItsByte() throws {
        let bytes = Array("{\n  a: \"ok\",\n  b: \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        let result = JSON5Parser.parse(bytes, file: "bad.json5")
        let error = try #require(result.diagnostics.first)
        #expect(error.code == DiagnosticCode.invalidUTF8)
        #expect((error.location?.line, error.location?.column) == (3, 7))
    }

    @Test func filesOverTheSizeLimitAreRejected() throws {
        let bytes = [UInt8](repeating: 0x20, count: JSON5Parser.maximumFileSize + 1)
        let result = JSON5Parser.parse(bytes, file: "big.json5")
        #expect(result.diagnostics.first?.code == DiagnosticCode.fileTooLarge)
    }

    @Test func identifiersMayUseUnicodeLettersAndEscapes() throws {
        let value = try #require(parse("{ café: 1, \\u0061b: 2 }").value)
        #expect(value["café"]?.number?.integer == 1)
        #expect(value["ab"]?.number?.integer == 2)
    }
}
