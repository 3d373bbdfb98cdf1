import SwitchboardCore

/// Reading and writing escalation rows.
enum EscalationRows {
    static let columns = """
        e.id, e.conversation_id, c.account, c.customer, c.name, c.handle, e.queue, e.reason, e.intents, e.status,
        e.agent_id, e.priority, e.explanation, e.created_at, e.first_response_at, e.resolved_at, e.resolved_by,
        e.frt_at_risk_at, e.frt_due_at, e.resolution_at_risk_at, e.resolution_due_at, e.csat, e.reopened_count
        """
    static let from = """
        FROM escalations e JOIN conversations c ON c.id = e.conversation_id
        """

    static func summary(_ row: SQLiteRow, now: Instant, policy: QueuePolicy) throws -> EscalationSummary {
        let reasonText = row.text(7)
        guard let reason = EscalationReason(rawValue: reasonText) else {
            throw StoredValueError(column: "escalations.reason", value: reasonText)
        }
        let statusText = row.text(9)
        guard let status = EscalationStatus(rawValue: statusText) else {
            throw StoredValueError(column: "escalations.status", value: statusText)
        }
        let base = Priority(contributions: try JSONText.decode([PriorityContribution].self, from: row.text(12)))
        let createdAt = Instant(row.int64(13))
        let firstResponseAt = Instant(row.optionalInt64(14))
        let resolvedAt = Instant(row.optionalInt64(15))
        let deadlines = SLADeadlines(
            firstResponseAtRisk: Instant(row.optionalInt64(17)), firstResponseDue: Instant(row.optionalInt64(18)),
            resolutionAtRisk: Instant(row.optionalInt64(19)), resolutionDue: Instant(row.optionalInt64(20)))
        let clockEnd = status == .resolved ? (resolvedAt ?? now) : now
        return EscalationSummary(
            id: EscalationID(row.int64(0)),
            conversation: ConversationRowID(row.int64(1)),
            key: ConversationKey(account: AccountID(row.text(2)), customer: CustomerID(row.text(3))),
            customerName: row.optionalText(4),
            customerHandle: row.optionalText(5),
            queue: QueueID(row.text(6)),
            reason: reason,
            intents: try JSONText.decode([IntentConfidence].self, from: row.text(8)),
            status: status,
            agent: row.optionalText(10).map(AgentID.init),
            priority: policy.priority.priority(base: base, createdAt: createdAt, now: clockEnd),
            createdAt: createdAt,
            firstResponseAt: firstResponseAt,
            resolvedAt: resolvedAt,
            resolvedBy: row.optionalText(16).map(AgentID.init),
            deadlines: deadlines,
            sla: deadlines.state(now: now, firstResponseAt: firstResponseAt, resolvedAt: resolvedAt),
            csat: row.optionalInt64(21).map { Int($0) },
            reopenedCount: Int(row.int64(22)))
    }

    static func load(_ db: SQLiteConnection, _ id: EscalationID, now: Instant, policy: QueuePolicy) throws
        -> EscalationSummary
    {
        guard
            let summary = try db.first("SELECT \(columns) \(from) WHERE e.id = ?1", [id.rawValue], {
                try summary($0, now: now, policy: policy)
            })
        else { throw QueueError.escalationNotFound(id) }
        return summary
    }

    /// Lists by priority at `now`. The SLA filter compares the stored deadlines with `now` in SQL,
    /// so the page is filled from the index without computing every row's state.
    static func list(_ db: SQLiteConnection, _ filter: EscalationFilter, now: Instant, policy: QueuePolicy) throws
        -> [EscalationSummary]
    {
        let (sql, values) = listQuery(filter, now: now)
        return try db.query(sql, values) { try summary($0, now: now, policy: policy) }
    }

    /// How many escalations match `filter` at `now` (its limit aside): the SLA gauges count with
    /// this instead of loading a page.
    static func count(_ db: SQLiteConnection, _ filter: EscalationFilter, now: Instant) throws -> Int {
        let (sql, values) = countQuery(filter, now: now)
        return Int(try db.first(sql, values) { $0.int64(0) } ?? 0)
    }

    /// The SQL and values of `list`.
    static func listQuery(_ filter: EscalationFilter, now: Instant) -> (sql: String, values: [any SQLiteBindable]) {
        var (conditions, values) = matching(filter, now: now)
        values.append(min(max(filter.limit, 0), EscalationFilter.maximumLimit))
        let sql = """
            SELECT \(columns) \(from) WHERE \(conditions)
            ORDER BY e.rank_key DESC, e.created_at, e.id LIMIT ?\(values.count)
            """
        return (sql, values)
    }

    /// The SQL and values of `count`.
    static func countQuery(_ filter: EscalationFilter, now: Instant) -> (sql: String, values: [any SQLiteBindable]) {
        let (conditions, values) = matching(filter, now: now)
        return ("SELECT count(*) FROM escalations e WHERE \(conditions)", values)
    }

