import Foundation
import SwitchboardCore
import Testing
@testable import SwitchboardStore

/// The reads that run on every hand-off, scrape and readiness probe go through an index, so their
/// cost follows the open work, not the whole history of the brand's account.
@Suite struct QueryPlanTests {
    /// SQLite's plan for `sql` over a store at the latest schema (with `values`, or `?1`…`?9` bound to 0).
    func plan(_ sql: String, values: [any SQLiteBindable]? = nil) throws -> [String] {
        let folder = try TemporaryFolder()
        let path = folder.file("store.sqlite")
        try SQLiteStore(path: path).close()
        let connection = try SQLiteConnection(path: path, create: false)
        defer { connection.close() }
        return try connection.query("EXPLAIN QUERY PLAN " + sql, values ?? zeros(forParametersOf: sql)) { $0.text(3) }
    }

    @Test func waitingEscalationsOfAQueueAreReadInRankOrderFromTheOpenIndex() throws {
        let steps = try plan(EscalationWriter.waitingInQueue)
        #expect(steps.contains { $0.hasPrefix("SEARCH escalations USING INDEX escalations_open_by_queue") }, "\(steps)")
        #expect(!steps.contains { $0.contains("TEMP B-TREE") }, "sorted per call: \(steps)")
    }

    @Test func agentListsOfOpenEscalationsReadTheOpenIndexesInRankOrder() throws {
        let now = at(minutes: 0)
        for (filter, index) in [
            (EscalationFilter(), "escalations_open"),
            (EscalationFilter(status: .waiting), "escalations_open"),
            (EscalationFilter(status: .assigned), "escalations_open"),
            (EscalationFilter(queue: "billing"), "escalations_open_by_queue"),
            (EscalationFilter(queue: "billing", status: .waiting), "escalations_open_by_queue"),
            (EscalationFilter(queue: "billing", sla: .breached), "escalations_open_by_queue"),
        ] {
            let query = EscalationRows.listQuery(filter, now: now)
            let steps = try plan(query.sql, values: query.values)
            #expect(steps.contains { $0.contains("USING INDEX \(index)") }, "\(filter): \(steps)")
            #expect(!steps.contains { $0.contains("TEMP B-TREE") }, "\(filter) sorts per call: \(steps)")
            let count = EscalationRows.countQuery(filter, now: now)
            let counting = try plan(count.sql, values: count.values)
            // Any of the three partial indexes on `status <> 'resolved'` holds only open rows.
            let openIndexes = ["escalations_open", "escalations_open_by_queue", "one_open_escalation_per_conversation"]
            #expect(
                counting.contains { step in openIndexes.contains { step.contains("INDEX \($0)") } },
                "count \(filter): \(counting)")
        }
    }

    @Test func outboxCountsReadOnlyPendingAndFailedRows() throws {
        let pending = try plan(SQLiteStore.pendingOutboxCount)
        #expect(pending.contains { $0.contains("INDEX outbox_due") }, "\(pending)")
        let failed = try plan(SQLiteStore.failedOutboxCount)
        #expect(failed.contains { $0.contains("INDEX outbox_failed") }, "\(failed)")
        let open = try plan(SQLiteStore.openEscalationCounts)
        #expect(open.contains { $0.contains("INDEX escalations_open_by_queue") }, "\(open)")
    }

    @Test func waitingDMsAreReadInOrderFromTheWaitingIndex() throws {
        let page = try plan(SQLiteStore.waitingInboundPage)
        #expect(page.contains { $0.contains("INDEX inbox_waiting") }, "\(page)")
        #expect(!page.contains { $0.contains("TEMP B-TREE") }, "sorted per call: \(page)")
        let total = try plan(SQLiteStore.waitingInboundTotal)
        #expect(total.contains { $0.contains("INDEX inbox_waiting") }, "\(total)")
    }

    @Test func statisticsCountPendingAndFailedRepliesAndOpenEscalations() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        for index in 0..<4 {
            _ = try await store.process(inbound("s\(index)", from: "c\(index)"), step: replying("hello"))
        }
        _ = try await store.process(
            inbound("s9", from: "c9"), step: replying(escalate: EscalationRequest(queue: "general", reason: .customerAsked)))
        let claimed = try await store.claimDue(now: at(minutes: 0), limit: 10, leaseMilliseconds: 60_000)
        #expect(claimed.count == 5)
        try await store.markSent(claimed[0].id, at: at(minutes: 1))
        try await store.markSent(claimed[1].id, at: at(minutes: 1))
        try await store.markFailed(claimed[2].id, error: "HTTP 403")
        let statistics = try await store.statistics()
        #expect(statistics.outbox == [.pending: 2, .failed: 1])
        #expect(statistics.openEscalations == ["general": [.waiting: 1]])
    }
}
