import Testing

@testable import SwitchboardCore

/// One expected diagnostic, written in a fixture as
/// `// expect: <severity> <line>:<column> <code>: <message substring>`.
struct ExpectedDiagnostic: CustomStringConvertible {
    var file: String
    var severity: String
    var line: Int
    var column: Int
    var code: String
    var message: String

    var description: String { "\(file):\(line):\(column): \(severity) [\(code)] …\(message)…" }

    func matches(_ diagnostic: Diagnostic) -> Bool {
        guard let location = diagnostic.location else { return false }
        return location.file == file && location.line == line && location.column == column
            && diagnostic.severity.rawValue == severity && diagnostic.code == code
            && diagnostic.message.contains(message)
    }

    /// The expectations written in a file's `// expect:` lines.
    static func all(in file: SourceFile) -> [ExpectedDiagnostic] {
        String(decoding: file.bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard let marker = line.firstRange(of: "// expect: ") else { return nil }
            let rest = line[marker.upperBound...]
            let parts = rest.split(separator: " ", maxSplits: 2)
            guard parts.count == 3, let colon = parts[2].firstIndex(of: ":") else { return nil }
            let position = parts[1].split(separator: ":")
            guard position.count == 2, let line = Int(position[0]), let column = Int(position[1]) else { return nil }
            let code = String(parts[2][..<colon])
            let message = parts[2][parts[2].index(after: colon)...].trimmingSpaces()
            return ExpectedDiagnostic(
                file: file.path, severity: String(parts[0]), line: line, column: column, code: code, message: message)
        }
    }
}

@Suite struct BrokenFlowCatalogueTests {
    static let cases: [String] = (try? FixtureFiles.entries(in: "broken-flows")) ?? []

    @Test func catalogueHasAtLeastTwentyFiveCases() {
        #expect(Self.cases.count >= 25)
    }

    /// Each broken fixture yields exactly the diagnostics its `// expect:` lines list, and no bot.
    @Test(arguments: cases)
    func brokenFixtureReportsExactlyTheExpectedDiagnostics(name: String) throws {
        let files = try FixtureFiles.sourceFiles("broken-flows/\(name)")
        let expected = files.flatMap(ExpectedDiagnostic.all(in:))
        #expect(!expected.isEmpty, "\(name) has no // expect: lines")
        let result = BotLoader.load(files: files)
        var unmatched = result.diagnostics
        for expectation in expected {
            if let index = unmatched.firstIndex(where: expectation.matches) {
                unmatched.remove(at: index)
            } else {
                Issue.record("\(name): expected \(expectation)\ngot:\n\(DiagnosticRenderer.text(result.diagnostics))")
            }
        }
        for extra in unmatched {
            Issue.record("\(name): unexpected \(extra) [\(extra.code)]")
        }
        if expected.contains(where: { $0.severity == "error" }) {
            #expect(result.definition == nil)
        }
    }
}
