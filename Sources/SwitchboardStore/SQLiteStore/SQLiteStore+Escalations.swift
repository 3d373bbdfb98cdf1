public import SwitchboardCore

extension SQLiteStore {
    /// Agent replies and notes are at most this long (X DMs are at most 10,000 characters).
    static let maximumAgentText = 10_000

    public func escalations(_ filter: EscalationFilter, now: Instant) async throws -> [EscalationSummary] {
        let policy = policy
        return try await read { db in try EscalationRows.list(db, filter, now: now, policy: policy) }
    }

    /// How many escalations match `filter` at `now`, however many there are (`filter.limit` does
    /// not apply): for gauges such as the SLA breaches in `/metrics`.
    public func escalationCount(_ filter: EscalationFilter, now: Instant) async throws -> Int {
        try await read { db in try EscalationRows.count(db, filter, now: now) }
    }

    public func escalation(_ id: EscalationID, now: Instant) async throws -> EscalationDetail {
        let policy = policy
        return try await read { db in
            let summary = try EscalationRows.load(db, id, now: now, policy: policy)
            let from = try db.first(
                "SELECT transcript_from_event FROM escalations WHERE id = ?1", [id.rawValue], { $0.int64(0) }) ?? 0
            let before = try db.first(
                "SELECT min(id) FROM (SELECT id FROM events WHERE conversation_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3)",
                [summary.conversation.rawValue, from, EscalationDetail.transcriptContext], { $0.optionalInt64(0) }) ?? nil
            let transcript = try EventRows.list(
                db, conversation: summary.conversation, after: (before ?? from) - 1, limit: EscalationDetail.maximumTranscript)
            let customer = try CustomerRows.history(db, summary.key, now: now, policy: policy)
            return EscalationDetail(summary: summary, transcript: transcript, customer: customer)
        }
    }

    public func claim(_ id: EscalationID, by agent: AgentID, now: Instant) async throws -> EscalationSummary {
        let policy = policy
        return try await write { db in
            let ownership = try EscalationRows.ownership(db, id)
            switch ownership.status {
            case .resolved: throw QueueError.alreadyResolved(id)
            case .assigned:
                guard ownership.agent == agent else {
                    throw QueueError.alreadyClaimed(id, by: ownership.agent ?? agent)
                }
            case .waiting:
                let found = try AgentRows.require(db, agent)
                guard found.load < found.capacity else { throw QueueError.atCapacity(agent, capacity: found.capacity) }
                guard try EscalationWriter.give(db, id, to: agent, now: now, how: "claimed") != nil else {
                    throw QueueError.alreadyClaimed(id, by: try EscalationRows.ownership(db, id).agent ?? agent)
                }
            }
            return try EscalationRows.load(db, id, now: now, policy: policy)
        }
    }

    public func release(_ id: EscalationID, by agent: AgentID, now: Instant) async throws -> [EscalationAssignment] {
        let policy = policy
        return try await write { db in
            let ownership = try EscalationRows.requireOwner(db, id, agent)
            try Self.backToQueue(db, id, ownership: ownership, queue: ownership.queue, now: now, text: "released by \(agent)", actor: agent)
            guard policy.autoAssign else { return [] }
            return try EscalationWriter.assign(db, queues: [ownership.queue], excluding: agent, now: now, policy: policy)
        }
    }

    public func transfer(_ id: EscalationID, by agent: AgentID, to target: TransferTarget, now: Instant) async throws
        -> [EscalationAssignment]
    {
        let policy = policy
        return try await write { db in
            let ownership = try EscalationRows.requireOwner(db, id, agent)
            switch target {
            case .queue(let queue):
                try Self.backToQueue(db, id, ownership: ownership, queue: queue, now: now, text: "transferred to \(queue) by \(agent)", actor: agent)
                guard policy.autoAssign else { return [] }
                return try EscalationWriter.assign(db, queues: [queue], excluding: agent, now: now, policy: policy)
            case .agent(let other):
                let found = try AgentRows.require(db, other)
                guard found.load < found.capacity else { throw QueueError.atCapacity(other, capacity: found.capacity) }
                try db.run("UPDATE escalations SET agent_id = ?1 WHERE id = ?2", [other.rawValue, id.rawValue])
                try ConversationRows.setOwner(db, ownership.conversation, .agent(other), now: now)
                try EventRows.append(
                    db, conversation: ownership.conversation,
                    event: EventRecord(kind: .system, text: "transferred to \(other) by \(agent)", actor: agent.rawValue),
                    at: now)
                return [EscalationAssignment(escalation: id, agent: other, conversation: ownership.conversation)]
            }
        }
    }

