import SwitchboardCore
import Synchronization
import Testing

@Suite struct EngineFlowTests {
    @Test func firstMessageGreetsWithWelcomeAndOptions() {
        var chat = Chat(makeTestBot())
        let result = chat.say("hello")
        #expect(result.sent.count == 1)
        #expect(result.sent[0].text == "Hi Jane! What can I help with?")
        #expect(result.lastOptions.map(\.label) == ["Billing", "Report an outage", "Talk to a person"])
        #expect(result.conversation.phase == .at("welcome"))
    }

    @Test func tappingAnOptionFollowsIt() {
        var chat = Chat(makeTestBot())
        chat.say("hi")
        let result = chat.tap("Billing")
        #expect(result.sent.map(\.text) == ["Billing: what do you need?"])
        #expect(result.conversation.phase == .at("billing"))
        #expect(result.trace.contains(.optionTapped(label: "Billing", how: .metadata)))
    }

    @Test(arguments: ["billing", "  BILLING ", "Billing!", "billing  "])
    func typedLabelCountsAsTap(typed: String) {
        var chat = Chat(makeTestBot())
        chat.say("hi")
        let result = chat.say(typed)
        #expect(result.conversation.phase == .at("billing"))
        #expect(result.trace.contains(.optionTapped(label: "Billing", how: .typedLabel)))
    }

    @Test func welcomeMessageTapWorksOnAFreshConversation() {
        // On X the welcome message is shown before the first DM; its taps carry turn-0 tokens.
        let engine = Engine(bot: makeTestBot())
        let metadata = engine.welcomeQuickReplies()[1].metadata
        let fresh = Conversation(key: testKey)
        let result = engine.step(fresh, Inbound(text: "Report an outage", quickReplyMetadata: metadata), now: t0)
        #expect(result.conversation.phase == .capturing("outage.zip", failures: 0))
        #expect(result.sent.map(\.text) == ["Sorry about that! What's your ZIP code?"])
    }

    @Test func slotCaptureRetriesThenSucceeds() {
        var chat = Chat(makeTestBot())
        chat.say("hi")
        chat.tap("Report an outage")
        let wrong = chat.say("abc")
        #expect(wrong.sent.map(\.text) == ["Five digits, please."])
        #expect(wrong.conversation.phase == .capturing("outage.zip", failures: 1))
        let right = chat.say("90210")
        #expect(right.effects.contains(.setSlot("zip", "90210")))
        #expect(right.sent.map(\.text) == ["Thanks! We're checking 90210."])
        #expect(right.effects.contains(.end(contained: true)))
        #expect(right.conversation.phase == .idle)
    }

    @Test func slotCaptureGivesUpAfterMaxRetries() {
        var chat = Chat(makeTestBot())
        chat.say("hi")
        chat.tap("Report an outage")
        chat.say("one")
        chat.say("two")
        let last = chat.say("three")
        #expect(last.handOffs.map(\.queue) == ["tech"])
        #expect(last.handOffs.first?.reason == .slotFailed)
        #expect(last.conversation.phase == .withAgent("tech"))
    }

    @Test func globalCommandWorksMidCapture() {
        var chat = Chat(makeTestBot())
        chat.say("hi")
        chat.tap("Report an outage")
        let result = chat.say("Agent")
        #expect(result.handOffs.map(\.queue) == ["general"])
        #expect(result.handOffs.first?.reason == .customerAsked)
    }

    @Test func stopCommandSaysGoodbyeAndEnds() {
        var chat = Chat(makeTestBot())
        chat.say("hi")
        let result = chat.say("stop")
        #expect(result.sent.map(\.text) == ["OK, stopping here."])
        #expect(result.effects.contains(.end(contained: true)))
        #expect(result.conversation.phase == .idle)
    }

    @Test func botIsSilentWhileAnAgentOwnsTheConversation() {
        var chat = Chat(makeTestBot())
        chat.say("hi")
        chat.tap("Talk to a person")
        let result = chat.say("hello? anyone?")
        #expect(result.effects.isEmpty)
        #expect(result.trace == [.ignoredWhileWithAgent])
    }

    @Test func handBackAsksForARatingAndStoresIt() {
        var chat = Chat(makeTestBot())
        chat.say("hi")
        chat.tap("Talk to a person")
        let back = chat.engine.handBack(chat.conversation, now: chat.now, askForRating: true)
        chat.conversation = back.conversation
        chat.last = back
        #expect(back.lastOptions.count == 5)
        let rated = chat.tap("★★★★")
        #expect(rated.effects.contains(.rating(4)))
    }

    @Test func sessionExpiresAfterIdleTime() {
        var chat = Chat(makeTestBot())
        chat.say("hi")
        chat.tap("Report an outage")
        let result = chat.say("12345", after: .seconds(25 * 3600))
        #expect(result.trace.first == .sessionExpired(idle: .seconds(25 * 3600)))
        #expect(result.conversation.phase == .at("welcome"))
        #expect(!result.effects.contains(.setSlot("zip", "12345")))
    }

