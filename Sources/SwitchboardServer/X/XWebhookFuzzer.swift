import SwitchboardCore

/// Seeded random-mutation fuzzing of `XWebhookDecoder`: mutates real deliveries (byte flips,
/// truncations, splices, and JSON-aware changes: wrong types, huge numbers, deep nesting, very long
/// strings, duplicate keys, invalid UTF-8) and checks that every answer is either a batch within
/// the documented bounds or a typed `XWebhookError`, and that decoding is deterministic.
///
/// The corpus is passed in (the tests use the fixtures copied into the test target). Tests run a
/// few thousand iterations; `scripts/fuzz/run.sh SECONDS` runs longer, and
/// `scripts/fuzz/libfuzzer.sh` drives `violations(decoding:with:)` from libFuzzer.
public enum XWebhookFuzzer {
    /// What one fuzz run found. `violations` is empty when the decoder behaved.
    public struct Report: Sendable {
        public var iterations = 0
        /// Inputs that decoded into a batch.
        public var batches = 0
        /// Customer messages in those batches.
        public var messages = 0
        /// Brand's own messages skipped in those batches.
        public var ownMessages = 0
        /// Rejections by kind (`malformedJSON`, `fieldTooLong`, …).
        public var failures: [String: Int] = [:]
        /// The slowest single decode, to spot near-hangs in long runs (not asserted in tests).
        public var slowestDecode: Duration = .zero
        public var violations: [String] = []

        public init() {}
    }

    /// Limits small enough that mutations reach the payload and event limits quickly; every other
    /// iteration uses the default decoder.
    public static let tightDecoder = XWebhookDecoder(maxPayloadBytes: 8_192, maxEvents: 3)

    /// Stops a run after this many violations: the first few say everything, and the report stays short.
    static let maxViolations = 20

    /// Runs `iterations` mutated inputs from `seed`. Deterministic for a given corpus and seed.
    public static func run(corpus: [[UInt8]], seed: UInt64, iterations: Int) -> Report {
        run(corpus: corpus, seed: seed) { report in report.iterations < iterations }
    }

    /// Runs from `seed` until `deadline` (for the long run in `scripts/fuzz/run.sh`).
    public static func run(corpus: [[UInt8]], seed: UInt64, until deadline: ContinuousClock.Instant) -> Report {
        run(corpus: corpus, seed: seed) { _ in ContinuousClock.now < deadline }
    }

    private static func run(corpus: [[UInt8]], seed: UInt64, while proceed: (Report) -> Bool) -> Report {
        var random = SeededGenerator(seed: seed)
        var report = Report()
        let seeds = corpus.isEmpty ? [Array("{}".utf8)] : corpus
        let clock = ContinuousClock()
        while proceed(report) && report.violations.count < maxViolations {
            let input = mutated(seeds[Int(random.next() % UInt64(seeds.count))], corpus: seeds, using: &random)
            let decoder = report.iterations % 2 == 0 ? XWebhookDecoder() : tightDecoder
            var outcome: Result<XWebhookBatch, XWebhookError>?
            let elapsed = clock.measure { outcome = Result { () throws(XWebhookError) in try decoder.decode(input) } }
            report.slowestDecode = max(report.slowestDecode, elapsed)
            switch outcome {
            case .success(let batch)?:
                report.batches += 1
                report.messages += batch.messages.count
                report.ownMessages += batch.ownMessageIDs.count
            case .failure(let error)?:
                report.failures[kind(of: error), default: 0] += 1
            case nil:
                break
            }
            for violation in violations(decoding: input, with: decoder, expected: outcome) {
                report.violations.append("iteration \(report.iterations): \(violation) for \(escaped(input))")
            }
            report.iterations += 1
        }
        return report
    }

    /// Decodes `input` and lists every broken invariant (empty when the decoder behaved).
    ///
    /// A returned batch must have a non-empty `for_user_id`; every message non-empty ids, a sender
    /// other than the brand, text within `XLimits.maxTextCharacters`, metadata within
    /// `XLimits.maxQuickReplyMetadataCharacters`, a non-negative timestamp; no event id twice; no more
    /// events than `maxEvents`. Decoding the same bytes again gives the same answer.
    public static func violations(decoding input: [UInt8], with decoder: XWebhookDecoder = XWebhookDecoder()) -> [String] {
        violations(decoding: input, with: decoder, expected: nil)
    }