    static func backToQueue(
        _ db: SQLiteConnection, _ id: EscalationID, ownership: EscalationRows.Ownership, queue: QueueID, now: Instant,
        text: String, actor: AgentID
    ) throws {
        try db.run(
            "UPDATE escalations SET status = 'waiting', agent_id = NULL, queue = ?1 WHERE id = ?2",
            [queue.rawValue, id.rawValue])
        try ConversationRows.setOwner(db, ownership.conversation, .queue(queue), now: now)
        try EventRows.append(
            db, conversation: ownership.conversation, event: EventRecord(kind: .system, text: text, actor: actor.rawValue),
            at: now)
    }

    public func reply(_ id: EscalationID, by agent: AgentID, message: OutboundMessage, now: Instant) async throws
        -> OutboxMessageID
    {
        try Self.checkAgentText(message.text)
        return try await write { db in
            let ownership = try EscalationRows.requireOwner(db, id, agent)
            let event = try EventRows.append(
                db, conversation: ownership.conversation,
                event: EventRecord(kind: .agent, text: message.text, actor: agent.rawValue), at: now)
            try db.run(
                "UPDATE escalations SET first_response_at = coalesce(first_response_at, ?1) WHERE id = ?2",
                [now.milliseconds, id.rawValue])
            return try OutboxRows.enqueue(
                db, conversation: ownership.conversation, recipient: ownership.customer, message: message,
                deliveryID: "agent-\(event)", at: now)
        }
    }

    public func note(_ id: EscalationID, by agent: AgentID, text: String, now: Instant) async throws {
        try Self.checkAgentText(text)
        try await write { db in
            _ = try AgentRows.require(db, agent)
            let ownership = try EscalationRows.ownership(db, id)
            try EventRows.append(
                db, conversation: ownership.conversation, event: EventRecord(kind: .note, text: text, actor: agent.rawValue),
                at: now)
        }
    }

    public func resolve(_ id: EscalationID, by agent: AgentID, csatQuestion: OutboundMessage?, now: Instant) async throws
        -> [EscalationAssignment]
    {
        let policy = policy
        return try await write { db in
            let ownership = try EscalationRows.ownership(db, id)
            switch ownership.status {
            case .resolved: throw QueueError.alreadyResolved(id)
            case .assigned where ownership.agent != agent:
                throw QueueError.notOwner(id, agent: agent, owner: ownership.agent)
            case .assigned, .waiting:
                _ = try AgentRows.require(db, agent)  // any agent may close a waiting escalation (spam, duplicates)
            }
            try db.run(
                """
                UPDATE escalations SET status = 'resolved', agent_id = NULL, resolved_at = ?1, resolved_by = ?2,
                    csat_requested_at = ?3, csat = NULL WHERE id = ?4
                """,
                [now.milliseconds, agent.rawValue, csatQuestion == nil ? nil : now.milliseconds,
                 id.rawValue])
            try ConversationRows.setOwner(db, ownership.conversation, .bot, now: now)
            let event = try EventRows.append(
                db, conversation: ownership.conversation,
                event: EventRecord(kind: .system, text: "resolved by \(agent); back to the bot", actor: agent.rawValue),
                at: now)
            if let csatQuestion {
                try EventRows.append(
                    db, conversation: ownership.conversation,
                    event: EventRecord(kind: .outbound, text: csatQuestion.text, actor: agent.rawValue), at: now)
                _ = try OutboxRows.enqueue(
                    db, conversation: ownership.conversation, recipient: ownership.customer, message: csatQuestion,
                    deliveryID: "csat-\(event)", at: now)
            }
            guard policy.autoAssign else { return [] }
            return try EscalationWriter.assign(db, queues: AgentRows.queues(db, agent), now: now, policy: policy)
        }
    }

    public func recordCSAT(_ score: Int, for id: EscalationID) async throws {
        guard (1...5).contains(score) else { throw QueueError.invalidCSAT(score) }
        try await write { db in
            guard try EscalationRows.ownership(db, id).status == .resolved else { throw QueueError.notResolved(id) }
            try db.run("UPDATE escalations SET csat = ?1 WHERE id = ?2", [score, id.rawValue])
        }
    }

    public func customerHistory(_ key: ConversationKey, now: Instant) async throws -> CustomerHistory {
        let policy = policy
        return try await read { db in try CustomerRows.history(db, key, now: now, policy: policy) }
    }

    static func checkAgentText(_ text: String) throws {
        guard !text.isEmpty, text.count <= maximumAgentText else {
            throw QueueError.invalidInput("a reply or note must be 1–\(maximumAgentText) characters, not \(text.count)")
        }
    }
}
