import Foundation
import SwitchboardServer
import Testing

/// Replies go out because each DM wakes the sender, not because it polls: with the poll set to an
/// hour, every reply of many concurrent DMs still arrives, wave after wave. (Only the first DM
/// since the sender last woke sends it a signal; a lost wake-up would leave replies in the outbox.)
@Suite(.serialized) struct SenderWakeUpTests {
    func wave(_ harness: ServeHarness, customers: Range<Int>) async throws -> [Int] {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in customers {
                group.addTask {
                    try await harness.dm("hi", from: "30000000000000\(10_000 + index)", id: "wake-\(index)").status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func everyReplyOfConcurrentDMsIsSentWithoutPolling() async throws {
        try await ServeHarness.run(configure: { $0.outboxPollInterval = .seconds(3600) }) { harness in
            #expect(try await wave(harness, customers: 0..<80).allSatisfy { $0 == 200 })
            let first = await harness.waitForDMs(80, timeout: .seconds(20))
            #expect(first.count == 80)
            // The sender is idle now; a second wave must wake it again.
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await wave(harness, customers: 80..<120).allSatisfy { $0 == 200 })
            let all = await harness.waitForDMs(120, timeout: .seconds(20))
            #expect(all.count == 120)
            #expect(Set(all.map(\.recipientID)).count == 120, "one welcome per customer")
        }
    }
}
