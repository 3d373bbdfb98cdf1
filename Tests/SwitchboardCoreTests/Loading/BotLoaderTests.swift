import Testing

@testable import SwitchboardCore

/// Loads in-memory files: `(path, text)` pairs.
func load(_ files: [(String, String)]) -> LoadResult {
    BotLoader.load(files: files.map { SourceFile(path: $0.0, text: $0.1) })
}

@Suite struct BotLoaderTests {
    @Test func warningsAloneStillLoadTheBot() throws {
        let result = load([
            (
                "flows/f.json5",
                "{flow: 'f', start: 'a', states: {a: {say: 'Hi', end: true}, lost: {say: 'x', end: true}}}"
            )
        ])
        #expect(result.errors.isEmpty)
        #expect(result.warnings.map(\.code) == [DiagnosticCode.unreachableState])
        #expect(result.definition?.start == "a")
    }

    @Test func noFilesIsAnErrorThatSaysWhatToAdd() {
        let result = BotLoader.load(files: [])
        #expect(result.definition == nil)
        #expect(result.errors.first?.code == DiagnosticCode.noFiles)
    }

    @Test func aFileWithNeitherFlowNorIntentFieldsIsToldApartByItsFolder() {
        let flow = ("flows/f.json5", "{flow: 'f', start: 'a', states: {a: {say: 'Hi', end: true}}}")
        #expect(load([flow, ("intents/empty.json5", "{}")]).diagnostics.isEmpty)
        let unknown = load([flow, ("misc/what.json5", "{}")])
        #expect(unknown.errors.map(\.code) == [DiagnosticCode.unknownFile])
    }

    @Test func flowsInSeveralFilesMergeIntoOneBot() throws {
        let result = load([
            (
                "flows/main.json5",
                """
                { flow: "main", start: "welcome", session: { expireAfterMinutes: 30 },
                  commands: [{ words: ["menu"], goto: "welcome" }],
                  states: { welcome: { say: "Hi", options: [{ label: "Orders", goto: "orders" }] } } }
                """
            ),
            (
                "flows/orders.json5",
                """
                { flow: "orders", commands: [{ words: ["agent"], handoff: "general" }],
                  states: { orders: { say: "Order number?", ask: { slot: "order", onFail: "welcome" }, next: "thanks" },
                            thanks: { say: "Thanks, {{slot.order}}", end: true } } }
                """
            ),
        ])
        #expect(result.diagnostics.isEmpty, "\(DiagnosticRenderer.text(result.diagnostics))")
        let bot = try #require(result.definition).makeBot(classifier: nil)
        #expect(Set(bot.states.keys) == ["welcome", "orders", "thanks"])
        #expect(bot.commands.map(\.words) == [["menu"], ["agent"]])
        #expect(bot.commands[1].action == .handOff(HandOff(queue: "general")))
        #expect(bot.states["orders"]?.ask?.onFail == .goTo("welcome"))
        #expect(bot.settings.sessionExpiry == .seconds(30 * 60))
    }

    @Test func sessionOutsideTheStartFlowIsIgnoredWithAWarning() {
        let result = load([
            ("flows/a.json5", "{flow: 'a', start: 'a', states: {a: {say: 'Hi', options: [{label: 'B', goto: 'b'}]}}}"),
            ("flows/b.json5", "{flow: 'b', session: {expireAfterMinutes: 5}, states: {b: {say: 'B', end: true}}}"),
        ])
        #expect(result.warnings.map(\.code) == [DiagnosticCode.unusedField])
        #expect(result.definition?.settings.sessionExpiry == BotSettings().sessionExpiry)
    }

    @Test func classifyingWithoutIntentsIsAWarning() {
        let result = load([("flows/f.json5", "{flow: 'f', start: 'a', states: {a: {say: 'Hi', onText: 'classify'}}}")])
        #expect(result.warnings.map(\.code) == [DiagnosticCode.noIntents])
        #expect(result.definition != nil)
    }

    @Test func chainsLongerThanTheEngineFollowsAreAnError() throws {
        let count = Engine.maximumAutomaticHops + 2
        let states = (0..<count).map { index in
            index == count - 1 ? "s\(index): {say: 'end', end: true}" : "s\(index): {say: 'x', next: 's\(index + 1)'}"
        }
        let result = load([("flows/f.json5", "{flow: 'f', start: 's0', states: {\(states.joined(separator: ","))}}")])
        let error = try #require(result.errors.first)
        #expect(error.code == DiagnosticCode.automaticCycle)
        #expect(error.message.contains("without waiting"))
    }