    @Test func repromptStateRepeatsWithHint() {
        var chat = Chat(makeTestBot())
        chat.say("hi")
        chat.tap("Billing")
        let result = chat.say("what is this charge")
        #expect(result.sent.map(\.text) == ["Please tap an option.", "Billing: what do you need?"])
        #expect(result.conversation.phase == .at("billing"))
    }

    @Test func stepIsDeterministic() {
        let engine = Engine(bot: makeTestBot())
        let conversation = Conversation(key: testKey)
        let a = engine.step(conversation, Inbound(text: "hi"), now: t0)
        let b = engine.step(conversation, Inbound(text: "hi"), now: t0)
        #expect(a.conversation == b.conversation)
        #expect(a.effects == b.effects)
    }
}

@Suite struct UntrustedMetadataTests {
    @Test func staleTapIsExplainedAndCurrentPromptRepeated() {
        var chat = Chat(makeTestBot())
        let welcome = chat.say("hi")
        chat.tap("Billing")
        // Tap "Report an outage" from the first (now stale) message: not offered any more.
        let stale = welcome.lastOptions[1]
        let result = chat.say(stale.label, metadata: stale.metadata)
        #expect(result.trace.contains(.metadataRejected(.stale)))
        #expect(result.sent.first?.text.contains("earlier message") == true)
        #expect(result.conversation.phase == .at("billing"))
        #expect(result.lastOptions.map(\.label) == ["Explain my bill", "Back"])
    }

    @Test func staleTapWhoseLabelIsStillOfferedIsTaken() {
        var chat = Chat(makeTestBot())
        let welcome = chat.say("hi")
        chat.tap("Billing")
        chat.tap("Back")  // the welcome menu again, with new tokens
        let old = welcome.lastOptions[0]
        let result = chat.say(old.label, metadata: old.metadata)
        #expect(result.conversation.phase == .at("billing"))
    }

    @Test func metadataFromAnotherFlowVersionIsNotTrusted() {
        var old = Chat(makeTestBot(version: "old"))
        let welcome = old.say("hi")
        var chat = Chat(makeTestBot(version: "new"))
        chat.conversation = old.conversation
        let option = welcome.lastOptions[2]
        let result = chat.say("Something", metadata: option.metadata)
        #expect(result.trace.contains(.metadataRejected(.otherFlowVersion)))
        #expect(result.sent.first?.text.contains("updated our menu") == true)
        #expect(result.handOffs.isEmpty)
    }

    @Test(arguments: ["", "garbage", "sb1.v1.999.0", "sb1.v1.1.99999", String(repeating: "x", count: 5000), "sb1...", "💥"])
    func forgedMetadataIsTreatedAsTypedText(metadata: String) {
        var chat = Chat(makeTestBot())
        chat.say("hi")
        let result = chat.say("Billing", metadata: metadata)
        // The label still matches an offered option, so it counts as typed; never trusted as a token.
        #expect(result.conversation.phase == .at("billing"))
        #expect(result.trace.contains(.optionTapped(label: "Billing", how: .typedLabel)))
    }

    @Test func forgedMetadataWithUnknownLabelFallsThroughToText() {
        var chat = Chat(makeTestBot())
        chat.say("hi")
        chat.tap("Billing")
        let result = chat.say("Delete all accounts", metadata: "sb1.v1.1.0.evil")
        #expect(result.trace.contains(.metadataRejected(.unrecognised)))
        #expect(result.sent.map(\.text) == ["Please tap an option.", "Billing: what do you need?"])
    }
}

@Suite struct ClassifierDecisionTests {
    let classifier = TableClassifier(table: [
        "why is my bill so high": [.init(intent: "bill_explain", confidence: 0.92), .init(intent: "cancel", confidence: 0.03)],
        "i want to stop": [.init(intent: "cancel", confidence: 0.45), .init(intent: "bill_explain", confidence: 0.40)],
        "purple monkey": [.init(intent: "track_order", confidence: 0.2), .init(intent: "cancel", confidence: 0.1)],
    ])

    @Test func confidentAnswersTheIntent() {
        var chat = Chat(makeTestBot(classifier: classifier))
        chat.say("hi")
        let result = chat.say("why is my bill so high")
        #expect(result.sent.map(\.text) == ["Your bill has three parts."])
        #expect(result.handOffs.isEmpty)
    }

    @Test func confidentFirstMessageSkipsTheMenu() {
        var chat = Chat(makeTestBot(classifier: classifier))
        let result = chat.say("why is my bill so high")
        #expect(result.sent.map(\.text) == ["Your bill has three parts."])
    }

    @Test func ambiguousAsksDidYouMeanWithSomethingElse() {
        var chat = Chat(makeTestBot(classifier: classifier))
        chat.say("hi")
        let result = chat.say("i want to stop")
        #expect(result.sent.last?.text == "Did you mean:")
        #expect(result.lastOptions.map(\.label) == ["Cancel my plan", "Explain my bill", "Something else"])
        let chosen = chat.tap("Explain my bill")
        #expect(chosen.sent.map(\.text) == ["Your bill has three parts."])
    }

