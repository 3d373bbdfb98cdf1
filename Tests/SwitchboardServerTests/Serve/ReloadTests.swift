import Foundation
import SwitchboardCore
import SwitchboardServer
import Testing

/// `Application.reload`: a broken bot never replaces the one in service; a valid one serves the
/// next DM, and buttons from the old version are answered as such.
@Suite struct ReloadTests {
    /// A writable copy of the example bot in the harness's own temporary folder.
    struct BotCopy {
        let flows: URL
        let intents: URL

        init(in folder: URL) throws {
            flows = folder.appendingPathComponent("bot-flows")
            intents = folder.appendingPathComponent("bot-intents")
            try FileManager.default.copyItem(at: ServeHarness.packageRoot.appendingPathComponent("flows"), to: flows)
            try FileManager.default.copyItem(at: ServeHarness.packageRoot.appendingPathComponent("intents"), to: intents)
        }

        /// Replaces `old` with `new` in `flows/<file>`; fails when `old` is not there (the example changed).
        func edit(_ file: String, replacing old: String, with new: String) throws {
            let url = flows.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            guard text.contains(old) else { throw HarnessError("'\(old)' is not in flows/\(file) any more") }
            try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
        }

        func reload(_ app: Application) -> (loaded: Bool, diagnostics: [Diagnostic], sources: [String: [UInt8]]) {
            app.reload(flows: flows.path, intents: intents.path)
        }
    }

    /// Ways to break the bot: a dangling state reference, a syntax error, an unknown field.
    static let breakages: [(file: String, old: String, new: String)] = [
        ("billing.json5", #"goto: "billing.dispute""#, #"goto: "billing.dispte""#),
        ("acme-support.json5", #"start: "welcome","#, #"start: "welcome",,"#),
        ("billing.json5", "say:", "sya:"),
    ]

    @Test(arguments: 0..<breakages.count)
    func brokenFileKeepsTheOldBotServingAndReturnsTheDiagnostics(breakage: Int) async throws {
        try await ServeHarness.run { (harness: ServeHarness) async throws in
            let bot = try BotCopy(in: harness.folder)
            let change = Self.breakages[breakage]
            let versionBefore = harness.app.bots.current.bot.version
            try bot.edit(change.file, replacing: change.old, with: change.new)

            let result = bot.reload(harness.app)

            #expect(!result.loaded)
            let errors = result.diagnostics.filter { $0.severity == .error }
            #expect(!errors.isEmpty)
            #expect(errors.contains { $0.description.contains(change.file) }, "\(errors)")
            #expect(harness.app.bots.current.bot.version == versionBefore)
            // A DM still gets the old bot's welcome, and its Billing button still leads to billing.
            #expect(try await harness.dm("hi", id: "broken-1").status == 200)
            let welcome = try #require(await harness.waitForDMs(1).first)
            let billing = try #require(welcome.quickReplyLabels.firstIndex(of: "Billing"))
            #expect(try await harness.dm("Billing", id: "broken-2", metadata: welcome.quickReplyMetadata[billing]).status == 200)
            #expect(await harness.waitForDMs(2).last?.text == "Sure, let's look at billing. What do you need?")
        }
    }

    @Test func validChangeServesTheNextDMAndOldButtonsAreFromAnotherVersion() async throws {
        try await ServeHarness.run { (harness: ServeHarness) async throws in
            let bot = try BotCopy(in: harness.folder)
            let versionBefore = harness.app.bots.current.bot.version
            // Jane gets the current welcome menu.
            #expect(try await harness.dm("hi", from: "301", id: "v-1").status == 200)
            let oldWelcome = try #require(await harness.waitForDMs(1).first)
            let oldBilling = try #require(oldWelcome.quickReplyLabels.firstIndex(of: "Billing"))

            try bot.edit("acme-support.json5", replacing: #"label: "Billing""#, with: #"label: "Bills and payments""#)
            try bot.edit("billing.json5", replacing: "Sure, let's look at billing.", with: "Billing, second edition.")
            let result = bot.reload(harness.app)

            #expect(result.loaded, "\(result.diagnostics)")
            #expect(result.diagnostics.allSatisfy { $0.severity != .error })
            #expect(harness.app.bots.current.bot.version != versionBefore)
            // A new customer sees the new menu, and its button leads to the new text.
            #expect(try await harness.dm("hi", from: "302", id: "v-2").status == 200)
            let newWelcome = try #require(await harness.waitForDMs(2).last)
            #expect(newWelcome.recipientID == "302")
            let newBilling = try #require(newWelcome.quickReplyLabels.firstIndex(of: "Bills and payments"))
            #expect(!newWelcome.quickReplyLabels.contains("Billing"))
            #expect(try await harness.dm("Bills and payments", from: "302", id: "v-3", metadata: newWelcome.quickReplyMetadata[newBilling]).status == 200)
            #expect(await harness.waitForDMs(3).last?.text.hasPrefix("Billing, second edition.") == true)
            // Jane taps the button the old version sent her: it is recognised as from another version.
            #expect(try await harness.dm("Billing", from: "301", id: "v-4", metadata: oldWelcome.quickReplyMetadata[oldBilling]).status == 200)
            let afterTap = await harness.waitForDMs(4)
            let toJane = afterTap.dropFirst(3).filter { $0.recipientID == "301" }
            #expect(toJane.first?.text == "We've updated our menu since that message, so that button no longer works.", "\(afterTap.map { ($0.recipientID, $0.text) })")
            #expect(!toJane.contains { $0.text.hasPrefix("Billing, second edition.") })
        }
    }

    @Test func missingFolderIsRejectedAndTheOldBotStays() async throws {
        try await ServeHarness.run { (harness: ServeHarness) async throws in
            let versionBefore = harness.app.bots.current.bot.version
            let result = harness.app.reload(
                flows: harness.folder.appendingPathComponent("no-such-flows").path,
                intents: harness.folder.appendingPathComponent("no-such-intents").path)
            #expect(!result.loaded)
            #expect(harness.app.bots.current.bot.version == versionBefore)
            #expect(try await harness.request(.get, "/healthz").status == 200)
        }
    }
}
