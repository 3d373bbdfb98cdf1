/// Reads conversation test files (`conversations/*.json5`) into test cases, with diagnostics at
/// `file:line:col` for anything it cannot use.
///
/// ```json5
/// { tests: [ { name: "…", start: "state", slots: { zip: "12345" }, profile: { name: "Jane" },
///              turns: [ { user: "hi", options: ["Billing"] }, { tap: "Billing", state: "billing" } ] } ] }
/// ```
public enum ConversationTestDecoder {
    public struct Decoded: Sendable {
        public var cases: [ConversationTestCase]
        public var diagnostics: [Diagnostic]
    }

    static let fileKeys = ["tests"]
    static let testKeys = ["name", "start", "slots", "profile", "turns"]
    static let turnKeys = [
        "user", "tap", "after", "say", "sayContains", "options", "handoff", "noHandoff", "state", "slots", "ended",
        "silent", "decision", "intent",
    ]

    public static func decode(_ file: SourceFile) -> Decoded {
        let parsed = JSON5Parser.parse(file.bytes, file: file.path)
        var reader = Reader(diagnostics: parsed.diagnostics)
        guard let root = parsed.value else { return Decoded(cases: [], diagnostics: reader.diagnostics) }
        var cases: [ConversationTestCase] = []
        if let object = reader.object(root, keys: fileKeys, what: "a test file"),
            let tests = reader.array(object, "tests", required: true, at: root.location)
        {
            for test in tests {
                if let decoded = reader.testCase(test) { cases.append(decoded) }
            }
        }
        return Decoded(cases: cases, diagnostics: reader.diagnostics)
    }

    /// Walks the value tree, collecting diagnostics instead of stopping at the first problem.
    struct Reader {
        var diagnostics: [Diagnostic]

        mutating func fail(_ message: String, at location: SourceLocation) {
            diagnostics.append(.error("test-file", message, at: location))
        }

        mutating func object(_ value: JSON5Value, keys: [String], what: String) -> JSON5Object? {
            guard case .object(let object) = value.kind else {
                fail("expected \(what) (an object), found \(value.typeDescription)", at: value.location)
                return nil
            }
            for member in object.members where !keys.contains(member.key) {
                var message = "unknown field '\(member.key)' in \(what)"
                if let guess = Suggestion.closest(to: member.key, among: keys) { message += "; did you mean '\(guess)'?" }
                fail(message, at: member.keyLocation)
            }
            return object
        }

        mutating func array(_ object: JSON5Object, _ key: String, required: Bool = false, at location: SourceLocation)
            -> [JSON5Value]?
        {
            guard let value = object[key] else {
                if required { fail("missing '\(key)'", at: location) }
                return nil
            }
            guard case .array(let items) = value.kind else {
                fail("'\(key)' must be an array, found \(value.typeDescription)", at: value.location)
                return nil
            }
            return items
        }

        mutating func string(_ object: JSON5Object, _ key: String) -> String? {
            guard let value = object[key] else { return nil }
            guard case .string(let text) = value.kind else {
                fail("'\(key)' must be a string, found \(value.typeDescription)", at: value.location)
                return nil
            }
            return text
        }

        mutating func strings(_ object: JSON5Object, _ key: String) -> [String]? {
            guard let value = object[key] else { return nil }
            if case .string(let text) = value.kind { return [text] }
            guard case .array(let items) = value.kind else {
                fail("'\(key)' must be a string or an array of strings, found \(value.typeDescription)", at: value.location)
                return nil
            }
            var texts: [String] = []
            for item in items {
                guard case .string(let text) = item.kind else {
                    fail("'\(key)' must hold strings, found \(item.typeDescription)", at: item.location)
                    continue
                }
                texts.append(text)
            }
            return texts
        }

        mutating func bool(_ object: JSON5Object, _ key: String) -> Bool? {
            guard let value = object[key] else { return nil }
            guard case .bool(let flag) = value.kind else {
                fail("'\(key)' must be true or false, found \(value.typeDescription)", at: value.location)
                return nil
            }
            return flag
        }

        mutating func stringMap(_ object: JSON5Object, _ key: String) -> [String: String]? {
            guard let value = object[key] else { return nil }
            guard case .object(let map) = value.kind else {
                fail("'\(key)' must be an object of strings, found \(value.typeDescription)", at: value.location)
                return nil
            }
            var result: [String: String] = [:]
            for member in map.members {
                guard case .string(let text) = member.value.kind else {
                    fail("'\(key).\(member.key)' must be a string", at: member.value.location)
                    continue
                }
                result[member.key] = text
            }
            return result
        }

