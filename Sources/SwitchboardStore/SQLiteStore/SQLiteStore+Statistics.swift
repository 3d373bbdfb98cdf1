public import SwitchboardCore

/// Counts for `/metrics` and `/readyz`.
public struct StoreStatistics: Sendable, Equatable {
    /// Outbox rows by status (`pending`, `sent`, `failed`).
    public var outbox: [OutboxStatus: Int]
    /// Open escalations (waiting or assigned) by queue and status.
    public var openEscalations: [QueueID: [EscalationStatus: Int]]
}

extension SQLiteStore {
    /// Counts over the outbox and the open escalations: two indexed aggregate queries.
    public func statistics() async throws -> StoreStatistics {
        try await read { db in
            var outbox: [OutboxStatus: Int] = [:]
            for (status, count) in try db.query("SELECT status, COUNT(*) FROM outbox GROUP BY status", [], { row in
                (row.text(0), Int(row.int64(1)))
            }) {
                if let known = OutboxStatus(rawValue: status) { outbox[known] = count }
            }
            var open: [QueueID: [EscalationStatus: Int]] = [:]
            let rows = try db.query(
                "SELECT queue, status, COUNT(*) FROM escalations WHERE status != 'resolved' GROUP BY queue, status", []
            ) { row in (row.text(0), row.text(1), Int(row.int64(2))) }
            for (queue, status, count) in rows {
                if let known = EscalationStatus(rawValue: status) { open[QueueID(queue), default: [:]][known] = count }
            }
            return StoreStatistics(outbox: outbox, openEscalations: open)
        }
    }
}
