import Foundation
import SwitchboardCore
import SwitchboardStore

/// The agent API under `/api/v1`: bearer-token auth; an agent sees and acts on its own queues only.
extension Service {
    func agentAPI(_ request: HTTPRequest, _ route: [String]) async throws -> HTTPResponse {
        let agent = try await authenticate(request)
        switch (request.method, route) {
        case (.get, ["me"]):
            let mine = try await store.escalations(EscalationFilter(agent: agent.id, limit: 100), now: now)
            return .json(
                JSONBody.encode([
                    "id": agent.id.rawValue, "name": agent.name, "queues": agent.queues.map(\.rawValue),
                    "capacity": agent.capacity, "availability": agent.availability.rawValue, "load": agent.load,
                    "escalations": mine.map { $0.id.rawValue },
                ]))
        case (.post, ["me", "availability"]):
            let body = try JSONBody.object(request.body)
            let value = try JSONBody.string(body, "availability", required: true, maximum: 20) ?? ""
            guard let availability = Availability(rawValue: value) else {
                throw APIError(.badRequest, "invalid", "availability must be online, away or offline, not '\(value)'")
            }
            let assigned = try await store.setAvailability(availability, of: agent.id, now: now)
            if !assigned.isEmpty { logger.info("work assigned", ["agent": agent.id.rawValue, "count": String(assigned.count)]) }
            return .json(JSONBody.encode(["availability": availability.rawValue, "assigned": assigned.map { $0.escalation.rawValue }]))
        case (.get, ["escalations"]):
            return try await list(request, for: agent)
        case (.get, _) where route.count == 2 && route[0] == "escalations":
            let detail = try await store.escalation(try escalationID(route[1]), now: now)
            try authorize(agent, for: detail.summary.queue)
            return .json(Array(QueueRendering.detailJSON(detail, now: now).utf8))
        case (.post, _) where route.count == 3 && route[0] == "escalations":
            return try await act(route[2], on: try escalationID(route[1]), request, by: agent)
        default:
            throw APIError(.notFound, "not_found", "no agent API route \(request.method) /api/v1/\(route.joined(separator: "/")); see docs/api.md")
        }
    }

    func authenticate(_ request: HTTPRequest) async throws -> Agent {
        guard let header = request.headers["authorization"], header.hasPrefix("Bearer "), header.count > 7 else {
            throw APIError(.unauthorized, "unauthenticated", "send 'Authorization: Bearer <token>' (from `switchboard agent add`)")
        }
        guard let agent = try await store.agent(token: String(header.dropFirst(7))) else {
            throw APIError(.unauthorized, "unauthenticated", "the token is not valid")
        }
        return agent
    }

    func authorize(_ agent: Agent, for queue: QueueID) throws(APIError) {
        guard agent.queues.contains(queue) else {
            throw APIError(.forbidden, "forbidden", "queue '\(queue)' is not one of \(agent.name)'s queues")
        }
    }

    func escalationID(_ text: String) throws(APIError) -> EscalationID {
        guard let value = Int64(text), value > 0 else {
            throw APIError(.badRequest, "invalid", "'\(text)' is not an escalation id")
        }
        return EscalationID(value)
    }

    func list(_ request: HTTPRequest, for agent: Agent) async throws -> HTTPResponse {
        var filter = EscalationFilter()
        if let queue = request.queryParameter("queue") {
            filter.queue = QueueID(queue)
            try authorize(agent, for: QueueID(queue))
        }
        if let status = request.queryParameter("status") {
            guard let known = EscalationStatus(rawValue: status) else {
                throw APIError(.badRequest, "invalid", "status must be waiting, assigned or resolved")
            }
            filter.status = known
        }
        if let sla = request.queryParameter("sla") {
            guard let known = SLAState(rawValue: sla) else {
                throw APIError(.badRequest, "invalid", "sla must be ok, at_risk or breached")
            }
            filter.sla = known
        }
        if let limit = request.queryParameter("limit") {
            guard let value = Int(limit), (1...EscalationFilter.maximumLimit).contains(value) else {
                throw APIError(.badRequest, "invalid", "limit must be 1–\(EscalationFilter.maximumLimit)")
            }
            filter.limit = value
        }
        let rows = try await store.escalations(filter, now: now).filter { agent.queues.contains($0.queue) }
        return .json(Array(QueueRendering.json(rows, now: now).utf8))
    }

