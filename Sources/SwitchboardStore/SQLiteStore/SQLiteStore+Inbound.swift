public import SwitchboardCore

extension SQLiteStore {
    /// Most outbound messages one step may queue: X allows a handful per user before rate limits bite.
    static let maximumOutboxPerStep = 20
    /// Most extra events one step may log.
    static let maximumEventsPerStep = 100

    public func process(
        _ inbound: InboundRecord, step: @escaping @Sendable (InboundContext) throws -> StepRecords
    ) async throws -> ProcessResult {
        try Self.validate(inbound)
        let policy = policy
        let tone = tone.tone(of: inbound.text)
        return try await write { db in
            try InboundProcessing(db: db, inbound: inbound, tone: tone, policy: policy).run(step)
        }
    }

    public func conversation(_ key: ConversationKey) async throws -> ConversationSnapshot? {
        try await read { db in try ConversationRows.load(db, key: key) }
    }

    public func events(of conversation: ConversationRowID, after afterEvent: Int64, limit: Int) async throws
        -> [StoredEvent]
    {
        let bounded = min(max(limit, 0), EscalationDetail.maximumTranscript)
        return try await read { db in try EventRows.list(db, conversation: conversation, after: afterEvent, limit: bounded) }
    }
}

/// The work of one inbound message, inside its savepoint on the writer thread.
struct InboundProcessing {
    let db: SQLiteConnection
    let inbound: InboundRecord
    let tone: Tone
    let policy: QueuePolicy
    var now: Instant { inbound.receivedAt }

    /// How the message's inbox row is claimed before its step runs.
    enum Claim {
        /// Insert it now (a duplicate event id stops here): the one-transaction path.
        case insert
        /// It was received earlier (`SQLiteStore.receive`): clear what it kept while it waited; a
        /// row no longer waiting was processed already, and stops here.
        case received
    }

