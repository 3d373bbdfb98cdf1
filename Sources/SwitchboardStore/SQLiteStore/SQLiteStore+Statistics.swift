public import SwitchboardCore

/// Counts for `/metrics` and `/readyz`.
public struct StoreStatistics: Sendable, Equatable {
    /// Outbox rows waiting to be sent (`pending`) and failed for good (`failed`). Sent rows are not
    /// counted: there is one for every reply ever sent, and counting them would read them all.
    public var outbox: [OutboxStatus: Int]
    /// Open escalations (waiting or assigned) by queue and status.
    public var openEscalations: [QueueID: [EscalationStatus: Int]]
}

extension SQLiteStore {
    /// Outbox rows waiting to be sent, read from the partial index `outbox_due`.
    static let pendingOutboxCount = "SELECT count(*) FROM outbox WHERE status = 'pending'"
    /// Outbox rows that failed for good, read from the partial index `outbox_failed`.
    static let failedOutboxCount = "SELECT count(*) FROM outbox WHERE status = 'failed'"
    /// Open escalations by queue and status, read from the partial index `escalations_open_by_queue`.
    static let openEscalationCounts =
        "SELECT queue, status, COUNT(*) FROM escalations WHERE status <> 'resolved' GROUP BY queue, status"

    /// Counts over the outbox and the open escalations, each read from a partial index, so a scrape
    /// or a readiness probe reads only the pending and failed replies and the open escalations, not
    /// every reply and escalation there ever was.
    public func statistics() async throws -> StoreStatistics {
        try await read { db in
            let outbox: [OutboxStatus: Int] = [
                .pending: Int(try db.first(Self.pendingOutboxCount) { $0.int64(0) } ?? 0),
                .failed: Int(try db.first(Self.failedOutboxCount) { $0.int64(0) } ?? 0),
            ]
            var open: [QueueID: [EscalationStatus: Int]] = [:]
            let rows = try db.query(Self.openEscalationCounts) { row in (row.text(0), row.text(1), Int(row.int64(2))) }
            for (queue, status, count) in rows {
                if let known = EscalationStatus(rawValue: status) { open[QueueID(queue), default: [:]][known] = count }
            }
            return StoreStatistics(outbox: outbox, openEscalations: open)
        }
    }
}
