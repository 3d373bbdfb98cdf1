import SwitchboardCore

/// The two-step journey of a webhook's DM: `receive` commits the inbox row (what the webhook's 200
/// promises), and `processReceived` runs the step later, in its own transaction, behind every
/// quick write. `waitingInbound` finds what was received and not yet processed (after a crash).
extension SQLiteStore {
    /// Commits the DM's inbox row, keeping what its step will need, and returns whether it was new
    /// (false for an event id seen before: nothing is written). The same limits as `process` apply.
    public func receive(_ inbound: InboundRecord) async throws -> Bool {
        try Self.validate(inbound)
        let sender = inbound.sender
        return try await write { db in
            try db.run(
                """
                INSERT INTO inbox (event_id, account, customer, received_at, text, detail, name, handle, followers)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING
                """,
                [inbound.eventID, inbound.key.account.rawValue, inbound.key.customer.rawValue, inbound.receivedAt.milliseconds,
                 inbound.text, inbound.detailJSON, sender?.name, sender?.handle, sender?.followers]) == 1
        }
    }

    /// Runs the step of a DM `receive` committed, with everything `process` writes, in one
    /// transaction that also marks the inbox row processed. Returns `.duplicate` when the row was
    /// processed already (or was never received). Deferred: these commits wait behind every quick
    /// write, and do not wait for the disk (the inbox row is durable, and the step runs again if
    /// a power loss takes its commit; the sender's claim of a reply is a durable commit that
    /// comes after, so no reply goes out from a step that could be lost).
    public func processReceived(
        _ inbound: InboundRecord, step: @escaping @Sendable (InboundContext) throws -> StepRecords
    ) async throws -> ProcessResult {
        let policy = policy
        let tone = tone.tone(of: inbound.text)
        return try await writer.perform(deferred: true) { db in
            try InboundProcessing(db: db, inbound: inbound, tone: tone, policy: policy).run(step, claim: .received)
        }
    }

    /// Gives up on a received DM whose step cannot run (it failed for a reason a retry would not
    /// change): its row stops waiting, so no restart tries it again. Returns whether it was waiting.
    @discardableResult
    public func abandonReceived(_ eventID: String) async throws -> Bool {
        try await write { db in
            try db.run(Self.stopWaiting, [eventID]) == 1
        }
    }

    /// DMs received and not yet processed, in the order they came, at most `limit`, after the one
    /// `after` names (nil: from the first).
    public func waitingInbound(after: InboundRecord? = nil, limit: Int) async throws -> [InboundRecord] {
        let bounded = max(0, min(limit, 10_000))
        return try await read { db in
            try db.query(
                Self.waitingInboundPage, [after?.receivedAt.milliseconds ?? Int64.min, after?.eventID ?? "", bounded]
            ) { row in
                let name = row.optionalText(6)
                let handle = row.optionalText(7)
                let followers = row.optionalInt64(8).map { Int(clamping: $0) }
                let sender = name == nil && handle == nil && followers == nil
                    ? nil : CustomerProfile(name: name, handle: handle, followers: followers)
                return InboundRecord(
                    eventID: row.text(0), key: ConversationKey(account: AccountID(row.text(1)), customer: CustomerID(row.text(2))),
                    text: row.text(4), receivedAt: Instant(milliseconds: row.int64(3)), sender: sender,
                    detailJSON: row.optionalText(5) ?? "{}")
            }
        }
    }

    /// How many DMs are received and not yet processed (for `/metrics`).
    public func waitingInboundCount() async throws -> Int {
        try await read { db in
            Int(try db.first(Self.waitingInboundTotal) { $0.int64(0) } ?? 0)
        }
    }

    /// Clears what a waiting row kept for its step (`?1`: its event id); changes no row when it
    /// waits no more. Run by the step itself (`InboundProcessing`) and when a DM is given up.
    static let stopWaiting = """
        UPDATE inbox SET text = NULL, detail = NULL, name = NULL, handle = NULL, followers = NULL
        WHERE event_id = ?1 AND text IS NOT NULL
        """

    /// Both read only the waiting rows, through `inbox_waiting` (the inbox keeps every event id ever seen).
    static let waitingInboundPage = """
        SELECT event_id, account, customer, received_at, text, detail, name, handle, followers FROM inbox
        WHERE text IS NOT NULL AND (received_at, event_id) > (?1, ?2) ORDER BY received_at, event_id LIMIT ?3
        """
    static let waitingInboundTotal = "SELECT count(*) FROM inbox WHERE text IS NOT NULL"

    static func validate(_ inbound: InboundRecord) throws {
        guard !inbound.eventID.isEmpty, inbound.eventID.utf8.count <= InboundRecord.maximumEventIDLength else {
            throw QueueError.invalidInput(
                "inbound event id must be 1–\(InboundRecord.maximumEventIDLength) bytes, got \(inbound.eventID.utf8.count)")
        }
        guard inbound.text.utf8.count <= InboundRecord.maximumTextBytes else {
            throw QueueError.invalidInput("inbound text is \(inbound.text.utf8.count) bytes; the limit is \(InboundRecord.maximumTextBytes)")
        }
    }
}
