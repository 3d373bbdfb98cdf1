import Testing

@testable import SwitchboardCore

@Suite struct CleanBotTests {
    @Test(arguments: ["acme", "minimal"])
    func cleanBotLoadsWithoutDiagnostics(name: String) throws {
        let files = try FixtureFiles.sourceFiles("clean-bots/\(name)")
        let result = BotLoader.load(files: files)
        #expect(result.diagnostics.isEmpty, "\(DiagnosticRenderer.text(result.diagnostics))")
        #expect(result.definition != nil)
    }

    @Test func acmeBotHasItsStatesIntentsAndSettings() throws {
        let result = BotLoader.load(files: try FixtureFiles.sourceFiles("clean-bots/acme"))
        let definition = try #require(result.definition)
        let bot = definition.makeBot(classifier: nil)
        #expect(bot.start == "welcome")
        #expect(bot.states.count == 7)
        #expect(bot.commands.count == 3)
        #expect(Set(bot.intents.keys) == ["billing_question", "track_order", "outage", "cancel"])
        #expect(bot.settings.threshold == 0.55)
        #expect(bot.settings.sessionExpiry == .seconds(1440 * 60))
        #expect(bot.settings.outOfScope == ["what's the weather", "tell me a joke"])
        #expect(bot.intents["billing_question"]?.threshold == 0.7)
        #expect(bot.version == definition.version && bot.version.count == 16)

        let welcome = try #require(bot.states["welcome"])
        #expect(welcome.say?.variants.count == 2)
        #expect(welcome.options.map(\.label) == ["Billing", "Report an outage", "Track my order", "Talk to a person"])
        #expect(welcome.options[2].action == .trigger("track_order"))
        #expect(welcome.options[3].action == .handOff(HandOff(queue: "general", say: "Connecting you now.")))
        #expect(welcome.onText == .classify)
        #expect(
            welcome.buttons == [
                URLButton(
                    label: "Help Center", url: "https://example.com/help", location: welcome.buttons.first?.location)
            ])
        #expect(welcome.location.map { ($0.file, $0.line, $0.column) } ?? ("", 0, 0) == ("flows/support.json5", 13, 5))

        let zip = try #require(bot.states["outage.zip"]?.ask)
        #expect(zip.slot == "zip" && zip.pattern == "^[0-9]{5}$" && zip.maxRetries == 2)
        #expect(zip.onFail == .handOff(HandOff(queue: "tech")))
        #expect(bot.states["outage.zip"]?.next == .goTo("outage.check"))
        #expect(bot.states["billing"]?.onText == .reprompt(hint: "Please pick one of the options."))
        #expect(bot.states["bye"]?.isEnd == true)
        #expect(
            bot.commands[2].action == .end
                && bot.commands[2].say?.variants == ["OK, I'll stop here. Message us any time."])
    }

    @Test func versionChangesWithAnyByteAndIgnoresFileOrder() throws {
        let files = try FixtureFiles.sourceFiles("clean-bots/acme")
        let version = try #require(BotLoader.load(files: files).definition?.version)
        #expect(BotLoader.load(files: files.reversed()).definition?.version == version)
        var changed = files
        changed[0].bytes += Array(" ".utf8)
        #expect(BotLoader.load(files: changed).definition?.version != version)
    }

    @Test func engineWelcomesWithTheLoadedBot() throws {
        let definition = try #require(BotLoader.load(files: try FixtureFiles.sourceFiles("clean-bots/acme")).definition)
        let engine = Engine(bot: definition.makeBot(classifier: nil))
        let replies = engine.welcomeQuickReplies()
        #expect(replies.map(\.label).first == "Billing")
        #expect(replies.allSatisfy { $0.metadata.utf8.count <= Limits.maximumMetadataLength })
    }
}
