import Foundation
import SwitchboardCore
import SwitchboardStore

extension Service {
    /// `GET /readyz`: the store answers and a bot is loaded.
    func readiness() async throws -> HTTPResponse {
        do {
            _ = try await store.statistics()
        } catch {
            throw APIError(.serviceUnavailable, "store_unavailable", "the store does not answer: \(error)")
        }
        return .json(JSONBody.encode(["ready": true, "bot_version": bots.current.bot.version]))
    }

    /// `GET /metrics`: Prometheus text; gauges from the store are read at scrape time.
    func metricsExposition() async throws -> HTTPResponse {
        let statistics = try await store.statistics()
        metrics.set("switchboard_outbox_backlog", Double(statistics.outbox[.pending] ?? 0))
        metrics.set("switchboard_outbox_failed", Double(statistics.outbox[.failed] ?? 0))
        metrics.set("switchboard_inbox_waiting", Double(try await store.waitingInboundCount()))
        for (queue, counts) in statistics.openEscalations {
            for status in [EscalationStatus.waiting, .assigned] {
                metrics.set(
                    "switchboard_queue_depth", Double(counts[status] ?? 0),
                    labels: ["queue": queue.rawValue, "status": status.rawValue])
            }
        }
        // Counted in SQL: a page of summaries would stop at its limit (1,000) and decode each row.
        let breached = try await store.escalationCount(EscalationFilter(sla: .breached), now: now)
        metrics.set("switchboard_sla_breached", Double(breached))
        // Derived at scrape time, not per message: finished without a person / (that + hand-offs).
        let contained = metrics.counter("switchboard_conversations_contained_total")
        let handedOff = Metrics.handOffReasons.reduce(0) {
            $0 + metrics.counter("switchboard_handoffs_total", labels: ["reason": $1])
        }
        if contained + handedOff > 0 { metrics.set("switchboard_containment_ratio", contained / (contained + handedOff)) }
        return HTTPResponse(
            status: .ok, headers: ["content-type": "text/plain; version=0.0.4; charset=utf-8"],
            body: Array(metrics.exposition().utf8))
    }
}
