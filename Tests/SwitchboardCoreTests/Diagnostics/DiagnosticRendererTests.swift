import Testing

@testable import SwitchboardCore

@Suite struct DiagnosticRendererTests {
    static let source = """
        {
          flow: "f",
          start: "welcome",
          states: {
            welcome: { say: "Hi", options: [{ label: "Billing", goto: "biling" }] },
            billing: { say: "About billing", end: true },
          },
        }
        """
    static let files = [SourceFile(path: "flows/f.json5", text: source)]

    @Test func textShowsTheLineACaretAndNotes() throws {
        let result = BotLoader.load(files: Self.files)
        let text = DiagnosticRenderer.text(result.diagnostics, sources: ["flows/f.json5": Self.files[0].bytes])
        let expected = """
            flows/f.json5:5:63: error: unknown state 'biling'; did you mean 'billing'?
                welcome: { say: "Hi", options: [{ label: "Billing", goto: "biling" }] },
                                                                          ^
            flows/f.json5:6:5: note: 'billing' is defined here
                billing: { say: "About billing", end: true },
                ^
            1 error, 0 warnings

            """
        #expect(text == expected)
    }

    @Test func jsonListsEveryFieldAndEscapesText() {
        let diagnostic = Diagnostic.error(
            "unknown-state", "unknown state \"a\"\n",
            at: SwitchboardCore.SourceLocation(file: "x.json5", line: 2, column: 3, offset: 9),
            notes: [.init("defined here", at: nil)])
        let json = DiagnosticRenderer.json([diagnostic])
        #expect(
            json == #"""
                [{"severity":"error","code":"unknown-state","message":"unknown state \"a\"\n","file":"x.json5","line":2,"column":3,"notes":[{"message":"defined here","file":null,"line":null,"column":null}]}]

                """#)
        #expect(DiagnosticRenderer.json([]) == "[]\n")
    }

    @Test func diagnosticsAreSortedByFileLineAndColumn() {
        func at(_ file: String, _ line: Int, _ column: Int) -> SwitchboardCore.SourceLocation {
            SwitchboardCore.SourceLocation(file: file, line: line, column: column, offset: 0)
        }
        let diagnostics: [Diagnostic] = [
            .warning("w", "b 1", at: at("b.json5", 1, 1)),
            .error("e", "a 10", at: at("a.json5", 10, 1)),
            .error("e", "a 2:5", at: at("a.json5", 2, 5)),
            .warning("w", "a 2:5 warning", at: at("a.json5", 2, 5)),
            .error("e", "nowhere", at: nil),
        ]
        let order = DiagnosticRenderer.sorted(diagnostics).map(\.message)
        #expect(order == ["nowhere", "a 2:5", "a 2:5 warning", "a 10", "b 1"])
    }

    @Test func excerptCutsVeryLongLinesAroundTheColumn() throws {
        let line = String(repeating: "a", count: 1_000) + "X" + String(repeating: "b", count: 1_000)
        let location = SwitchboardCore.SourceLocation(file: "f", line: 1, column: 1_001, offset: 1_000)
        let excerpt = try #require(DiagnosticRenderer.excerpt(of: Array(line.utf8), at: location))
        let lines = excerpt.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].count == DiagnosticRenderer.maximumExcerptWidth)
        let caret = try #require(lines[1].firstIndex(of: "^"))
        #expect(
            lines[0][
                lines[0].index(lines[0].startIndex, offsetBy: lines[1].distance(from: lines[1].startIndex, to: caret))]
                == "X")
    }

    @Test func textWithoutSourcesStillNamesThePlace() {
        let diagnostic = Diagnostic.warning(
            "w", "careful", at: SwitchboardCore.SourceLocation(file: "x.json5", line: 1, column: 2, offset: 1))
        #expect(DiagnosticRenderer.text([diagnostic]) == "x.json5:1:2: warning: careful\n0 errors, 1 warning\n")
    }
}