    private static func violations(
        decoding input: [UInt8], with decoder: XWebhookDecoder, expected: Result<XWebhookBatch, XWebhookError>?
    ) -> [String] {
        let outcome = Result { () throws(XWebhookError) in try decoder.decode(input) }
        var found: [String] = []
        if let expected, expected != outcome { found.append("decoding the same bytes twice gave different answers") }
        guard case .success(let batch) = outcome else { return found }
        if batch.forUserID.isEmpty { found.append("batch with an empty for_user_id") }
        if input.count > decoder.maxPayloadBytes { found.append("batch from a body over the payload limit") }
        if batch.messages.count + batch.ownMessageIDs.count > decoder.maxEvents { found.append("more events than maxEvents") }
        let ids = batch.messages.map(\.eventID) + batch.ownMessageIDs
        if Set(ids).count != ids.count { found.append("an event id appears twice") }
        for message in batch.messages {
            if message.eventID.isEmpty || message.senderID.isEmpty || message.recipientID.isEmpty {
                found.append("message with an empty id")
            }
            if message.senderID == batch.forUserID { found.append("the brand's own message was not skipped") }
            if XLimits.characterCount(message.text) > XLimits.maxTextCharacters { found.append("text over X's limit") }
            if let metadata = message.quickReplyMetadata,
                XLimits.characterCount(metadata) > XLimits.maxQuickReplyMetadataCharacters
            {
                found.append("quick-reply metadata over X's limit")
            }
            if message.createdAtMilliseconds < 0 { found.append("negative timestamp") }
        }
        return found
    }

    static func kind(of error: XWebhookError) -> String {
        switch error {
        case .payloadTooLarge: "payloadTooLarge"
        case .malformedJSON: "malformedJSON"
        case .missingField: "missingField"
        case .invalidField: "invalidField"
        case .tooManyEvents: "tooManyEvents"
        case .fieldTooLong: "fieldTooLong"
        }
    }

    // MARK: Mutations

    /// Field names of the wire format, so inserted members collide with real ones (duplicate keys).
    static let fieldNames = [
        "for_user_id", "direct_message_events", "users", "type", "id", "created_timestamp", "message_create",
        "target", "recipient_id", "sender_id", "message_data", "text", "quick_reply_response", "metadata",
        "initiated_via", "welcome_message_id", "name", "screen_name", "followers_count", "tweet_create_events",
        "direct_message_indicate_typing_events",
    ]

    /// Values of the wrong type, at the edges of number parsing, or otherwise odd.
    static let oddValues = [
        "null", "true", "false", "0", "-1", "1.5", "1e999", "-1e999", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "123456789012345678901234567890", "1E+2", "-0", "{}", "[]", "[null]", #""""#,
        #""-1""#, #""99999999999999999999""#, #"" 1""#, #""+1""#, #""1e3""#, #""\u0000""#, #""\uD800""#,
        #""\uDC00\uD800""#, #""1000000000000000001""#, #""2000000000000000002""#, #"{"type":"message_create"}"#,
    ].map { Array($0.utf8) }

    /// Fields that hold ids and timestamps as strings.
    static let idFields = ["for_user_id", "id", "sender_id", "recipient_id", "created_timestamp"]

    /// Strings an id or timestamp field should not hold, or that collide with other ids.
    static let oddStrings = [
        #""""#, #""-1""#, #""abc""#, #""99999999999999999999""#, #"" 1""#, #""+1""#, #""1.5""#, #""1000000000000000001""#,
        #""2000000000000000002""#, #""1100000000000000004""#,
    ].map { Array($0.utf8) }

    /// Bytes that are not valid UTF-8 on their own: lone continuation, overlong, surrogate, 0xFF.
    static let invalidUTF8: [[UInt8]] = [[0x80], [0xC0, 0xAF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE2, 0x82]]

