public import SwitchboardCore
import Foundation

extension SQLiteStore {
    /// Most messages one claim hands out: a sender works in small batches.
    static let maximumClaim = 500
    static let leaseChunk = 64
    static let leaseSQL =
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?1, leased_at = ?2 WHERE id IN ("
        + (0..<leaseChunk).map { "?\($0 + 3)" }.joined(separator: ",") + ")"
    /// Stored error texts are cut here: the start of an HTTP error says what went wrong.
    static let maximumErrorLength = 2_000

    public func claimDue(now: Instant, limit: Int, leaseMilliseconds: Int64) async throws -> [OutboxEntry] {
        let bounded = min(max(limit, 0), Self.maximumClaim)
        let leaseEnd = now.adding(milliseconds: max(0, leaseMilliseconds)).milliseconds
        return try await write { db in
            let entries = try db.query(
                """
                SELECT \(OutboxRows.entryColumns)
                FROM outbox o JOIN conversations c ON c.id = o.conversation_id
                WHERE o.status = 'pending' AND o.next_attempt_at <= ?1 ORDER BY o.next_attempt_at, o.id LIMIT ?2
                """, [now.milliseconds, bounded]
            ) { row in
                OutboxRows.entry(row, attempts: Int(row.int64(6)) + 1, nextAttemptAt: Instant(leaseEnd))
            }
            // One statement per 64 rows, not one per row (this runs on the writer for every reply);
            // a short chunk binds NULL to the unused places, which match no row.
            var start = 0
            while start < entries.count {
                let chunk = entries[start..<min(entries.count, start + Self.leaseChunk)]
                var values: [any SQLiteBindable] = [leaseEnd, now.milliseconds]
                values += chunk.map(\.id.rawValue) as [any SQLiteBindable]
                values += Array(repeating: SQLiteValue.null, count: Self.leaseChunk - chunk.count) as [any SQLiteBindable]
                try db.run(Self.leaseSQL, values)
                start += Self.leaseChunk
            }
            return entries
        }
    }

    public func markSent(_ id: OutboxMessageID, at: Instant) async throws {
        try await changeOutbox(Self.markSentSQL, [at.milliseconds, id.rawValue], id: id)
    }

    /// Marks many messages sent in one write (one job and one commit, not one per message).
    /// Returns the ones that were not pending, each with its status; the others are marked.
    public func markSent(_ ids: [OutboxMessageID], at: Instant) async throws -> [OutboxError] {
        guard !ids.isEmpty else { return [] }
        return try await write { db in
            var refused: [OutboxError] = []
            for id in ids where try db.run(Self.markSentSQL, [at.milliseconds, id.rawValue]) != 1 {
                let status = try db.first("SELECT status FROM outbox WHERE id = ?1", [id.rawValue]) { $0.text(0) }
                refused.append(OutboxError(id: id, status: status))
            }
            return refused
        }
    }

    private static let markSentSQL =
        "UPDATE outbox SET status = 'sent', sent_at = ?1, last_error = NULL, leased_at = NULL WHERE id = ?2 AND status = 'pending'"

    public func markRetry(_ id: OutboxMessageID, error: String, nextAttemptAt: Instant) async throws {
        try await changeOutbox(
            "UPDATE outbox SET next_attempt_at = ?1, last_error = ?2, leased_at = NULL WHERE id = ?3 AND status = 'pending'",
            [nextAttemptAt.milliseconds, String(error.prefix(Self.maximumErrorLength)), id.rawValue], id: id)
    }

    public func postpone(_ ids: [OutboxMessageID], until: Instant, reason: String) async throws {
        guard !ids.isEmpty else { return }
        let text = String(reason.prefix(Self.maximumErrorLength))
        try await write { db in
            for id in ids {
                try db.run(
                    """
                    UPDATE outbox SET next_attempt_at = ?1, last_error = ?2, leased_at = NULL, attempts = max(attempts - 1, 0)
                    WHERE id = ?3 AND status = 'pending'
                    """, [until.milliseconds, text, id.rawValue])
            }
        }
    }

    /// The message cannot be delivered: the row keeps the reason, and the conversation's transcript
    /// gets a system event, so the agent sees that the customer never received it.
    public func markFailed(_ id: OutboxMessageID, error: String) async throws {
        let reason = String(error.prefix(Self.maximumErrorLength))
        // Both writes run in this job's savepoint: together or not at all.
        try await write { db in
                guard
                    try db.run(
                        "UPDATE outbox SET status = 'failed', last_error = ?1, leased_at = NULL WHERE id = ?2 AND status = 'pending'",
                        [reason, id.rawValue]) == 1
                else {
                    let status = try db.first("SELECT status FROM outbox WHERE id = ?1", [id.rawValue]) { $0.text(0) }
                    throw OutboxError(id: id, status: status)
                }
                if let row = try db.first("SELECT conversation_id, payload FROM outbox WHERE id = ?1", [id.rawValue], { ($0.int64(0), $0.text(1)) }) {
                    try EventRows.append(
                        db, conversation: ConversationRowID(row.0),
                        event: EventRecord(kind: .system, text: "not delivered: \(reason)", actor: "sender", detailJSON: "{}"),
                        at: Instant(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)))
                }
        }
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