    /// The WHERE conditions of `filter` (on `escalations e`) and their values. Open escalations are
    /// read from the partial indexes on `status <> 'resolved'`, which SQLite uses only when the
    /// query states that condition: a filter on `waiting` or `assigned` states it too, or it would
    /// scan every escalation ever made.
    static func matching(_ filter: EscalationFilter, now: Instant) -> (conditions: String, values: [any SQLiteBindable]) {
        var conditions: [String] = []
        var values: [any SQLiteBindable] = []
        func parameter(_ value: any SQLiteBindable) -> String {
            values.append(value)
            return "?\(values.count)"
        }
        if let status = filter.status {
            if status != .resolved { conditions.append("e.status <> 'resolved'") }
            conditions.append("e.status = \(parameter(status.rawValue))")
        } else {
            conditions.append("e.status <> 'resolved'")
        }
        if let queue = filter.queue { conditions.append("e.queue = \(parameter(queue.rawValue))") }
        if let agent = filter.agent { conditions.append("e.agent_id = \(parameter(agent.rawValue))") }
        if let sla = filter.sla {
            let at = parameter(now.milliseconds)  // one placeholder, used by each comparison below
            // Never-open hours store NULL deadlines: they never turn at risk or breached.
            let never = "9223372036854775807"
            let frtBreached = """
                (e.first_response_at IS NULL AND IFNULL(e.frt_due_at, \(never)) <= \(at) \
                OR IFNULL(e.first_response_at > e.frt_due_at, 0))
                """
            let resBreached = """
                (e.resolved_at IS NULL AND IFNULL(e.resolution_due_at, \(never)) <= \(at) \
                OR IFNULL(e.resolved_at > e.resolution_due_at, 0))
                """
            let frtAtRisk = "(e.first_response_at IS NULL AND IFNULL(e.frt_at_risk_at, \(never)) <= \(at))"
            let resAtRisk = "(e.resolved_at IS NULL AND IFNULL(e.resolution_at_risk_at, \(never)) <= \(at))"
            switch sla {
            case .breached: conditions.append("(\(frtBreached) OR \(resBreached))")
            case .atRisk: conditions.append("NOT (\(frtBreached) OR \(resBreached)) AND (\(frtAtRisk) OR \(resAtRisk))")
            case .ok: conditions.append("NOT (\(frtBreached) OR \(resBreached) OR \(frtAtRisk) OR \(resAtRisk))")
            }
        }
        return (conditions.joined(separator: " AND "), values)
    }

    /// The latest escalation of a conversation, with the columns reopening needs.
    static func latest(_ db: SQLiteConnection, conversation: ConversationRowID) throws -> LatestEscalation? {
        try db.first(
            """
            SELECT id, status, queue, resolved_by, resolved_at, csat_requested_at, csat
            FROM escalations WHERE conversation_id = ?1 ORDER BY id DESC LIMIT 1
            """, [conversation.rawValue]
        ) { row in
            LatestEscalation(
                id: EscalationID(row.int64(0)), status: EscalationStatus(rawValue: row.text(1)),
                queue: QueueID(row.text(2)), resolvedBy: row.optionalText(3).map(AgentID.init),
                resolvedAt: Instant(row.optionalInt64(4)), csatRequestedAt: Instant(row.optionalInt64(5)),
                csat: row.optionalInt64(6))
        }
    }

    struct LatestEscalation {
        var id: EscalationID
        var status: EscalationStatus?
        var queue: QueueID
        var resolvedBy: AgentID?
        var resolvedAt: Instant?
        var csatRequestedAt: Instant?
        var csat: Int64?
    }

    /// The owner and status an operation checks before changing an escalation.
    struct Ownership {
        var status: EscalationStatus
        var agent: AgentID?
        var queue: QueueID
        var conversation: ConversationRowID
        var customer: CustomerID
    }

    static func ownership(_ db: SQLiteConnection, _ id: EscalationID) throws -> Ownership {
        let found = try db.first(
            """
            SELECT e.status, e.agent_id, e.queue, e.conversation_id, c.customer
            FROM escalations e JOIN conversations c ON c.id = e.conversation_id WHERE e.id = ?1
            """, [id.rawValue]
        ) { row -> Ownership in
            let text = row.text(0)
            guard let status = EscalationStatus(rawValue: text) else {
                throw StoredValueError(column: "escalations.status", value: text)
            }
            return Ownership(
                status: status, agent: row.optionalText(1).map(AgentID.init), queue: QueueID(row.text(2)),
                conversation: ConversationRowID(row.int64(3)), customer: CustomerID(row.text(4)))
        }
        guard let found else { throw QueueError.escalationNotFound(id) }
        return found
    }

    /// Checks that `agent` owns the open escalation `id`.
    static func requireOwner(_ db: SQLiteConnection, _ id: EscalationID, _ agent: AgentID) throws -> Ownership {
        let ownership = try ownership(db, id)
        guard ownership.status != .resolved else { throw QueueError.alreadyResolved(id) }
        guard ownership.agent == agent else { throw QueueError.notOwner(id, agent: agent, owner: ownership.agent) }
        return ownership
    }
}
