internal import Foundation
public import SwitchboardCore

/// Read-only views of the queue for `switchboard queue list|show ID`: a table or JSON, as Strings.
public enum QueueRendering {
    /// Cells longer than this are cut with "…" so that a row fits a terminal.
    static let maximumCell = 60

    /// The list as an aligned text table, one escalation per line, in the given order.
    public static func table(_ summaries: [EscalationSummary], now: Instant) -> String {
        guard !summaries.isEmpty else { return "no escalations match\n" }
        let header = ["ID", "PRI", "SLA", "QUEUE", "STATUS", "AGENT", "CUSTOMER", "WAITING", "REASON", "WHY"]
        let rows = summaries.map { summary in
            [
                String(summary.id.rawValue), String(Int(summary.priority.score.rounded())), summary.sla.rawValue,
                summary.queue.rawValue, summary.status.rawValue, summary.agent?.rawValue ?? "-", customer(summary),
                waited(from: summary.createdAt, to: summary.resolvedAt ?? now), summary.reason.rawValue,
                summary.priority.explanation,
            ].map(cut)
        }
        return aligned([header] + rows)
    }

    /// The list as a JSON array (stable key order).
    public static func json(_ summaries: [EscalationSummary], now: Instant) -> String {
        encode(summaries.map { SummaryJSON($0, now: now) })
    }

    /// One escalation for an agent's screen: the facts, the customer's history and the transcript.
    public static func detail(_ detail: EscalationDetail, now: Instant) -> String {
        let summary = detail.summary
        let history = detail.customer
        var lines = [
            "escalation \(summary.id) · \(summary.status.rawValue)\(summary.agent.map { " by \($0)" } ?? "") · queue \(summary.queue)",
            "customer   \(customer(summary)) · \(history.followers) followers · \(history.contactsThisWeek) contacts this week",
            "priority   \(Int(summary.priority.score.rounded())): \(summary.priority.explanation)",
            "sla        \(summary.sla.rawValue) · waiting \(waited(from: summary.createdAt, to: summary.resolvedAt ?? now))",
            "reason     \(summary.reason.rawValue)"
                + (summary.intents.isEmpty
                    ? "" : " · " + summary.intents.map { "\($0.intent) \(Int(($0.confidence * 100).rounded()))%" }.joined(separator: ", ")),
            "history    \(history.escalations.count) escalations · CSAT "
                + (history.averageCSAT.map { String(format: "%.1f", $0) } ?? "-") + " · tone \(history.toneTrend.rawValue)",
            "",
        ]
        for event in detail.transcript {
            let who = event.kind == .inbound ? "customer" : (event.actor ?? event.kind.rawValue)
            lines.append("[\(event.kind.rawValue)] \(who): \(event.text)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One escalation as JSON.
    public static func detailJSON(_ detail: EscalationDetail, now: Instant) -> String {
        encode(DetailJSON(detail, now: now))
    }

    static func customer(_ summary: EscalationSummary) -> String {
        let handle = summary.customerHandle.map { "@\($0)" }
        return [summary.customerName, handle].compactMap { $0 }.joined(separator: " ").nonEmpty
            ?? summary.key.customer.rawValue
    }

    static func waited(from start: Instant, to end: Instant) -> String {
        PriorityPolicy.duration(minutes: max(0, end.milliseconds(since: start) / 60_000))
    }

    static func cut(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count <= maximumCell ? flat : String(flat.prefix(maximumCell - 1)) + "…"
    }

    static func aligned(_ rows: [[String]]) -> String {
        var widths = Array(repeating: 0, count: rows.first?.count ?? 0)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Our DTOs hold strings and numbers only: encoding cannot fail.
        guard let data = try? encoder.encode(value) else { preconditionFailure("queue JSON DTOs always encode") }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}

struct SummaryJSON: Encodable {
    var id: Int64
    var conversation: Int64
    var account: String
    var customer: String
    var customerName: String?
    var customerHandle: String?
    var queue: String
    var reason: String
    var intents: [IntentConfidence]
    var status: String
    var agent: String?
    var priority: Double
    var priorityExplanation: [String]
    var createdAt: Int64
    var firstResponseAt: Int64?
    var resolvedAt: Int64?
    var sla: String
    var firstResponseDue: Int64?
    var resolutionDue: Int64?
    var csat: Int?
    var waitingMinutes: Int64

    init(_ summary: EscalationSummary, now: Instant) {
        id = summary.id.rawValue
        conversation = summary.conversation.rawValue
        account = summary.key.account.rawValue
        customer = summary.key.customer.rawValue
        customerName = summary.customerName
        customerHandle = summary.customerHandle
        queue = summary.queue.rawValue
        reason = summary.reason.rawValue
        intents = summary.intents
        status = summary.status.rawValue
        agent = summary.agent?.rawValue
        priority = (summary.priority.score * 10).rounded() / 10
        priorityExplanation = summary.priority.contributions.map(\.description)
        createdAt = summary.createdAt.milliseconds
        firstResponseAt = summary.firstResponseAt?.milliseconds
        resolvedAt = summary.resolvedAt?.milliseconds
        sla = summary.sla.rawValue
        firstResponseDue = summary.deadlines.firstResponseDue?.milliseconds
        resolutionDue = summary.deadlines.resolutionDue?.milliseconds
        csat = summary.csat
        waitingMinutes = max(0, (summary.resolvedAt ?? now).milliseconds(since: summary.createdAt) / 60_000)
    }
}

struct DetailJSON: Encodable {
    struct Event: Encodable {
        var id: Int64
        var kind: String
        var at: Int64
        var actor: String?
        var text: String
    }
    struct History: Encodable {
        var followers: Int
        var contacts: Int
        var contactsThisWeek: Int
        var escalations: Int
        var averageCSAT: Double?
        var toneTrend: String
    }
    var escalation: SummaryJSON
    var customer: History
    var transcript: [Event]

    init(_ detail: EscalationDetail, now: Instant) {
        escalation = SummaryJSON(detail.summary, now: now)
        let history = detail.customer
        customer = History(
            followers: history.followers, contacts: history.contacts, contactsThisWeek: history.contactsThisWeek,
            escalations: history.escalations.count, averageCSAT: history.averageCSAT, toneTrend: history.toneTrend.rawValue)
        transcript = detail.transcript.map {
            Event(id: $0.id, kind: $0.kind.rawValue, at: $0.at.milliseconds, actor: $0.actor, text: $0.text)
        }
    }
}
