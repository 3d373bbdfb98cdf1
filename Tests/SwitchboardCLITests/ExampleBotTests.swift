import Foundation
import Testing

/// The example bot in flows/ and intents/ is checked and its conversation tests run in CI.
@Suite struct ExampleBotTests {
    @Test func exampleBotChecksClean() throws {
        let outcome = try CLIRunner.run(["check", "--fail-on-warnings"])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
    }

    @Test func exampleBotConversationTestsPass() throws {
        let outcome = try CLIRunner.run(["test"])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains(" passed, 0 failed"))
    }

    @Test func brokenExpectationFailsWithAReadableDiff() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.json5")
        try """
            { tests: [ { name: "wrong state", turns: [ { user: "hi" }, { tap: "Billing", state: "outage.zip" } ] } ] }
            """.write(to: file, atomically: true, encoding: .utf8)
        let outcome = try CLIRunner.run(["test", file.path])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("✘ wrong state"))
        #expect(outcome.stdout.contains("- expected: outage.zip"))
        #expect(outcome.stdout.contains("+ actual:   billing"))
        #expect(outcome.stdout.contains("0 passed, 1 failed"))
    }

    @Test func malformedTestFileIsReportedWithItsPosition() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("typo.json5")
        try "{ tests: [ { name: \"x\", turns: [ { usr: \"hi\" } ] } ] }".write(to: file, atomically: true, encoding: .utf8)
        let outcome = try CLIRunner.run(["test", file.path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("typo.json5:1:36: error: unknown field 'usr' in a turn; did you mean 'user'?"))
    }
}

@Suite struct ChatCommandTests {
    @Test func pipedChatShowsNumberedOptionsAndFollowsANumber() throws {
        let outcome = try CLIRunner.run(["chat", "--name", "Jane"], stdin: "2\n12345\n")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("1) Billing — Charges, refunds and payments"))
        #expect(outcome.stdout.contains("you> 2"))
        #expect(outcome.stdout.contains("What's the 5-digit ZIP code"))
        #expect(outcome.stdout.contains("logged a report for 12345"))
    }

    @Test func explainShowsTransitions() throws {
        let outcome = try CLIRunner.run(["chat", "--explain"], stdin: "1\n")
        #expect(outcome.stdout.contains("· option 'Billing' (metadata)"))
        #expect(outcome.stdout.contains("· welcome → billing"))
    }

    @Test func explainNamesTheClassifiersEvidenceForTypedText() throws {
        let outcome = try CLIRunner.run(["chat", "--explain"], stdin: "where is my bill\n1\n")
        #expect(outcome.stdout.contains("· classifier: confident bill_explain"), "\(outcome.stdout)")
        let evidence = outcome.stdout.split(separator: "\n").filter { $0.contains("evidence:") }
        #expect(evidence.count == 1, "a tap is not classified, so only the typed line has evidence")
        #expect(evidence.first?.contains("word \"bill\" +") == true, "\(evidence)")
    }
}

@Suite struct UsageTests {
    @Test func unknownOptionSuggestsTheClosestAndExitsTwo() throws {
        let outcome = try CLIRunner.run(["check", "--flow", "x"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("unknown option '--flow'; did you mean '--flows'?"))
        #expect(outcome.stderr.contains("usage: switchboard check"))
    }

    @Test func unknownCommandSuggestsTheClosest() throws {
        let outcome = try CLIRunner.run(["chek"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("did you mean 'check'?"))
    }

    @Test func helpIsGeneratedFromTheDeclarations() throws {
        let outcome = try CLIRunner.run(["check", "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("--format FORMAT"))
        #expect(outcome.stdout.contains("(text|json)"))
    }

    @Test func checkReportsErrorsAndExitsOne() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            { flow: "f", start: "welcome", states: { welcome: { say: "Hi", options: [ { lable: "A", goto: "welcom" } ] } } }
            """.write(to: folder.appendingPathComponent("f.json5"), atomically: true, encoding: .utf8)
        let outcome = try CLIRunner.run(["check", "--flows", folder.path, "--intents", folder.appendingPathComponent("none").path])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("did you mean 'label'?"))
        let json = try CLIRunner.run(["check", "--flows", folder.path, "--format", "json"])
        #expect(json.stdout.hasPrefix("["))
    }
}
