public import SwitchboardCore

/// An outbox row whose send was in flight when the previous process stopped.
public struct UnsettledDelivery: Sendable, Equatable {
    public var entry: OutboxEntry
    /// When the send started: a channel's record of the message is at or after this.
    public var leasedAt: Instant
}

extension SQLiteStore {
    /// Outbox rows leased by a sender that never reported back (it died mid-send). Call before the
    /// sender starts: no send of this process is in flight yet.
    public func unsettledDeliveries() async throws -> [UnsettledDelivery] {
        try await read { db in
            try db.query(
                """
                SELECT \(OutboxRows.entryColumns), o.next_attempt_at, o.leased_at
                FROM outbox o JOIN conversations c ON c.id = o.conversation_id
                WHERE o.status = 'pending' AND o.leased_at IS NOT NULL ORDER BY o.id
                """, []
            ) { row in
                UnsettledDelivery(
                    entry: OutboxRows.entry(row, attempts: Int(row.int64(6)), nextAttemptAt: Instant(row.int64(8))),
                    leasedAt: Instant(row.int64(9)))
            }
        }
    }

    /// Makes every pending outbox row not yet settled due now, and clears the in-flight marks.
    /// Returns how many rows were made due.
    @discardableResult
    public func releaseLeases(now: Instant) async throws -> Int {
        try await write { db in
            try db.run(
                """
                UPDATE outbox SET next_attempt_at = ?1, leased_at = NULL
                WHERE status = 'pending' AND leased_at IS NOT NULL
                """, [now.milliseconds])
        }
    }
}