    @Test func perIntentThresholdsReachTheDecisionPolicy() throws {
        let result = load([
            ("flows/f.json5", "{flow: 'f', start: 'a', states: {a: {say: 'Hi', onText: 'classify'}}}"),
            (
                "intents/i.json5",
                """
                { settings: { threshold: 0.6, ambiguityMargin: 0.2, fallbackQueue: "care" },
                  intents: { hi: { examples: ["hi", "hello", "hey", "yo", "hiya"], reply: { say: "Hi!" }, threshold: 0.9 } } }
                """
            ),
        ])
        let bot = try #require(result.definition).makeBot(classifier: nil)
        #expect(bot.settings.fallbackQueue == "care")
        #expect(bot.settings.ambiguityMargin == 0.2)
        #expect(bot.decisionPolicy.perIntentThreshold == ["hi": 0.9])
    }

    @Test func allErrorsOfAllFilesComeInOneRun() {
        let result = load([
            ("flows/a.json5", "{flow: 'a', start: 'a', states: {a: {say: '', lable: 'x', end: true}}}"),
            ("intents/b.json5", "{intents: {x: {examples: 'nope', reply: {say: 'ok'}}}}"),
        ])
        #expect(
            result.errors.map(\.code) == [
                DiagnosticCode.emptyMessage, DiagnosticCode.unknownField, DiagnosticCode.wrongType,
            ])
    }

    @Test func unknownStateNotePointsAtTheStatesWhenNothingIsClose() throws {
        let result = load([("flows/f.json5", "{flow: 'f', start: 'a',\n states: {a: {say: 'Hi', next: 'zzzzzz'}}}")])
        let error = try #require(result.errors.first)
        #expect(error.message == "unknown state 'zzzzzz'")
        #expect(error.notes.first?.message == "states are defined here")
        #expect(error.notes.first?.location?.line == 2)
    }
}

@Suite struct TemplateLocationTests {
    @Test func variablePlaceIsExactWithoutEscapesAndTheStringWithThem() throws {
        let plain = load([("flows/f.json5", "{flow: 'f', start: 'a', states: {a: {say: 'é {{who}}', end: true}}}")])
        #expect(plain.errors.first?.location?.column == 46)
        let escaped = load([("flows/f.json5", "{flow: 'f', start: 'a', states: {a: {say: '\\n {{who}}', end: true}}}")])
        #expect(escaped.errors.first?.location?.column == 43)
    }
}

@Suite struct LoadBoundsTests {
    @Test func diagnosticsStopAtTheLimitWithASummary() throws {
        let states = (0..<1_500).map { "s\($0): {say: 'x', nxt: 'nowhere\($0)', end: true}" }
        let result = load([("flows/f.json5", "{flow: 'f', start: 's0', states: {\(states.joined(separator: ","))}}")])
        #expect(result.diagnostics.count == LoadLog.maximumDiagnostics + 1)
        let last = try #require(result.diagnostics.last)
        #expect(last.code == DiagnosticCode.tooManyDiagnostics)
        #expect(last.message.hasPrefix("500 more problems"))
        #expect(result.definition == nil)
    }

    @Test func manyUnknownTargetsAmongManyStatesStillFinish() {
        let states = (0..<3_000).map { "state\($0): {say: 'x', next: 'missing\($0)'}" }
        let result = load([
            ("flows/f.json5", "{flow: 'f', start: 'state0', states: {\(states.joined(separator: ","))}}")
        ])
        #expect(result.errors.count == LoadLog.maximumDiagnostics + 1)
    }
}

@Suite struct TemplateScanTests {
    @Test(arguments: [
        "Hi {{user.name}}!", "{{ slot.zip }} and {{user.handle}}", "a {{b}} {{c", "é{{x}}}}", "{{{y}}", "none",
    ])
    func scanFindsTheSameVariablesAsTheRenderer(text: String) {
        let scanned = LoadContext.templates(in: text).compactMap { $0.name?.trimmingSpaces() }
        #expect(scanned == TemplateRenderer.variables(in: text))
    }
}
