import SwitchboardCore

/// Reading a customer's history.
enum CustomerRows {
    /// The trend compares the average tone of the older and newer halves of the recent points.
    static let trendThreshold = 0.15

    static func history(_ db: SQLiteConnection, _ key: ConversationKey, now: Instant, policy: QueuePolicy) throws
        -> CustomerHistory
    {
        let customer = [key.account.rawValue, key.customer.rawValue] as [any SQLiteBindable]
        let limit = CustomerHistory.maximumItems
        var history = CustomerHistory(
            key: key, name: nil, handle: nil, followers: 0, firstSeenAt: nil, contacts: 0, contactsThisWeek: 0,
            escalations: [], averageCSAT: nil, tones: [], toneTrend: .unknown)
        // The customer's profile, contacts and tones live with their conversation (one per account).
        guard
            let conversation = try db.first(
                "SELECT id, name, handle, followers, created_at FROM conversations WHERE account = ?1 AND customer = ?2",
                customer,
                { row in
                    history.name = row.optionalText(1)
                    history.handle = row.optionalText(2)
                    history.followers = Int(row.int64(3))
                    history.firstSeenAt = Instant(row.int64(4))
                    return row.int64(0)
                })
        else { return history }
        let since = now.adding(minutes: -policy.contactWindowDays * 24 * 60).milliseconds
        try db.first(
            "SELECT count(*), count(*) FILTER (WHERE at >= ?2) FROM contacts WHERE conversation_id = ?1", [conversation, since]
        ) { row in
            history.contacts = Int(row.int64(0))
            history.contactsThisWeek = Int(row.int64(1))
        }
        history.escalations = try db.query(
            """
            SELECT e.id, e.queue, e.reason, e.status, e.created_at, e.resolved_at, e.resolved_by, e.csat, e.reopened_count
            FROM escalations e WHERE e.conversation_id = ?1 ORDER BY e.id DESC LIMIT ?2
            """, [conversation, limit]
        ) { row in
            EscalationOutcome(
                id: EscalationID(row.int64(0)), queue: QueueID(row.text(1)),
                reason: EscalationReason(rawValue: row.text(2)) ?? .flowHandoff,
                status: EscalationStatus(rawValue: row.text(3)) ?? .waiting, createdAt: Instant(row.int64(4)),
                resolvedAt: Instant(row.optionalInt64(5)), resolvedBy: row.optionalText(6).map(AgentID.init),
                csat: row.optionalInt64(7).map { Int($0) }, reopenedCount: Int(row.int64(8)))
        }
        let scores = history.escalations.compactMap(\.csat)
        history.averageCSAT = scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
        history.tones = try db.query(
            "SELECT at, score, label FROM tones WHERE conversation_id = ?1 ORDER BY at DESC, rowid DESC LIMIT ?2",
            [conversation, limit]
        ) { row in
            TonePoint(at: Instant(row.int64(0)), score: row.double(1), label: ToneLabel(rawValue: row.text(2)) ?? .neutral)
        }.reversed()
        history.toneTrend = trend(history.tones)
        return history
    }

    static func trend(_ points: [TonePoint]) -> ToneTrend {
        guard points.count >= 2 else { return .unknown }
        let half = points.count / 2
        let older = points.prefix(half).map(\.score)
        let newer = points.suffix(points.count - half).map(\.score)
        let change = newer.reduce(0, +) / Double(newer.count) - older.reduce(0, +) / Double(older.count)
        if change > trendThreshold { return .improving }
        if change < -trendThreshold { return .worsening }
        return .steady
    }
}