        mutating func testCase(_ value: JSON5Value) -> ConversationTestCase? {
            guard let object = object(value, keys: testKeys, what: "a test") else { return nil }
            guard let name = string(object, "name") else {
                fail("a test needs a 'name'", at: value.location)
                return nil
            }
            var test = ConversationTestCase(name: name, location: value.location, turns: [])
            test.startState = string(object, "start").map(StateID.init)
            test.slots = stringMap(object, "slots") ?? [:]
            if let profile = stringMap(object, "profile") {
                test.profile = CustomerProfile(
                    name: profile["name"], handle: profile["handle"],
                    followers: profile["followers"].flatMap { Int($0) })
            }
            for turn in array(object, "turns", required: true, at: value.location) ?? [] {
                if let decoded = self.turn(turn) { test.turns.append(decoded) }
            }
            return test
        }

        mutating func turn(_ value: JSON5Value) -> ConversationTestTurn? {
            guard let object = object(value, keys: turnKeys, what: "a turn") else { return nil }
            let input: ConversationTestTurn.Input
            switch (string(object, "user"), string(object, "tap")) {
            case (let text?, nil): input = .text(text)
            case (nil, let label?): input = .tap(label)
            case (.some, .some):
                fail("a turn has either 'user' (typed text) or 'tap' (an option's label), not both", at: value.location)
                return nil
            case (nil, nil):
                fail("a turn needs 'user' (typed text) or 'tap' (an option's label)", at: value.location)
                return nil
            }
            var expect = ConversationExpectation()
            expect.say = strings(object, "say")
            expect.sayContains = strings(object, "sayContains")
            expect.options = strings(object, "options")
            expect.noHandOff = bool(object, "noHandoff") ?? false
            expect.state = string(object, "state").map(StateID.init)
            expect.slots = stringMap(object, "slots")
            expect.ended = bool(object, "ended")
            expect.silent = bool(object, "silent")
            expect.decision = string(object, "decision")
            if let decision = expect.decision, !["confident", "ambiguous", "unknown"].contains(decision) {
                fail("'decision' must be confident, ambiguous or unknown, not '\(decision)'", at: object["decision"]?.location ?? value.location)
            }
            expect.intent = string(object, "intent").map(IntentID.init)
            if let handOff = object["handoff"] {
                switch handOff.kind {
                case .string(let queue):
                    expect.handOffQueue = QueueID(queue)
                case .object(let details):
                    _ = self.object(handOff, keys: ["queue", "reason"], what: "a hand-off expectation")
                    expect.handOffQueue = string(details, "queue").map(QueueID.init)
                    if let reason = string(details, "reason") {
                        expect.handOffReason = EscalationReason(rawValue: reason)
                        if expect.handOffReason == nil {
                            let reasons = EscalationReason.allCases.map(\.rawValue)
                            var message = "unknown hand-off reason '\(reason)'; one of \(reasons.joined(separator: ", "))"
                            if let guess = Suggestion.closest(to: reason, among: reasons) { message += " (did you mean '\(guess)'?)" }
                            fail(message, at: details["reason"]?.location ?? handOff.location)
                        }
                    }
                    if expect.handOffQueue == nil { fail("a hand-off expectation needs a 'queue'", at: handOff.location) }
                default:
                    fail("'handoff' must be a queue name or { queue, reason }", at: handOff.location)
                }
            }
            var after: Duration?
            if let text = string(object, "after") {
                after = DurationText.parse(text)
                if after == nil {
                    fail("'after' must be a duration like \"90s\", \"30m\", \"25h\" or \"2d\", not '\(text)'", at: object["after"]?.location ?? value.location)
                }
            }
            return ConversationTestTurn(input: input, after: after, expect: expect, location: value.location)
        }
    }
}

/// Durations written by authors: a whole number and a unit (`s`, `m`, `h`, `d`).
public enum DurationText {
    public static func parse(_ text: String) -> Duration? {
        guard let unit = text.last, let amount = Int64(text.dropLast()), amount >= 0, amount <= 10_000_000 else {
            return nil
        }
        switch unit {
        case "s": return .seconds(amount)
        case "m": return .seconds(amount * 60)
        case "h": return .seconds(amount * 3600)
        case "d": return .seconds(amount * 86_400)
        default: return nil
        }
    }
}