    func act(_ action: String, on id: EscalationID, _ request: HTTPRequest, by agent: Agent) async throws -> HTTPResponse {
        let detail = try await store.escalation(id, now: now)
        try authorize(agent, for: detail.summary.queue)
        let body = request.body.isEmpty ? [:] : try JSONBody.object(request.body)
        switch action {
        case "claim":
            let summary = try await store.claim(id, by: agent.id, now: now)
            return .json(JSONBody.encode(["id": id.rawValue, "agent": summary.agent?.rawValue ?? agent.id.rawValue, "status": summary.status.rawValue]))
        case "release":
            _ = try await store.release(id, by: agent.id, now: now)
            return .json(JSONBody.encode(["id": id.rawValue, "status": "waiting"]))
        case "reply":
            guard let text = try JSONBody.string(body, "text", required: true, maximum: OutgoingMessage.maximumTextLength),
                !text.isEmpty
            else { throw APIError(.badRequest, "missing_field", "'text' must not be empty") }
            let payload = OutboxPayload(text: text)
            let outbox = try await store.reply(
                id, by: agent.id,
                message: OutboundMessage(text: text, payloadJSON: payload.json(), deliveryID: "agent-\(UUID().uuidString)"),
                now: now)
            notifySender()
            await markLatestInboundRead(detail)
            return .json(JSONBody.encode(["id": id.rawValue, "outbox_id": outbox.rawValue, "queued": true]))
        case "note":
            guard let text = try JSONBody.string(body, "text", required: true, maximum: 10_000), !text.isEmpty else {
                throw APIError(.badRequest, "missing_field", "'text' must not be empty")
            }
            try await store.note(id, by: agent.id, text: text, now: now)
            return .json(JSONBody.encode(["id": id.rawValue, "noted": true]))
        case "transfer":
            let target: TransferTarget
            if let queue = try JSONBody.string(body, "queue", maximum: 100) {
                target = .queue(QueueID(queue))
            } else if let other = try JSONBody.string(body, "agent", maximum: 100) {
                target = .agent(AgentID(other))
            } else {
                throw APIError(.badRequest, "missing_field", "give 'queue' or 'agent' to transfer to")
            }
            _ = try await store.transfer(id, by: agent.id, to: target, now: now)
            return .json(JSONBody.encode(["id": id.rawValue, "transferred": true]))
        case "typing":
            return try typing(on: detail)
        case "resolve":
            let ask = (body["rating"] as? Bool) ?? configuration.askForRating
            let question = ask ? ratingQuestion(for: detail.summary.key) : nil
            _ = try await store.resolve(id, by: agent.id, csatQuestion: question, now: now)
            if question != nil { notifySender() }
            return .json(JSONBody.encode(["id": id.rawValue, "status": "resolved", "rating_requested": question != nil]))
        default:
            throw APIError(
                .notFound, "not_found",
                "unknown action '\(action)'; one of claim, release, reply, note, transfer, typing, resolve")
        }
    }

    /// The 1–5 star question, with quick replies, as the engine words it.
    func ratingQuestion(for key: ConversationKey) -> OutboundMessage? {
        let engine = bots.current
        let result = engine.handBack(Conversation(key: key), now: now, askForRating: true)
        guard case .send(let message)? = result.effects.first else { return nil }
        let payload = OutboxPayload(message)
        return OutboundMessage(text: payload.text, payloadJSON: payload.json(), deliveryID: "csat-\(UUID().uuidString)")
    }
}