    @Test func somethingElseLeadsToAPerson() {
        var chat = Chat(makeTestBot(classifier: classifier))
        chat.say("hi")
        chat.say("i want to stop")
        let result = chat.tap("Something else")
        #expect(result.handOffs.map(\.reason) == [.customerAsked])
    }

    @Test func unknownHandsOffWithTopIntents() throws {
        var chat = Chat(makeTestBot(classifier: classifier))
        chat.say("hi")
        let result = chat.say("purple monkey")
        let handOff = try #require(result.handOffs.first)
        #expect(handOff.reason == .lowConfidence)
        #expect(handOff.queue == "general")
        #expect(handOff.topIntents.map(\.intent) == ["track_order", "cancel"])
        #expect(result.sent.last?.text.contains("person") == true)
    }

    @Test func unknownFirstMessageShowsTheMenuInsteadOfHandingOff() {
        var chat = Chat(makeTestBot(classifier: classifier))
        let result = chat.say("purple monkey")
        #expect(result.handOffs.isEmpty)
        #expect(result.conversation.phase == .at("welcome"))
    }

    @Test(arguments: ["", "   ", "😀😀😀", String(repeating: "a", count: 20_000), "مرحبا", "你好", "\u{0}\u{7}"])
    func unexpectedInboundGetsADefinedAnswer(text: String) {
        var chat = Chat(makeTestBot(classifier: classifier))
        chat.say("hi")
        let result = chat.say(text)
        #expect(!result.sent.isEmpty || !result.handOffs.isEmpty)
    }
}

/// Counts its calls, answering like `TableClassifier`.
final class CountingClassifier: TextClassifying {
    let inner: TableClassifier
    let calls = Mutex(0)
    init(_ inner: TableClassifier) { self.inner = inner }
    func classify(_ text: String) -> Classification {
        calls.withLock { $0 += 1 }
        return inner.classify(text)
    }
}

@Suite struct PreclassifyTests {
    let table = TableClassifier(table: [
        "why is my bill so high": [.init(intent: "bill_explain", confidence: 0.92), .init(intent: "cancel", confidence: 0.03)],
        "i want to stop": [.init(intent: "cancel", confidence: 0.45), .init(intent: "bill_explain", confidence: 0.40)],
    ])

    func started(_ engine: Engine) -> Conversation {
        engine.step(Conversation(key: testKey), Inbound(text: "hi"), now: t0).conversation
    }

    @Test(arguments: ["why is my bill so high", "  i want to stop  ", "purple monkey"])
    func theStepUsesTheClassificationMadeAheadAndAnswersTheSame(text: String) {
        let counting = CountingClassifier(table)
        let engine = Engine(bot: makeTestBot(classifier: counting))
        let conversation = started(engine)
        let plain = engine.step(conversation, Inbound(text: text), now: t0 + .seconds(5))
        let before = counting.calls.withLock { $0 }
        let prepared = engine.preclassify(Inbound(text: text))
        #expect(prepared.preclassified != nil)
        let ahead = engine.step(conversation, prepared, now: t0 + .seconds(5))
        #expect(counting.calls.withLock { $0 } == before + 1, "classified once, ahead, not again in the step")
        #expect(ahead.sent.map(\.text) == plain.sent.map(\.text))
        #expect(ahead.conversation == plain.conversation)
        #expect(ahead.trace == plain.trace)
    }

    @Test func aClassificationFromAnotherBotVersionIsNotTrusted() {
        let counting = CountingClassifier(table)
        let old = Engine(bot: makeTestBot(classifier: TableClassifier(table: [:]), version: "v0"))
        let engine = Engine(bot: makeTestBot(classifier: counting))
        let conversation = started(engine)
        let stale = old.preclassify(Inbound(text: "why is my bill so high"))  // says: no intent at all
        let before = counting.calls.withLock { $0 }
        let result = engine.step(conversation, stale, now: t0 + .seconds(5))
        #expect(counting.calls.withLock { $0 } == before + 1, "the step classified again")
        #expect(result.sent.map(\.text) == ["Your bill has three parts."])
    }

    @Test func tapsCommandsAndEmptyTextAreNotClassifiedAhead() {
        let counting = CountingClassifier(table)
        let engine = Engine(bot: makeTestBot(classifier: counting))
        #expect(engine.preclassify(Inbound(text: "Billing", quickReplyMetadata: "sb1.v1.0.0")).preclassified == nil)
        #expect(engine.preclassify(Inbound(text: " Agent ")).preclassified == nil)
        #expect(engine.preclassify(Inbound(text: "   ")).preclassified == nil)
        #expect(Engine(bot: makeTestBot()).preclassify(Inbound(text: "why is my bill so high")).preclassified == nil)
        #expect(counting.calls.withLock { $0 } == 0)
    }
}
