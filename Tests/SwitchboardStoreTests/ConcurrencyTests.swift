import SwitchboardCore
import Testing
@testable import SwitchboardStore

@Suite struct ConcurrencyTests {
    /// N agents race to claim the same escalations: each escalation ends with exactly one owner.
    @Test(arguments: [1, 2, 3])
    func concurrentClaimsGiveEachEscalationExactlyOneOwner(seed: UInt64) async throws {
        let folder = try TemporaryFolder()
        var options = StoreOptions()
        options.queue.autoAssign = false
        let store = try SQLiteStore(path: folder.file("db.sqlite"), options: options)
        defer { store.close() }
        let escalationCount = 30
        let agentCount = 8
        for index in 0..<escalationCount {
            _ = try await store.process(
                inbound("e\(index)", from: "c\(index)"),
                step: replying(escalate: EscalationRequest(queue: "general", reason: .lowConfidence)))
        }
        for index in 0..<agentCount {
            try await store.register(agent("a\(index)", queues: ["general"], capacity: escalationCount), now: at(minutes: 0))
        }
        var random = SeededRandom(seed: seed)
        let order = (0..<agentCount).map { _ in (1...escalationCount).shuffled(using: &random) }
        let wins = await withTaskGroup(of: [(Int64, String)].self) { group in
            for (index, ids) in order.enumerated() {
                group.addTask {
                    var won: [(Int64, String)] = []
                    for id in ids {
                        if (try? await store.claim(EscalationID(Int64(id)), by: AgentID("a\(index)"), now: at(minutes: 1))) != nil {
                            won.append((Int64(id), "a\(index)"))
                        }
                    }
                    return won
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(wins.count == escalationCount)
        #expect(Set(wins.map(\.0)).count == escalationCount)
        let owners = try await store.escalations(EscalationFilter(limit: 100), now: at(minutes: 2))
        for summary in owners {
            let winner = wins.first { $0.0 == summary.id.rawValue }?.1
            #expect(summary.agent?.rawValue == winner)
            #expect(try await store.conversation(summary.key)?.owner == .agent(AgentID(winner ?? "?")))
        }
    }
}
