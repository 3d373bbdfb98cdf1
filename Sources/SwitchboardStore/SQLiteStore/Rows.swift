internal import Foundation
import SwitchboardCore

/// JSON text for the store's JSON columns.
enum JSONText {
    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// A flat string map as a JSON object, sorted by key. Hand-written: this runs for every
    /// inbound message, and JSONEncoder costs more than the SQL around it.
    static func encode(_ map: [String: String]) -> String {
        var text = "{"
        for (index, key) in map.keys.sorted().enumerated() {
            if index > 0 { text += "," }
            JSONString.append(key, to: &text)
            text += ":"
            JSONString.append(map[key] ?? "", to: &text)
        }
        return text + "}"
    }

    /// An escalation's intents, `[{"confidence":0.93,"intent":"refund"}]`: by hand, as above (it
    /// runs for every hand-off, on the writer; JSONEncoder was 3% of that thread).
    static func encode(_ intents: [IntentConfidence]) -> String {
        objects(intents) { intent, text in
            text += "{\"confidence\":" + number(intent.confidence) + ",\"intent\":"
            JSONString.append(intent.intent, to: &text)
        }
    }

    /// An escalation's priority explanation, `[{"points":30,"reason":"reach 1M followers"}]`.
    static func encode(_ contributions: [PriorityContribution]) -> String {
        objects(contributions) { contribution, text in
            text += "{\"points\":" + number(contribution.points) + ",\"reason\":"
            JSONString.append(contribution.reason, to: &text)
        }
    }

    private static func objects<T>(_ values: [T], _ write: (T, inout String) -> Void) -> String {
        var text = "["
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            write(value, &text)
            text += "}"
        }
        return text + "]"
    }

    /// A JSON number: Swift's shortest round-trip form (`0.93`, `30.0`, `1e-05`); JSON has no
    /// infinity or NaN, so those (never produced by the scorers) are written as 0.
    private static func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "0" }

    /// Reads a flat string map written by `encode(_:)`.
    static func decodeMap(_ text: String) throws -> [String: String] {
        if text == "{}" { return [:] }
        guard let map = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String] else {
            throw StoredValueError(column: "conversations.slots", value: String(text.prefix(100)))
        }
        return map
    }
}

/// A stored value the store cannot read back (a row written by something else, or damage).
struct StoredValueError: Error, CustomStringConvertible {
    var column: String
    var value: String
    var description: String {
        "the database holds '\(value)' in \(column), which this build does not know: "
            + "was the file written by a newer Switchboard? Run `PRAGMA integrity_check` on a copy."
    }
}

extension Instant {
    init(_ milliseconds: Int64) { self.init(milliseconds: milliseconds) }
    init?(_ milliseconds: Int64?) {
        guard let milliseconds else { return nil }
        self.init(milliseconds: milliseconds)
    }
}

/// Reading a conversation row.
enum ConversationRows {
    static let columns = "id, account, customer, state, slots, owner_kind, owner_id, created_at, updated_at, last_inbound_at, version"

    static func snapshot(_ row: SQLiteRow) throws -> ConversationSnapshot {
        let kind = row.text(5)
        guard let owner = ConversationOwner(kind: kind, id: row.optionalText(6)) else {
            throw StoredValueError(column: "conversations.owner_kind", value: kind)
        }
        return ConversationSnapshot(
            id: ConversationRowID(row.int64(0)),
            key: ConversationKey(account: AccountID(row.text(1)), customer: CustomerID(row.text(2))),
            state: row.blob(3),
            slots: try JSONText.decodeMap(row.text(4)),
            owner: owner,
            createdAt: Instant(row.int64(7)),
            updatedAt: Instant(row.int64(8)),
            lastInboundAt: Instant(row.optionalInt64(9)),
            version: row.int64(10))
    }

    static func load(_ db: SQLiteConnection, key: ConversationKey) throws -> ConversationSnapshot? {
        try db.first(
            "SELECT \(columns) FROM conversations WHERE account = ?1 AND customer = ?2",
            [key.account.rawValue, key.customer.rawValue], snapshot)
    }

    static func load(_ db: SQLiteConnection, id: ConversationRowID) throws -> ConversationSnapshot? {
        try db.first("SELECT \(columns) FROM conversations WHERE id = ?1", [id.rawValue], snapshot)
    }

    static func setOwner(_ db: SQLiteConnection, _ id: ConversationRowID, _ owner: ConversationOwner, now: Instant) throws {
        let columns = owner.columns
        try db.run(
            "UPDATE conversations SET owner_kind = ?1, owner_id = ?2, updated_at = ?3, version = version + 1 WHERE id = ?4",
            [columns.kind, columns.id, now.milliseconds, id.rawValue])
    }
}

/// Appending to the event log.
enum EventRows {
    @discardableResult
    static func append(_ db: SQLiteConnection, conversation: ConversationRowID, event: EventRecord, at: Instant) throws
        -> Int64
    {
        try db.run(
            "INSERT INTO events (conversation_id, kind, at, actor, text, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            [conversation.rawValue, event.kind.rawValue, at.milliseconds, event.actor, event.text, event.detailJSON])
        return db.lastInsertRowID
    }

    static func list(_ db: SQLiteConnection, conversation: ConversationRowID, after: Int64, limit: Int) throws
        -> [StoredEvent]
    {
        try db.query(
            "SELECT id, kind, at, actor, text, detail FROM events WHERE conversation_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3",
            [conversation.rawValue, after, limit]
        ) { row in
            let kind = row.text(1)
            guard let eventKind = EventKind(rawValue: kind) else { throw StoredValueError(column: "events.kind", value: kind) }
            return StoredEvent(
                id: row.int64(0), kind: eventKind, at: Instant(row.int64(2)), actor: row.optionalText(3),
                text: row.text(4), detailJSON: row.text(5))
        }
    }
}

/// Appending to the outbox.
enum OutboxRows {
    /// The columns `entry(_:attempts:nextAttemptAt:)` reads, in order (outbox `o` joined to conversations `c`).
    static let entryColumns =
        "o.id, o.conversation_id, c.account, o.recipient, o.payload, o.delivery_id, o.attempts, o.last_error"

    /// A pending outbox row read through `entryColumns`.
    static func entry(_ row: SQLiteRow, attempts: Int, nextAttemptAt: Instant) -> OutboxEntry {
        OutboxEntry(
            id: OutboxMessageID(row.int64(0)), conversation: ConversationRowID(row.int64(1)),
            account: AccountID(row.text(2)), recipient: CustomerID(row.text(3)), payloadJSON: row.text(4),
            deliveryID: row.text(5), status: .pending, attempts: attempts, nextAttemptAt: nextAttemptAt,
            lastError: row.optionalText(7))
    }

    static func enqueue(
        _ db: SQLiteConnection, conversation: ConversationRowID, recipient: CustomerID, message: OutboundMessage,
        deliveryID: String, at: Instant
    ) throws -> OutboxMessageID {
        try db.run(
            """
            INSERT INTO outbox (conversation_id, recipient, payload, delivery_id, status, next_attempt_at, created_at)
            VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6)
            """,
            [conversation.rawValue, recipient.rawValue, message.payloadJSON, message.deliveryID ?? deliveryID,
             max(at.milliseconds, message.notBefore?.milliseconds ?? .min), at.milliseconds])
        return OutboxMessageID(db.lastInsertRowID)
    }
}