    /// Bytes on grammar boundaries.
    static let interestingBytes: [UInt8] = Array(#"{}[]:,"\ 0123456789-+.eEtfn"#.utf8) + [0, 0x0A, 0x7F, 0x80, 0xFF]

    /// Applies one to four random mutations. Half the inputs get only JSON-aware ones, which mostly
    /// keep the JSON valid, so they reach the checks behind the parser.
    static func mutated(_ seed: [UInt8], corpus: [[UInt8]], using random: inout SeededGenerator) -> [UInt8] {
        var bytes = seed
        let jsonAware = random.next() % 2 == 0
        for _ in 0..<(1 + Int(random.next() % 4)) {
            let position = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
            let tokens = JSONTokens(bytes)
            switch jsonAware ? 5 + random.next() % 7 : random.next() % 14 {
            case 0 where !bytes.isEmpty:
                bytes[position] ^= UInt8(1) << UInt8(random.next() % 8)
            case 1 where !bytes.isEmpty:
                bytes[position] = pick(interestingBytes, &random)
            case 2 where !bytes.isEmpty:
                let end = min(bytes.count, position + 1 + Int(random.next() % 32))
                bytes.removeSubrange(position..<end)
            case 3:
                bytes = Array(bytes.prefix(position))
            case 4:
                // Splice: this input's head with another fixture's tail.
                let other = pick(corpus, &random)
                let cut = other.isEmpty ? 0 : Int(random.next() % UInt64(other.count))
                bytes = Array(bytes.prefix(position)) + other[cut...]
            case 5 where !tokens.values.isEmpty:
                if random.next() % 2 == 0, !tokens.values(of: idFields).isEmpty {
                    // An id or timestamp of the right type but an impossible or borrowed value.
                    bytes.replaceSubrange(pick(tokens.values(of: idFields), &random), with: pick(oddStrings, &random))
                } else {
                    // A wrong type or an odd value, half the time for a field the decoder reads.
                    bytes.replaceSubrange(tokens.value(preferring: fieldNames, using: &random), with: pick(oddValues, &random))
                }
            case 6 where !tokens.values.isEmpty:
                // A very long string, half the time for a field X limits: over or at the limit, in
                // ASCII, emoji, combining marks or escapes.
                let unit = pick(["a", "😡", "e\u{301}", "\\n", "\\u00e9"], &random)
                let count = pick([1_000, 1_001, 5_001, 10_000, 10_001, 40_000], &random)
                let target = tokens.value(preferring: ["text", "metadata"], using: &random)
                bytes.replaceSubrange(target, with: Array(("\"" + String(repeating: unit, count: count) + "\"").utf8))
            case 7 where !tokens.values.isEmpty:
                // Deep nesting, sometimes unbalanced.
                let depth = pick([64, 513, 2_000, 20_000], &random)
                let open = pick(["[", "{\"a\":"], &random)
                let close = open == "[" ? "]" : "}"
                let closing = random.next() % 4 == 0 ? depth / 2 : depth
                let value = String(repeating: open, count: depth) + "1" + String(repeating: close, count: closing)
                bytes.replaceSubrange(pick(tokens.values, &random), with: Array(value.utf8))
            case 8 where !tokens.objectStarts.isEmpty:
                // A member right after `{`: often a duplicate of an existing key.
                let member = "\"\(pick(fieldNames, &random))\":" + String(decoding: pick(oddValues, &random), as: UTF8.self) + ","
                bytes.insert(contentsOf: Array(member.utf8), at: pick(tokens.objectStarts, &random) + 1)
            case 9 where !tokens.strings.isEmpty:
                // Invalid UTF-8 inside a string.
                let string = pick(tokens.strings, &random)
                let at = string.lowerBound + 1 + Int(random.next() % UInt64(max(1, string.count - 1)))
                bytes.insert(contentsOf: pick(invalidUTF8, &random), at: min(at, string.upperBound - 1))
            case 10 where !tokens.values.isEmpty:
                // Copy one value over another (e.g. the brand's id into sender_id).
                let source = Array(bytes[pick(tokens.values, &random)])
                bytes.replaceSubrange(pick(tokens.values, &random), with: source)
            case 11 where !tokens.arrayStarts.isEmpty:
                // Repeat an array's first element, to reach the event limit and duplicate ids.
                let start = pick(tokens.arrayStarts, &random)
                if let element = tokens.firstElement(after: start) {
                    let copy = Array(bytes[element]) + Array(",".utf8)
                    for _ in 0..<(1 + Int(random.next() % 5)) { bytes.insert(contentsOf: copy, at: start + 1) }
                }
            case 12:
                let count = 1 + Int(random.next() % 8)
                bytes.insert(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: position)
            default:
                let end = min(bytes.count, position + 1 + Int(random.next() % 64))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            }
        }
        return bytes
    }

    static func pick<T>(_ values: [T], _ random: inout SeededGenerator) -> T {
        values[Int(random.next() % UInt64(values.count))]
    }

    private static func escaped(_ bytes: [UInt8]) -> String {
        let head = bytes.prefix(200).map { (32..<127).contains($0) ? String(UnicodeScalar($0)) : "\\x\(String($0, radix: 16))" }
        return head.joined() + (bytes.count > 200 ? "… (\(bytes.count) bytes)" : "")
    }
}

/// A rough JSON scan for the mutator: where values, strings, objects and arrays are. Tolerates
/// anything (mutated input is rarely valid JSON); precision does not matter, only that ranges are
/// in bounds.
struct JSONTokens {
    /// Strings (including their quotes), numbers and literals that are values, not keys.
    var values: [Range<Int>] = []
    /// Every string, keys too, including quotes.
    var strings: [Range<Int>] = []
    /// Values that follow a key, by the key's text (escapes left as written).
    var valuesByKey: [String: [Range<Int>]] = [:]
    var objectStarts: [Int] = []
    var arrayStarts: [Int] = []
    private let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var index = 0
        var pendingKey: String?
        func value(_ range: Range<Int>) {
            values.append(range)
            if let key = pendingKey { valuesByKey[key, default: []].append(range) }
            pendingKey = nil
        }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let end = Self.stringEnd(bytes, from: index)
                strings.append(index..<end)
                var next = end
                while next < bytes.count, bytes[next] == UInt8(ascii: " ") || bytes[next] == UInt8(ascii: "\n") { next += 1 }
                if next >= bytes.count || bytes[next] != UInt8(ascii: ":") {
                    value(index..<end)
                } else {
                    pendingKey = String(decoding: bytes[(index + 1)..<max(index + 1, end - 1)], as: UTF8.self)
                }
                index = end
            case UInt8(ascii: "{"):
                objectStarts.append(index)
                pendingKey = nil
                index += 1
            case UInt8(ascii: "["):
                arrayStarts.append(index)
                pendingKey = nil
                index += 1
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                var end = index + 1
                while end < bytes.count, Self.isScalarByte(bytes[end]) { end += 1 }
                value(index..<end)
                index = end
            case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ","):
                pendingKey = nil
                index += 1
            default:
                index += 1
            }
        }
    }

    /// Half the time a scalar value of one of `keys` (when there is one), otherwise any value.
    /// Call only when `values` is not empty.
    func value(preferring keys: [String], using random: inout SeededGenerator) -> Range<Int> {
        let preferred = values(of: keys)
        if !preferred.isEmpty && random.next() % 2 == 0 { return XWebhookFuzzer.pick(preferred, &random) }
        return XWebhookFuzzer.pick(values, &random)
    }

    /// The scalar values of `keys`, anywhere in the input.
    func values(of keys: [String]) -> [Range<Int>] {
        keys.flatMap { valuesByKey[$0] ?? [] }
    }

    /// The first element of the array opening at `start`, when it is an object or a scalar.
    func firstElement(after start: Int) -> Range<Int>? {
        var depth = 0
        var index = start + 1
        let begin = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): index = Self.stringEnd(bytes, from: index) - 1
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return begin < index ? begin..<index : nil }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 { return begin < index ? begin..<index : nil }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// One past the closing quote (or the end of input for an unterminated string).
    private static func stringEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: "\"") { return index + 1 }
            index += 1
        }
        return bytes.count
    }

    private static func isScalarByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            true
        default: false
        }
    }
}
