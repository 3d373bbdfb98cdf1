/// Runs conversation tests against an engine: no clock, no I/O, deterministic.
public struct ConversationTestRunner: Sendable {
    public let engine: Engine
    /// The fixed start time of every test; each turn advances it (5 s unless the turn says).
    public static let startTime = Instant(milliseconds: 1_700_000_000_000)

    public init(engine: Engine) { self.engine = engine }

    public func run(_ test: ConversationTestCase) -> ConversationTestResult {
        var now = Self.startTime
        var conversation = Conversation(
            key: ConversationKey(account: "test-brand", customer: "test-customer"), profile: test.profile)
        conversation.slots = test.slots
        var lastOptions: [OutgoingQuickReply] = []
        if let state = test.startState {
            let entered = engine.begin(at: state, conversation, now: now)
            conversation = entered.conversation
            lastOptions = entered.effects.lastQuickReplies ?? []
        }
        var mismatches: [ConversationTestMismatch] = []
        for (index, turn) in test.turns.enumerated() {
            now = now + (turn.after ?? .seconds(5))
            let inbound: Inbound
            switch turn.input {
            case .text(let text):
                inbound = Inbound(text: text)
            case .tap(let label):
                guard let option = lastOptions.first(where: { $0.label == label }) else {
                    mismatches.append(
                        ConversationTestMismatch(
                            turn: index + 1, input: turn.input, location: turn.location, field: "tap",
                            expected: "an option labelled '\(label)'",
                            actual: lastOptions.isEmpty
                                ? "no options" : lastOptions.map { "'\($0.label)'" }.joined(separator: ", ")))
                    return ConversationTestResult(test: test, mismatches: mismatches)
                }
                inbound = Inbound(text: option.label, quickReplyMetadata: option.metadata)
            }
            let result = engine.step(conversation, inbound, now: now)
            conversation = result.conversation
            if let options = result.effects.lastQuickReplies { lastOptions = options }
            for (field, expected, actual) in check(turn.expect, result) {
                mismatches.append(
                    ConversationTestMismatch(
                        turn: index + 1, input: turn.input, location: turn.location, field: field, expected: expected,
                        actual: actual))
            }
        }
        return ConversationTestResult(test: test, mismatches: mismatches)
    }

    /// The differences between what a turn expects and what happened, as (field, expected, actual).
    func check(_ expect: ConversationExpectation, _ result: StepResult) -> [(String, String, String)] {
        var found: [(String, String, String)] = []
        let texts = result.effects.sentTexts
        let handOffs = result.effects.compactMap { effect -> HandOffRequest? in
            if case .handOff(let request) = effect { request } else { nil }
        }
        if let say = expect.say, say != texts { found.append(("say", quoted(say), quoted(texts))) }
        for part in expect.sayContains ?? [] where !texts.contains(where: { $0.contains(part) }) {
            found.append(("sayContains", quoted([part]), quoted(texts)))
        }
        if let options = expect.options {
            let actual = result.effects.lastQuickReplies?.map(\.label) ?? []
            if options != actual { found.append(("options", quoted(options), quoted(actual))) }
        }
        if let queue = expect.handOffQueue {
            let match = handOffs.contains { $0.queue == queue && (expect.handOffReason == nil || $0.reason == expect.handOffReason) }
            if !match {
                let want = "hand-off to \(queue)" + (expect.handOffReason.map { " (\($0.rawValue))" } ?? "")
                found.append(("handoff", want, describe(handOffs)))
            }
        }
        if expect.noHandOff && !handOffs.isEmpty { found.append(("handoff", "none", describe(handOffs))) }
        if let state = expect.state {
            let actual = result.conversation.stateDescription
            if actual != state.rawValue { found.append(("state", state.rawValue, actual)) }
        }
        for (slot, value) in (expect.slots ?? [:]).sorted(by: { $0.key < $1.key }) {
            let actual = result.conversation.slots[slot]
            if actual != value { found.append(("slots.\(slot)", "\"\(value)\"", actual.map { "\"\($0)\"" } ?? "unset")) }
        }
        if let ended = expect.ended {
            let actual = result.effects.contains { if case .end = $0 { true } else { false } }
            if ended != actual { found.append(("ended", "\(ended)", "\(actual)")) }
        }
        if let silent = expect.silent, silent != texts.isEmpty {
            found.append(("silent", "\(silent)", texts.isEmpty ? "true" : quoted(texts)))
        }
        if expect.decision != nil || expect.intent != nil {
            let decisions = result.trace.compactMap { event -> Decision? in
                if case .classified(let decision) = event { decision } else { nil }
            }
            let actual = decisions.last.map(\.explained) ?? "no classification"
            var wanted = expect.decision ?? "confident"
            if let intent = expect.intent { wanted += " \(intent)" }
            if !actual.hasPrefix(wanted) { found.append(("decision", wanted, actual)) }
        }
        return found
    }


    func quoted(_ texts: [String]) -> String {
        texts.isEmpty ? "(nothing)" : texts.map { "\"\($0)\"" }.joined(separator: " / ")
    }

    func describe(_ handOffs: [HandOffRequest]) -> String {
        handOffs.isEmpty ? "no hand-off" : handOffs.map { "hand-off to \($0.queue) (\($0.reason.rawValue))" }.joined(separator: ", ")
    }
}

/// One expectation that did not hold.
public struct ConversationTestMismatch: Sendable {
    public var turn: Int
    public var input: ConversationTestTurn.Input
    public var location: SourceLocation?
    public var field: String
    public var expected: String
    public var actual: String
}

/// The outcome of one conversation test.
public struct ConversationTestResult: Sendable {
    public var test: ConversationTestCase
    public var mismatches: [ConversationTestMismatch]
    public var passed: Bool { mismatches.isEmpty }

    /// A readable report: the test's name and place, then each mismatch as a small diff.
    public var report: String {
        let place = test.location.map { " (\($0))" } ?? ""
        guard !passed else { return "✔ \(test.name)\(place)" }
        var lines = ["✘ \(test.name)\(place)"]
        for mismatch in mismatches {
            let input: String
            switch mismatch.input {
            case .text(let text): input = "user: \"\(text)\""
            case .tap(let label): input = "tap: \"\(label)\""
            }
            let at = mismatch.location.map { " at \($0)" } ?? ""
            lines.append("    turn \(mismatch.turn) (\(input))\(at): \(mismatch.field)")
            lines.append("      - expected: \(mismatch.expected)")
            lines.append("      + actual:   \(mismatch.actual)")
        }
        return lines.joined(separator: "\n")
    }
}

extension Conversation {
    /// The state name for tests and displays: the state, "idle", or "agent:QUEUE".
    public var stateDescription: String {
        switch phase {
        case .idle: "idle"
        case .at(let state), .capturing(let state, _): state.rawValue
        case .clarifying(_, let returnTo): returnTo?.rawValue ?? "idle"
        case .withAgent(let queue): "agent:\(queue)"
        }
    }
}

extension [Effect] {
    var sentTexts: [String] {
        compactMap { if case .send(let message) = $0 { message.text } else { nil } }
    }

    /// The quick replies of the last message sent, or nil when no message was sent.
    var lastQuickReplies: [OutgoingQuickReply]? {
        let messages = compactMap { effect -> OutgoingMessage? in if case .send(let m) = effect { m } else { nil } }
        return messages.last?.quickReplies
    }
}
