import SwitchboardCore

/// Opening escalations and giving them to agents, inside the caller's transaction.
enum EscalationWriter {
    /// Opens an escalation for the conversation (or returns the open one), and moves the
    /// conversation to the queue. Returns the id and the assignment made at once, if any.
    static func open(
        _ db: SQLiteConnection, conversation: ConversationRowID, request: EscalationRequest,
        transcriptFrom: Int64, now: Instant, policy: QueuePolicy
    ) throws -> (EscalationID, EscalationAssignment?) {
        if let open = try db.first(
            "SELECT id FROM escalations WHERE conversation_id = ?1 AND status <> 'resolved'", [conversation.rawValue],
            { EscalationID($0.int64(0)) })
        {
            return (open, nil)
        }
        let inputs = try priorityInputs(db, conversation: conversation, reason: request.reason, now: now, policy: policy)
        let base = policy.priority.basePriority(inputs)
        let deadlines = policy.sla(for: request.queue).deadlines(start: now, hours: policy.hours(for: request.queue))
        try db.run(
            """
            INSERT INTO escalations (conversation_id, queue, reason, intents, transcript_from_event, status, priority,
                rank_key, explanation, created_at, frt_at_risk_at, frt_due_at, resolution_at_risk_at, resolution_due_at)
            VALUES (?1, ?2, ?3, ?4, ?5, 'waiting', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            """,
            [
                conversation.rawValue, request.queue.rawValue, request.reason.rawValue,
                JSONText.encode(request.intents), transcriptFrom, base.score,
                policy.priority.rankKey(baseScore: base.score, createdAt: now), JSONText.encode(base.contributions),
                now.milliseconds, deadlines.firstResponseAtRisk?.milliseconds,
                deadlines.firstResponseDue?.milliseconds, deadlines.resolutionAtRisk?.milliseconds,
                deadlines.resolutionDue?.milliseconds,
            ])
        let id = EscalationID(db.lastInsertRowID)
        try ConversationRows.setOwner(db, conversation, .queue(request.queue), now: now)
        try EventRows.append(
            db, conversation: conversation,
            event: EventRecord(
                kind: .system, text: "escalated to \(request.queue): \(request.reason.rawValue); \(base.explanation)",
                detailJSON: JSONText.encode(["escalation": String(id.rawValue)])),
            at: now)
        let assigned = policy.autoAssign ? try assign(db, queues: [request.queue], now: now, policy: policy) : []
        return (id, assigned.first { $0.escalation == id })
    }

    static func priorityInputs(
        _ db: SQLiteConnection, conversation: ConversationRowID, reason: EscalationReason, now: Instant,
        policy: QueuePolicy
    ) throws -> PriorityInputs {
        let followers = try db.first(
            "SELECT followers FROM conversations WHERE id = ?1", [conversation.rawValue], { Int($0.int64(0)) }) ?? 0
        let since = now.adding(minutes: -policy.contactWindowDays * 24 * 60).milliseconds
        let contacts = try db.first(
            "SELECT count(*) FROM contacts WHERE conversation_id = ?1 AND at >= ?2", [conversation.rawValue, since],
            { Int($0.int64(0)) }) ?? 0
        let labels = try db.query(
            "SELECT label FROM tones WHERE conversation_id = ?1 ORDER BY at DESC, rowid DESC LIMIT ?2",
            [conversation.rawValue, policy.recentTones], { ToneLabel(rawValue: $0.text(0)) ?? .neutral })
        let severity: [ToneLabel] = [.veryNegative, .negative, .neutral, .positive]
        let tone = severity.first(where: labels.contains) ?? .neutral
        return PriorityInputs(tone: tone, followers: followers, contactsThisWeek: max(1, contacts), reason: reason)
    }

    /// The best-ranked waiting escalations of queue `?1`, at most `?2`. `status <> 'resolved'` is
    /// the condition of the partial index `escalations_open_by_queue`; SQLite uses a partial index
    /// only when the query states its condition, and without it this read every escalation ever
    /// made and sorted them, each time an agent had room.
    static let waitingInQueue = """
        SELECT id, rank_key, created_at FROM escalations
        WHERE queue = ?1 AND status <> 'resolved' AND status = 'waiting'
        ORDER BY rank_key DESC, created_at, id LIMIT ?2
        """

    /// Gives waiting escalations of `queues` to online agents with free capacity (see `AutoAssigner`).
    static func assign(
        _ db: SQLiteConnection, queues: [QueueID], excluding: AgentID? = nil, now: Instant, policy: QueuePolicy
    ) throws -> [EscalationAssignment] {
        var agents: [AgentID: AgentLoad] = [:]
        var waiting: [WaitingEscalation] = []
        for queue in Set(queues) {
            let candidates = try db.query(
                """
                SELECT a.id, a.capacity,
                    (SELECT count(*) FROM escalations e WHERE e.agent_id = a.id AND e.status = 'assigned')
                FROM agents a JOIN agent_queues q ON q.agent_id = a.id
                WHERE q.queue = ?1 AND a.availability = 'online'
                """, [queue.rawValue]
            ) { row in
                AgentLoad(
                    id: AgentID(row.text(0)), queues: [], availability: .online, capacity: Int(row.int64(1)),
                    load: Int(row.int64(2)))
            }
            var free = 0
            for candidate in candidates where candidate.id != excluding && candidate.load < candidate.capacity {
                agents[candidate.id, default: candidate].queues.insert(queue)
                free += candidate.capacity - candidate.load
            }
            guard free > 0 else { continue }
            waiting += try db.query(waitingInQueue, [queue.rawValue, free]) { row in
                WaitingEscalation(
                    id: row.int64(0), queue: queue, rank: row.double(1), createdAt: Instant(row.int64(2)))
            }
        }
        var made: [EscalationAssignment] = []
        for assignment in AutoAssigner.assignments(waiting: waiting, agents: Array(agents.values)) {
            let id = EscalationID(assignment.escalationID)
            if let conversation = try give(db, id, to: assignment.agent, now: now, how: "assigned automatically") {
                made.append(EscalationAssignment(escalation: id, agent: assignment.agent, conversation: conversation))
            }
        }
        return made
    }

    /// Gives a waiting escalation to `agent`; nil if it was not waiting (someone else won).
    ///
    /// The conditional UPDATE is what makes a claim atomic, on any backend: of two claims, only one
    /// finds the row still waiting.
    static func give(_ db: SQLiteConnection, _ id: EscalationID, to agent: AgentID, now: Instant, how: String) throws
        -> ConversationRowID?
    {
        let changed = try db.run(
            "UPDATE escalations SET status = 'assigned', agent_id = ?1 WHERE id = ?2 AND status = 'waiting'",
            [agent.rawValue, id.rawValue])
        guard changed == 1 else { return nil }
        guard
            let conversation = try db.first(
                "SELECT conversation_id FROM escalations WHERE id = ?1", [id.rawValue], { ConversationRowID($0.int64(0)) })
        else { return nil }
        try ConversationRows.setOwner(db, conversation, .agent(agent), now: now)
        try EventRows.append(
            db, conversation: conversation,
            event: EventRecord(kind: .system, text: "\(how) to \(agent)", actor: agent.rawValue), at: now)
        return conversation
    }
}
