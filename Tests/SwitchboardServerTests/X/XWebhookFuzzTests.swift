import Foundation
import SwitchboardServer
import Testing

@Suite struct XWebhookFuzzTests {
    /// The deliveries the mutations start from: every webhook-body fixture in `Fixtures/x/`.
    static let corpusFiles = [
        "dm-text.json", "dm-quick-reply.json", "dm-brand-echo.json", "dm-two-events.json", "mark-read.json",
        "typing.json", "tweet-create-ignored.json", "outbound-event.json",
    ]

    static func corpus() throws -> [[UInt8]] { try corpusFiles.map(Fixtures.bytes) }

    /// A few thousand seeded mutations per seed; `scripts/fuzz/run.sh SECONDS` runs longer.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func mutatedDeliveriesDecodeWithinBoundsOrThrowATypedError(seed: UInt64) throws {
        let report = XWebhookFuzzer.run(corpus: try Self.corpus(), seed: seed, iterations: 1_000)
        #expect(report.violations == [], "\(report.violations.joined(separator: "\n"))")
        #expect(report.iterations == 1_000)
        // The mutations reach both success and the error paths, or the fuzzer is not fuzzing.
        #expect(report.batches > 0)
        #expect(report.messages > 0)
        #expect(report.ownMessages > 0)
        for kind in ["malformedJSON", "missingField", "invalidField", "fieldTooLong", "tooManyEvents", "payloadTooLarge"] {
            #expect(report.failures[kind, default: 0] > 0, "no input was rejected as \(kind)")
        }
    }

    @Test func sameSeedGivesTheSameRun() throws {
        let corpus = try Self.corpus()
        let first = XWebhookFuzzer.run(corpus: corpus, seed: 42, iterations: 300)
        let second = XWebhookFuzzer.run(corpus: corpus, seed: 42, iterations: 300)
        #expect(first.failures == second.failures)
        #expect(first.messages == second.messages)
    }

    /// Hand-picked hostile bodies the random run might take long to find.
    @Test(arguments: [
        String(repeating: "[", count: 100_000),
        #"{"for_user_id":"1","direct_message_events":"# + String(repeating: "[", count: 50_000),
        #"{"for_user_id":"1","users":"# + String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000) + "}",
        #"{"for_user_id":1e99999}"#,
        #"{"for_user_id":"1","for_user_id":"2"}"#,
        #"{"for_user_id":"\uD800"}"#,
        #"{"for_user_id":"1","direct_message_events":[{"type":"message_create","id":"5","created_timestamp":"99999999999999999999","message_create":{"sender_id":"2","target":{"recipient_id":"1"},"message_data":{"text":"hi"}}}]}"#,
        #"{"for_user_id":"1","direct_message_events":[{"type":"message_create","id":"","created_timestamp":"1","message_create":{"sender_id":"2","target":{"recipient_id":"1"},"message_data":{"text":"hi"}}}]}"#,
        #"{"for_user_id":"1","users":{"2":{"id":"2","followers_count":1e300}}}"#,
        #"{"for_user_id":"1","tweet_create_events":"# + "[" + Array(repeating: "0", count: 600).joined(separator: ",") + "]}",
    ])
    func hostileBodiesDecodeWithinBoundsOrThrow(body: String) {
        #expect(XWebhookFuzzer.violations(decoding: Array(body.utf8)) == [])
    }

    @Test func invalidUTF8InsideAStringIsATypedError() throws {
        var body = Array(#"{"for_user_id":"1","direct_message_events":[{"type":"message_create","id":"5","created_timestamp":"1","message_create":{"sender_id":"2","target":{"recipient_id":"1"},"message_data":{"text":"h"#.utf8)
        body += [0xC3, 0x28] + Array(#""}}}]}"#.utf8)
        #expect(throws: XWebhookError.self) { try XWebhookDecoder().decode(body) }
    }

    /// `scripts/fuzz/run.sh SECONDS` sets `SWITCHBOARD_FUZZ_SECONDS`; skipped otherwise.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SWITCHBOARD_FUZZ_SECONDS"] != nil))
    func longRun() throws {
        let seconds = Int(ProcessInfo.processInfo.environment["SWITCHBOARD_FUZZ_SECONDS"] ?? "") ?? 60
        let seed = UInt64(ProcessInfo.processInfo.environment["SWITCHBOARD_FUZZ_SEED"] ?? "") ?? 1
        let corpus = try Self.corpus()
        // Half the time for the decoder, half for the HTTP parser, in rounds of 1,000 with fresh seeds.
        let decoderDeadline = ContinuousClock.now + .seconds(seconds / 2)
        var decoder = XWebhookFuzzer.Report()
        var round: UInt64 = 0
        while ContinuousClock.now < decoderDeadline && decoder.violations.isEmpty {
            let report = XWebhookFuzzer.run(corpus: corpus, seed: seed &+ round, iterations: 1_000)
            decoder.iterations += report.iterations
            decoder.batches += report.batches
            decoder.messages += report.messages
            decoder.violations += report.violations
            decoder.slowestDecode = max(decoder.slowestDecode, report.slowestDecode)
            for (kind, count) in report.failures { decoder.failures[kind, default: 0] += count }
            round += 1
        }
        print("xwebhook-fuzz: seeds \(seed)..<\(seed &+ round) iterations \(decoder.iterations) batches \(decoder.batches) messages \(decoder.messages) failures \(decoder.failures.sorted { $0.key < $1.key }) slowest \(decoder.slowestDecode) violations \(decoder.violations.count)")
        let parserDeadline = ContinuousClock.now + .seconds(seconds - seconds / 2)
        var parserIterations = 0
        var parserViolations: [String] = []
        var parserRound: UInt64 = 0
        while ContinuousClock.now < parserDeadline && parserViolations.isEmpty {
            let report = HTTPParserFuzzer.run(seed: seed &+ parserRound, iterations: 1_000)
            parserIterations += report.iterations
            parserViolations += report.violations
            parserRound += 1
        }
        print("http-parser-fuzz: seeds \(seed)..<\(seed &+ parserRound) iterations \(parserIterations) violations \(parserViolations.count)")
        #expect(decoder.violations == [], "\(decoder.violations.joined(separator: "\n"))")
        #expect(parserViolations == [], "\(parserViolations.joined(separator: "\n"))")
    }
}
