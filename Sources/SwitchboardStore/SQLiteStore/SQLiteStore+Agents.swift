public import SwitchboardCore

extension SQLiteStore {
    public func register(_ agent: AgentRegistration, now: Instant) async throws {
        let limit = AgentRegistration.maximumLabelLength
        guard !agent.id.rawValue.isEmpty, agent.id.rawValue.count <= limit, agent.name.count <= limit,
            agent.queues.allSatisfy({ !$0.rawValue.isEmpty && $0.rawValue.count <= limit })
        else {
            throw QueueError.invalidInput("agent id, name and queue names must be 1–\(limit) characters")
        }
        guard (0...AgentRegistration.maximumCapacity).contains(agent.capacity) else {
            throw QueueError.invalidInput(
                "capacity must be between 0 and \(AgentRegistration.maximumCapacity), not \(agent.capacity)")
        }
        let hash = agent.token.map(TokenHash.digest)
        let policy = policy
        _ = try await write { db in
            try db.run(
                """
                INSERT INTO agents (id, name, capacity, availability, token_hash, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, capacity = excluded.capacity,
                    availability = excluded.availability, token_hash = coalesce(excluded.token_hash, token_hash),
                    updated_at = excluded.updated_at
                """,
                [agent.id.rawValue, agent.name, agent.capacity, agent.availability.rawValue, hash, now.milliseconds])
            try db.run("DELETE FROM agent_queues WHERE agent_id = ?1", [agent.id.rawValue])
            for queue in agent.queues.sorted() {
                try db.run("INSERT INTO agent_queues (agent_id, queue) VALUES (?1, ?2)", [agent.id.rawValue, queue.rawValue])
            }
            guard policy.autoAssign, agent.availability == .online else { return [EscalationAssignment]() }
            return try EscalationWriter.assign(db, queues: Array(agent.queues), now: now, policy: policy)
        }
    }

    public func agents() async throws -> [Agent] {
        try await read { db in try AgentRows.list(db, where: "1", []) }
    }

    public func agent(token: String) async throws -> Agent? {
        let hash = TokenHash.digest(token)
        return try await read { db in try AgentRows.list(db, where: "a.token_hash = ?1", [hash]).first }
    }

    public func setAvailability(_ availability: Availability, of agent: AgentID, now: Instant) async throws
        -> [EscalationAssignment]
    {
        let policy = policy
        return try await write { db in
            let changed = try db.run(
                "UPDATE agents SET availability = ?1, updated_at = ?2 WHERE id = ?3",
                [availability.rawValue, now.milliseconds, agent.rawValue])
            guard changed == 1 else { throw QueueError.agentNotFound(agent) }
            guard policy.autoAssign, availability == .online else { return [] }
            return try EscalationWriter.assign(db, queues: AgentRows.queues(db, agent), now: now, policy: policy)
        }
    }
}

/// Reading agent rows.
enum AgentRows {
    static func list(_ db: SQLiteConnection, where condition: String, _ values: [any SQLiteBindable]) throws -> [Agent] {
        try db.query(
            """
            SELECT a.id, a.name, a.capacity, a.availability,
                (SELECT group_concat(queue, char(10)) FROM (SELECT queue FROM agent_queues q WHERE q.agent_id = a.id ORDER BY queue)),
                (SELECT count(*) FROM escalations e WHERE e.agent_id = a.id AND e.status = 'assigned')
            FROM agents a WHERE \(condition) ORDER BY a.id
            """, values
        ) { row in
            let text = row.text(3)
            guard let availability = Availability(rawValue: text) else {
                throw StoredValueError(column: "agents.availability", value: text)
            }
            return Agent(
                id: AgentID(row.text(0)), name: row.text(1),
                queues: row.text(4).split(separator: "\n").map { QueueID(String($0)) }, capacity: Int(row.int64(2)),
                availability: availability, load: Int(row.int64(5)))
        }
    }

    static func require(_ db: SQLiteConnection, _ agent: AgentID) throws -> Agent {
        guard let found = try list(db, where: "a.id = ?1", [agent.rawValue]).first else {
            throw QueueError.agentNotFound(agent)
        }
        return found
    }

    static func queues(_ db: SQLiteConnection, _ agent: AgentID) throws -> [QueueID] {
        try db.query("SELECT queue FROM agent_queues WHERE agent_id = ?1", [agent.rawValue]) { QueueID($0.text(0)) }
    }
}
