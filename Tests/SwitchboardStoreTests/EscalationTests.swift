import SwitchboardCore
import Testing
@testable import SwitchboardStore

/// Opens a store with one escalation from customer c1 (angry, 250k followers, asked for a person).
func storeWithEscalation(_ folder: TemporaryFolder, options: StoreOptions = StoreOptions()) async throws
    -> (SQLiteStore, EscalationID)
{
    let store = try SQLiteStore(path: folder.file("db.sqlite"), options: options)
    let result = try await store.process(
        inbound("e1", text: "I am very angry, let me talk to a person!!", followers: 250_000),
        step: replying("Connecting you", escalate: EscalationRequest(
            queue: "billing", reason: .customerAsked, intents: [IntentConfidence(intent: "refund", confidence: 0.41)])))
    guard case .processed(let processed) = result, let id = processed.escalation else {
        throw QueueError.invalidInput("the fixture escalation was not opened")
    }
    return (store, id)
}

func agent(_ id: String, queues: Set<QueueID> = ["billing"], capacity: Int = 2, _ availability: Availability = .online,
           token: String? = nil) -> AgentRegistration {
    AgentRegistration(id: AgentID(id), name: "Agent \(id)", queues: queues, capacity: capacity, availability: availability,
                      token: token)
}

@Suite struct EscalationTests {
    @Test func escalationExplainsItsPriorityAndSilencesTheBot() async throws {
        let folder = try TemporaryFolder()
        let (store, id) = try await storeWithEscalation(folder)
        defer { store.close() }
        let list = try await store.escalations(EscalationFilter(), now: at(minutes: 42))
        let summary = try #require(list.first)
        #expect(summary.id == id)
        #expect(summary.status == .waiting)
        #expect(summary.priority.explanation
            == "+40 very negative tone, +20 reach 250k followers, +25 asked for a person, +14 waiting 42 min")
        #expect(summary.intents == [IntentConfidence(intent: "refund", confidence: 0.41)])
        #expect(try await store.conversation(key("c1"))?.owner == .queue("billing"))
    }

    @Test func listIsByPriorityThenOldestFirst() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        let handoff = EscalationRequest(queue: "general", reason: .flowHandoff)
        _ = try await store.process(inbound("a", from: "calm1", text: "question", minute: 0), step: replying(escalate: handoff))
        _ = try await store.process(inbound("b", from: "calm2", text: "question", minute: 1), step: replying(escalate: handoff))
        _ = try await store.process(
            inbound("c", from: "angry", text: "this is terrible and useless", minute: 2), step: replying(escalate: handoff))
        let list = try await store.escalations(EscalationFilter(queue: "general"), now: at(minutes: 3))
        #expect(list.map(\.key.customer) == ["angry", "calm1", "calm2"])
        #expect(try await store.escalations(EscalationFilter(queue: "billing"), now: at(minutes: 3)).isEmpty)
        // Waiting catches up: after long enough, the old calm ones outrank a newer angry one.
        _ = try await store.process(
            inbound("d", from: "angry2", text: "terrible useless awful", minute: 200), step: replying(escalate: handoff))
        let later = try await store.escalations(EscalationFilter(queue: "general"), now: at(minutes: 200))
        #expect(later.last?.key.customer == "angry2")
    }

    @Test func claimReplyResolveAndCSATRoundTrip() async throws {
        let folder = try TemporaryFolder()
        let (store, id) = try await storeWithEscalation(folder)
        defer { store.close() }
        try await store.register(agent("alice", .offline), now: at(minutes: 0))
        let claimed = try await store.claim(id, by: "alice", now: at(minutes: 5))
        #expect(claimed.agent == "alice")
        #expect(try await store.conversation(key("c1"))?.owner == .agent("alice"))
        _ = try await store.reply(id, by: "alice", message: OutboundMessage(text: "Hi, Alice here", payloadJSON: "{}"), now: at(minutes: 6))
        try await store.note(id, by: "alice", text: "refund approved", now: at(minutes: 7))
        _ = try await store.resolve(
            id, by: "alice", csatQuestion: OutboundMessage(text: "How did we do, 1-5?", payloadJSON: "{}"), now: at(minutes: 8))
        #expect(try await store.conversation(key("c1"))?.owner == .bot)
        let answer = try await store.process(inbound("e2", text: "5", minute: 9)) { context in
            #expect(context.csatScore == 5)
            #expect(context.reopened == nil)
            return replying("Thanks!")(context)
        }
        #expect(answer != .duplicate)
        let detail = try await store.escalation(id, now: at(minutes: 10))
        #expect(detail.summary.status == .resolved)
        #expect(detail.summary.firstResponseAt == at(minutes: 6))
        #expect(detail.summary.csat == 5)
        #expect(detail.summary.resolvedBy == "alice")
        #expect(detail.transcript.map(\.kind).contains(.note))
        #expect(detail.customer.averageCSAT == 5)
        let outbox = try await store.claimDue(now: at(minutes: 10), limit: 10, leaseMilliseconds: 0)
        #expect(outbox.map(\.deliveryID).contains { $0.hasPrefix("agent-") })
        #expect(outbox.map(\.deliveryID).contains { $0.hasPrefix("csat-") })
    }

    @Test func customerWritingSoonAfterResolutionReopensToTheSameAgent() async throws {
        let folder = try TemporaryFolder()
        let (store, id) = try await storeWithEscalation(folder)
        defer { store.close() }
        try await store.register(agent("alice"), now: at(minutes: 0))
        #expect(try await store.escalations(EscalationFilter(), now: at(minutes: 1)).first?.agent == "alice")
        _ = try await store.resolve(id, by: "alice", csatQuestion: nil, now: at(minutes: 10))
        let again = try await store.process(inbound("e2", text: "it is broken again", minute: 30)) { context in
            #expect(context.reopened == id)
            #expect(context.conversation?.owner == .agent("alice"))
            return StepRecords(state: [])
        }
        guard case .processed(let processed) = again else {
            Issue.record("expected processed")
            return
        }
        #expect(processed.escalation == id)
        #expect(processed.assignedTo == "alice")
        let summary = try await store.escalation(id, now: at(minutes: 31)).summary
        #expect(summary.reopenedCount == 1)
        #expect(summary.status == .assigned)
    }

    @Test func customerWritingAfterTheWindowStartsFresh() async throws {
        let folder = try TemporaryFolder()
        var options = StoreOptions()
        options.queue.reopenWindowMinutes = 60
        let (store, id) = try await storeWithEscalation(folder, options: options)
        defer { store.close() }
        try await store.register(agent("alice"), now: at(minutes: 0))
        _ = try await store.resolve(id, by: "alice", csatQuestion: nil, now: at(minutes: 10))
        _ = try await store.process(inbound("e2", text: "new question", minute: 71)) { context in
            #expect(context.reopened == nil)
            #expect(context.conversation?.owner == .bot)
            return StepRecords(state: [])
        }
    }

    @Test func agentComingOnlineGetsWaitingWorkUpToCapacity() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        for index in 0..<3 {
            _ = try await store.process(
                inbound("e\(index)", from: "c\(index)", minute: Int64(index)),
                step: replying(escalate: EscalationRequest(queue: "billing", reason: .lowConfidence)))
        }
        try await store.register(agent("bob", capacity: 2, .away), now: at(minutes: 5))
        let assigned = try await store.setAvailability(.online, of: "bob", now: at(minutes: 6))
        #expect(assigned.count == 2)
        #expect(try await store.agents().first?.load == 2)
        // Capacity frees: the third goes to bob.
        let freed = try await store.resolve(assigned[0].escalation, by: "bob", csatQuestion: nil, now: at(minutes: 7))
        #expect(freed.count == 1)
        #expect(try await store.escalations(EscalationFilter(status: .waiting), now: at(minutes: 8)).isEmpty)
    }

    @Test func onlyTheOwnerRepliesAndAtCapacityClaimsAreRefused() async throws {
        let folder = try TemporaryFolder()
        let (store, id) = try await storeWithEscalation(folder)
        defer { store.close() }
        try await store.register(agent("alice", .offline), now: at(minutes: 0))
        try await store.register(agent("bob", capacity: 0, .offline), now: at(minutes: 0))
        await #expect(throws: QueueError.atCapacity("bob", capacity: 0)) {
            try await store.claim(id, by: "bob", now: at(minutes: 1))
        }
        await #expect(throws: QueueError.notOwner(id, agent: "alice", owner: nil)) {
            try await store.reply(id, by: "alice", message: OutboundMessage(text: "hi", payloadJSON: "{}"), now: at(minutes: 1))
        }
        _ = try await store.claim(id, by: "alice", now: at(minutes: 1))
        await #expect(throws: QueueError.alreadyClaimed(id, by: "alice")) {
            try await store.claim(id, by: "bob", now: at(minutes: 2))
        }
        await #expect(throws: QueueError.agentNotFound("carol")) {
            try await store.setAvailability(.online, of: "carol", now: at(minutes: 2))
        }
        await #expect(throws: QueueError.escalationNotFound(EscalationID(404))) {
            try await store.claim(EscalationID(404), by: "alice", now: at(minutes: 2))
        }
        await #expect(throws: QueueError.invalidCSAT(6)) { try await store.recordCSAT(6, for: id) }
        await #expect(throws: QueueError.notResolved(id)) { try await store.recordCSAT(4, for: id) }
    }

    @Test func releaseAndTransferMoveOwnership() async throws {
        let folder = try TemporaryFolder()
        let (store, id) = try await storeWithEscalation(folder)
        defer { store.close() }
        try await store.register(agent("alice", queues: ["billing"], .offline), now: at(minutes: 0))
        try await store.register(agent("bob", queues: ["tech"], .offline), now: at(minutes: 0))
        _ = try await store.claim(id, by: "alice", now: at(minutes: 1))
        _ = try await store.transfer(id, by: "alice", to: .agent("bob"), now: at(minutes: 2))
        #expect(try await store.conversation(key("c1"))?.owner == .agent("bob"))
        _ = try await store.transfer(id, by: "bob", to: .queue("tech"), now: at(minutes: 3))
        var summary = try await store.escalation(id, now: at(minutes: 3)).summary
        #expect(summary.queue == "tech")
        #expect(summary.status == .waiting)
        _ = try await store.claim(id, by: "bob", now: at(minutes: 4))
        _ = try await store.release(id, by: "bob", now: at(minutes: 5))
        summary = try await store.escalation(id, now: at(minutes: 5)).summary
        #expect(summary.status == .waiting)
        #expect(try await store.conversation(key("c1"))?.owner == .queue("tech"))
    }

    @Test func slaFilterUsesBusinessTime() async throws {
        let folder = try TemporaryFolder()
        var options = StoreOptions()
        options.queue.defaultSLA = SLAPolicy(firstResponseMinutes: 60, resolutionMinutes: 600, atRiskFraction: 0.5)
        let (store, id) = try await storeWithEscalation(folder, options: options)
        defer { store.close() }
        #expect(try await store.escalations(EscalationFilter(sla: .ok), now: at(minutes: 10)).map(\.id) == [id])
        #expect(try await store.escalations(EscalationFilter(sla: .atRisk), now: at(minutes: 31)).map(\.id) == [id])
        #expect(try await store.escalations(EscalationFilter(sla: .breached), now: at(minutes: 61)).map(\.id) == [id])
        #expect(try await store.escalations(EscalationFilter(sla: .ok), now: at(minutes: 61)).isEmpty)
    }

    @Test func countsMatchTheFilterBeyondAPage() async throws {
        let folder = try TemporaryFolder()
        var options = StoreOptions()
        options.queue.defaultSLA = SLAPolicy(firstResponseMinutes: 60, resolutionMinutes: 600, atRiskFraction: 0.5)
        let store = try SQLiteStore(path: folder.file("db.sqlite"), options: options)
        defer { store.close() }
        for (index, minute) in [Int64(0), 0, 50].enumerated() {
            _ = try await store.process(
                inbound("n\(index)", from: "c\(index)", minute: minute),
                step: replying(escalate: EscalationRequest(queue: "general", reason: .customerAsked)))
        }
        let now = at(minutes: 61)
        #expect(try await store.escalationCount(EscalationFilter(sla: .breached), now: now) == 2)
        #expect(try await store.escalationCount(EscalationFilter(sla: .breached, limit: 1), now: now) == 2, "not capped by the page")
        #expect(try await store.escalations(EscalationFilter(sla: .breached, limit: 1), now: now).count == 1)
        #expect(try await store.escalationCount(EscalationFilter(sla: .ok), now: now) == 1)
        #expect(try await store.escalationCount(EscalationFilter(), now: now) == 3)
        #expect(try await store.escalationCount(EscalationFilter(status: .assigned), now: now) == 0)
        #expect(try await store.escalationCount(EscalationFilter(queue: "billing"), now: now) == 0)
    }

    @Test func agentIsFoundByTokenAndOnlyTheHashIsStored() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        try await store.register(agent("alice", token: "s3cret-token"), now: at(minutes: 0))
        #expect(try await store.agent(token: "s3cret-token")?.id == "alice")
        #expect(try await store.agent(token: "wrong") == nil)
        let stored = try await store.read { db in try db.first("SELECT token_hash FROM agents") { $0.blob(0) } }
        #expect(stored?.count == 32)
        #expect(stored != Array("s3cret-token".utf8))
    }

    @Test func customerHistoryCountsContactsAndTone() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        _ = try await store.process(inbound("e1", text: "thanks, great service", minute: 0), step: replying())
        _ = try await store.process(inbound("e2", text: "this is bad", minute: 60 * 24), step: replying())
        _ = try await store.process(inbound("e3", text: "terrible, I hate this!!", minute: 60 * 48), step: replying())
        let history = try await store.customerHistory(key("c1"), now: at(minutes: 60 * 48))
        #expect(history.contacts == 3)
        #expect(history.contactsThisWeek == 3)
        #expect(history.toneTrend == .worsening)
        #expect(history.name == "Customer c1")
    }
}

@Test func tokenHashIsSHA256() {
    // FIPS 180-2 test vector for "abc".
    let hex: [String] = TokenHash.digest("abc").map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }
    #expect(hex.joined() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
}
