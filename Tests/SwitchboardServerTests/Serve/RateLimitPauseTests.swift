import Foundation
import Synchronization
import SwitchboardCore
@testable import SwitchboardServer
import Testing

@Suite struct ChannelPausesTests {
    @Test func aPauseLastsUntilItsEndAndOnlyItsStartIsReported() {
        let pauses = ChannelPauses()
        #expect(pauses.resumesAt(.x, now: 0) == nil)
        #expect(pauses.pause(.x, until: 1_000, now: 0) == (1_000, true))
        #expect(pauses.pause(.x, until: 800, now: 10) == (1_000, false), "never shortened by a later, earlier reset")
        #expect(pauses.pause(.x, until: 1_500, now: 20) == (1_500, false), "lengthened quietly")
        #expect(pauses.resumesAt(.x, now: 1_499) == 1_500)
        #expect(pauses.resumesAt(.api, now: 1_499) == nil, "one channel's limit does not stop another")
        #expect(pauses.resumesAt(.x, now: 1_500) == nil)
        #expect(pauses.pause(.x, until: 3_000, now: 2_000) == (3_000, true), "a new pause after the last one ended")
    }
}

@Suite struct RateLimitPauseTests {
    /// X refuses one send with 429 and its window's reset: nothing more is sent to X before the
    /// reset, then every waiting reply goes out once.
    @Test func a429PausesTheWholeXChannelUntilItsResetThenEveryReplyGoesOutOnce() async throws {
        try await ServeHarness.run { (harness: ServeHarness) async throws in
            harness.fakeX.rateLimitNext(resetAfter: 2)  // ahead of the server's clock even across a second's edge
            #expect(try await harness.dm("hi", from: "401", id: "rl-1").status == 200)
            let deadline = ContinuousClock.now + .seconds(10)
            while harness.fakeX.requestCount < 1 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(harness.fakeX.requestCount == 1)
            let reset = try #require(harness.fakeX.lastRateLimitReset)
            for customer in 402...404 {
                #expect(try await harness.dm("hi", from: String(customer), id: "rl-\(customer)").status == 200)
            }
            // Several sender rounds (wake-ups and polls) pass during the pause; none calls X.
            try await Task.sleep(for: .milliseconds(700))
            #expect(harness.fakeX.requestCount == 1, "no request to X while it said to wait")
            let delivered = await harness.waitForDMs(4, timeout: .seconds(10))
            #expect(Set(delivered.map(\.recipientID)) == ["401", "402", "403", "404"])
            #expect(harness.fakeX.requestCount == 5, "the refused send and four deliveries, each reply once")
            #expect(delivered.allSatisfy { $0.createdAtMilliseconds >= reset * 1000 }, "nothing before the window reopened")
            let metrics = String(decoding: try await harness.request(.get, "/metrics").body, as: UTF8.self)
            #expect(metrics.contains("switchboard_rate_limited_total{channel=\"x\"} 1"))
            #expect(metrics.contains("switchboard_channel_paused_until_seconds{channel=\"x\"} \(reset + 1)"))
        }
    }

    /// While X is paused, a new DM's reply is queued for the pause's end: no claim before then.
    @Test func aReplyQueuedDuringAPauseIsNotDueUntilItEnds() async throws {
        try await ServeHarness.run { (harness: ServeHarness) async throws in
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            // The pause ends 1.5 s after the writer asks (not after the test starts: a loaded
            // machine may take that long to get there).
            let asked = Mutex<Instant?>(nil)
            let pipeline = InboundPipeline(
                store: harness.app.store, bots: harness.app.bots, metrics: Metrics(),
                logger: Logger(minimumLevel: .error, sink: { _ in }), outboxReady: {},
                pausedUntil: { channel in
                    guard channel == .x else { return nil }
                    let resume = Instant(milliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 1_500)
                    asked.withLock { $0 = resume }
                    return resume
                })
            _ = try await pipeline.handle(
                ChannelMessage(
                    channel: .x, eventID: "paused-1", key: ConversationKey(account: AccountID(ServeHarness.brandID), customer: "405"),
                    text: "hi", receivedAt: Instant(milliseconds: now)))
            let resume = try #require(asked.withLock { $0 })
            // Without the pause the sender's next poll (within 250 ms) would send it.
            let delivered = await harness.waitForDMs(1, timeout: .seconds(10))
            #expect(delivered.map(\.recipientID) == ["405"])
            #expect(delivered.allSatisfy { $0.createdAtMilliseconds >= resume.milliseconds }, "not before the pause ended")
        }
    }
}