    func run(_ step: (InboundContext) throws -> StepRecords, claim: Claim = .insert) throws -> ProcessResult {
        let key = inbound.key
        switch claim {
        case .insert:
            let fresh = try db.run(
                "INSERT INTO inbox (event_id, account, customer, received_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                [inbound.eventID, key.account.rawValue, key.customer.rawValue, now.milliseconds])
            guard fresh == 1 else { return .duplicate }
        case .received:
            let waiting = try db.run(SQLiteStore.stopWaiting, [inbound.eventID])
            guard waiting == 1 else { return .duplicate }
        }

        var snapshot = try ConversationRows.load(db, key: key)
        let newContact = snapshot.map(isNewContact) ?? true
        var context = InboundContext(conversation: snapshot, tone: tone, csatScore: nil, reopened: nil)
        var assignment: EscalationAssignment?
        if let existing = snapshot {
            (context.csatScore, context.reopened, assignment) = try followUp(existing)
            if context.reopened != nil { snapshot = try ConversationRows.load(db, id: existing.id) }
            context.conversation = snapshot
        }

        let records = try step(context)
        guard records.outbox.count <= SQLiteStore.maximumOutboxPerStep,
            records.events.count <= SQLiteStore.maximumEventsPerStep
        else {
            throw QueueError.invalidInput(
                "a step produced \(records.outbox.count) messages and \(records.events.count) events; "
                    + "the limits are \(SQLiteStore.maximumOutboxPerStep) and \(SQLiteStore.maximumEventsPerStep)")
        }
        let conversation = try save(records, over: snapshot)
        try recordContact(conversation, isNewContact: newContact)
        let inboundEvent = try EventRows.append(
            db, conversation: conversation,
            event: EventRecord(kind: .inbound, text: inbound.text, detailJSON: inbound.detailJSON), at: now)
        for event in records.events { try EventRows.append(db, conversation: conversation, event: event, at: now) }
        var outbox: [OutboxMessageID] = []
        for (index, message) in records.outbox.enumerated() {
            try EventRows.append(
                db, conversation: conversation, event: EventRecord(kind: .outbound, text: message.text, actor: "bot"),
                at: now)
            outbox.append(
                try OutboxRows.enqueue(
                    db, conversation: conversation, recipient: key.customer, message: message,
                    deliveryID: "\(inbound.eventID)#\(index)", at: now))
        }
        var escalation = context.reopened
        if let request = records.escalation {
            let opened = try EscalationWriter.open(
                db, conversation: conversation, request: request, transcriptFrom: inboundEvent, now: now,
                policy: policy)
            escalation = opened.0
            assignment = opened.1 ?? assignment
        } else if escalation == nil, snapshot.map({ $0.owner != .bot }) ?? false {
            // Open escalation ⇔ the owner is not the bot: only then is there one to report.
            escalation = try db.first(
                "SELECT id FROM escalations WHERE conversation_id = ?1 AND status <> 'resolved'", [conversation.rawValue],
                { EscalationID($0.int64(0)) })
        }
        return .processed(
            ProcessedInbound(
                conversation: conversation, outbox: outbox, escalation: escalation, assignedTo: assignment?.agent))
    }

    func isNewContact(_ snapshot: ConversationSnapshot) -> Bool {
        guard let last = snapshot.lastInboundAt else { return true }
        return now.milliseconds(since: last) >= policy.contactGapMinutes * 60_000
    }

    /// The message's tone, and a contact when it starts one, under the conversation's id (which
    /// grows with each new customer, so a new customer's rows go to the end of both indexes).
    func recordContact(_ conversation: ConversationRowID, isNewContact: Bool) throws {
        try db.run(
            "INSERT INTO tones (conversation_id, at, score, label) VALUES (?1, ?2, ?3, ?4)",
            [conversation.rawValue, now.milliseconds, tone.score, tone.label.rawValue])
        if isNewContact {
            try db.run(
                "INSERT INTO contacts (conversation_id, at) VALUES (?1, ?2)", [conversation.rawValue, now.milliseconds])
        }
    }

    /// A message after a resolution is either the CSAT answer, or (within the window) a reason to
    /// reopen the escalation.
    func followUp(_ snapshot: ConversationSnapshot) throws -> (Int?, EscalationID?, EscalationAssignment?) {
        guard snapshot.owner == .bot, let latest = try EscalationRows.latest(db, conversation: snapshot.id),
            latest.status == .resolved, let resolvedAt = latest.resolvedAt
        else { return (nil, nil, nil) }
        if latest.csatRequestedAt != nil, latest.csat == nil, let score = CSATAnswer.score(in: inbound.text) {
            try db.run("UPDATE escalations SET csat = ?1 WHERE id = ?2", [score, latest.id.rawValue])
            return (score, nil, nil)
        }
        guard now.milliseconds(since: resolvedAt) <= policy.reopenWindowMinutes * 60_000 else { return (nil, nil, nil) }
        try db.run(
            """
            UPDATE escalations SET status = 'waiting', agent_id = NULL, resolved_at = NULL, resolved_by = NULL,
                reopened_count = reopened_count + 1 WHERE id = ?1
            """, [latest.id.rawValue])
        try ConversationRows.setOwner(db, snapshot.id, .queue(latest.queue), now: now)
        try EventRows.append(
            db, conversation: snapshot.id,
            event: EventRecord(kind: .system, text: "reopened: the customer wrote again after resolution"), at: now)
        var assignment: EscalationAssignment?
        // The agent who resolved it knows the case: they get it back if they have room.
        if let previous = latest.resolvedBy, try hasRoom(previous),
            let conversation = try EscalationWriter.give(db, latest.id, to: previous, now: now, how: "reopened and given back")
        {
            assignment = EscalationAssignment(escalation: latest.id, agent: previous, conversation: conversation)
        } else if policy.autoAssign {
            assignment = try EscalationWriter.assign(db, queues: [latest.queue], now: now, policy: policy)
                .first { $0.escalation == latest.id }
        }
        return (nil, latest.id, assignment)
    }

    func hasRoom(_ agent: AgentID) throws -> Bool {
        try db.first(
            """
            SELECT a.availability = 'online' AND a.capacity >
                (SELECT count(*) FROM escalations e WHERE e.agent_id = a.id AND e.status = 'assigned')
            FROM agents a WHERE a.id = ?1
            """, [agent.rawValue], { $0.int64(0) != 0 }) ?? false
    }

    /// Inserts or updates the conversation with the step's state and what the channel told us of the
    /// customer (name, handle, followers: kept in the conversation's row, one per customer and
    /// account, so a new customer dirties no index page of its own for them); returns its id.
    func save(_ records: StepRecords, over snapshot: ConversationSnapshot?) throws -> ConversationRowID {
        let slots = JSONText.encode(records.slots)
        let sender = inbound.sender
        guard let snapshot else {
            try db.run(
                """
                INSERT INTO conversations (account, customer, state, slots, owner_kind, owner_id, created_at, updated_at,
                    last_inbound_at, version, name, handle, followers)
                VALUES (?1, ?2, ?3, ?4, 'bot', NULL, ?5, ?5, ?5, 1, ?6, ?7, ?8)
                """,
                [inbound.key.account.rawValue, inbound.key.customer.rawValue, records.state, slots,
                 now.milliseconds, sender?.name, sender?.handle, sender?.followers ?? 0])
            return ConversationRowID(db.lastInsertRowID)
        }
        try db.run(
            """
            UPDATE conversations SET state = ?1, slots = ?2, updated_at = ?3, last_inbound_at = ?3, version = version + 1,
                name = coalesce(?5, name), handle = coalesce(?6, handle), followers = coalesce(?7, followers)
            WHERE id = ?4
            """, [records.state, slots, now.milliseconds, snapshot.id.rawValue, sender?.name, sender?.handle, sender?.followers])
        return snapshot.id
    }
}
