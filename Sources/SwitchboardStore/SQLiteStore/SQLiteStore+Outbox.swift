public import SwitchboardCore

extension SQLiteStore {
    /// Most messages one claim hands out: a sender works in small batches.
    static let maximumClaim = 500
    /// Stored error texts are cut here: the start of an HTTP error says what went wrong.
    static let maximumErrorLength = 2_000

    public func claimDue(now: Instant, limit: Int, leaseMilliseconds: Int64) async throws -> [OutboxEntry] {
        let bounded = min(max(limit, 0), Self.maximumClaim)
        let leaseEnd = now.adding(milliseconds: max(0, leaseMilliseconds)).milliseconds
        return try await write { db in
            let entries = try db.query(
                """
                SELECT o.id, o.conversation_id, c.account, o.recipient, o.payload, o.delivery_id, o.attempts, o.last_error
                FROM outbox o JOIN conversations c ON c.id = o.conversation_id
                WHERE o.status = 'pending' AND o.next_attempt_at <= ?1 ORDER BY o.next_attempt_at, o.id LIMIT ?2
                """, [now.milliseconds, bounded]
            ) { row in
                OutboxEntry(
                    id: OutboxMessageID(row.int64(0)), conversation: ConversationRowID(row.int64(1)),
                    account: AccountID(row.text(2)), recipient: CustomerID(row.text(3)), payloadJSON: row.text(4),
                    deliveryID: row.text(5), status: .pending, attempts: Int(row.int64(6)) + 1,
                    nextAttemptAt: Instant(leaseEnd), lastError: row.optionalText(7))
            }
            for entry in entries {
                try db.run(
                    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?1, leased_at = ?2 WHERE id = ?3",
                    [leaseEnd, now.milliseconds, entry.id.rawValue])
            }
            return entries
        }
    }

    public func markSent(_ id: OutboxMessageID, at: Instant) async throws {
        try await changeOutbox(
            "UPDATE outbox SET status = 'sent', sent_at = ?1, last_error = NULL, leased_at = NULL WHERE id = ?2 AND status = 'pending'",
            [at.milliseconds, id.rawValue], id: id)
    }

    public func markRetry(_ id: OutboxMessageID, error: String, nextAttemptAt: Instant) async throws {
        try await changeOutbox(
            "UPDATE outbox SET next_attempt_at = ?1, last_error = ?2, leased_at = NULL WHERE id = ?3 AND status = 'pending'",
            [nextAttemptAt.milliseconds, String(error.prefix(Self.maximumErrorLength)), id.rawValue], id: id)
    }

    public func markFailed(_ id: OutboxMessageID, error: String) async throws {
        try await changeOutbox(
            "UPDATE outbox SET status = 'failed', last_error = ?1, leased_at = NULL WHERE id = ?2 AND status = 'pending'",
            [String(error.prefix(Self.maximumErrorLength)), id.rawValue], id: id)
    }

    private func changeOutbox(_ sql: String, _ values: [any SQLiteBindable], id: OutboxMessageID) async throws {
        try await write { db in
            guard try db.run(sql, values) == 1 else {
                let status = try db.first("SELECT status FROM outbox WHERE id = ?1", [id.rawValue]) { $0.text(0) }
                throw OutboxError(id: id, status: status)
            }
        }
    }
}

/// An outbox message was not pending (already sent or failed) or does not exist.
public struct OutboxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var id: OutboxMessageID
    /// The message's status, or nil if there is no such message.
    public var status: String?
    public var description: String {
        guard let status else { return "outbox message \(id) does not exist" }
        return "outbox message \(id) is already \(status): only pending messages change state"
    }
}
