public import SwitchboardCore
public import SwitchboardStore
import Foundation
import Synchronization

/// A customer's message from any channel, ready for the pipeline.
public struct ChannelMessage: Sendable {
    public var channel: Channel
    /// The channel's id for this message: redeliveries carry the same id and are recognised.
    public var eventID: String
    public var key: ConversationKey
    public var text: String
    public var quickReplyMetadata: String?
    public var profile: CustomerProfile?
    public var receivedAt: Instant

    public init(
        channel: Channel, eventID: String, key: ConversationKey, text: String, quickReplyMetadata: String? = nil,
        profile: CustomerProfile? = nil, receivedAt: Instant
    ) {
        self.channel = channel
        self.eventID = eventID
        self.key = key
        self.text = text
        self.quickReplyMetadata = quickReplyMetadata
        self.profile = profile
        self.receivedAt = receivedAt
    }
}

/// Where a conversation lives: X DMs, or the generic JSON channel.
public enum Channel: String, Sendable {
    case x
    case api

    /// The generic channel's conversations are stored under this account.
    public static let apiAccount: AccountID = "api"

    public static func of(_ account: AccountID) -> Channel { account == apiAccount ? .api : .x }
}

/// The journey of one DM: dedup → conversation state → engine → state, events, outbox and
/// escalation committed together → the sender is woken.
public final class InboundPipeline: Sendable {
    /// What one processed message led to.
    public enum Outcome: Sendable, Equatable {
        case duplicate
        case processed(replies: [OutboxPayload], escalation: EscalationID?)
    }

    let store: any SwitchboardStorage
    let bots: BotHolder
    /// Business hours and SLA targets: the hand-off message says when a person will reply.
    let queuePolicy: QueuePolicy
    let metrics: Metrics
    let logger: Logger
    let outboxReady: @Sendable () -> Void
    /// Until when a channel is paused by a rate limit (nil when it is sending): replies queued
    /// meanwhile are not due before then, so the sender does not claim them only to wait.
    let pausedUntil: @Sendable (Channel) -> Instant?

    public init(
        store: any SwitchboardStorage, bots: BotHolder, queuePolicy: QueuePolicy = QueuePolicy(), metrics: Metrics,
        logger: Logger, outboxReady: @escaping @Sendable () -> Void,
        pausedUntil: @escaping @Sendable (Channel) -> Instant? = { _ in nil }
    ) {
        self.store = store
        self.bots = bots
        self.queuePolicy = queuePolicy
        self.metrics = metrics
        self.logger = logger
        self.outboxReady = outboxReady
        self.pausedUntil = pausedUntil
    }

    public func handle(_ message: ChannelMessage) async throws -> Outcome {
        let engine = bots.current
        // Classified here, on the request's thread, so the writer (one thread for every DM) only steps.
        let inbound = engine.preclassify(
            Inbound(text: message.text, quickReplyMetadata: message.quickReplyMetadata, profile: message.profile))
        let record = InboundRecord(
            eventID: message.eventID, key: message.key, text: message.text, receivedAt: message.receivedAt,
            sender: message.profile,
            detailJSON: Self.detailJSON(message))
        let summary = Mutex<StepSummary?>(nil)
        let policy = queuePolicy
        let pausedUntil = pausedUntil
        let result = try await store.process(record) { context in
            var outcome = try Self.step(engine: engine, message: message, inbound: inbound, context: context, policy: policy)
            summary.withLock { $0 = outcome.summary }
            if !outcome.records.outbox.isEmpty, let resume = pausedUntil(message.channel) {
                for index in outcome.records.outbox.indices { outcome.records.outbox[index].notBefore = resume }
            }
            return outcome.records
        }
        switch result {
        case .duplicate:
            metrics.increment("switchboard_dms_duplicate_total", labels: ["channel": message.channel.rawValue])
            logger.info("duplicate ignored", ["event_id": message.eventID, "channel": message.channel.rawValue])
            return .duplicate
        case .processed(let processed):
            let done = summary.withLock { $0 } ?? StepSummary()
            count(done, channel: message.channel)
            logger.info(
                "dm processed",
                [
                    "event_id": message.eventID, "channel": message.channel.rawValue,
                    "conversation": String(processed.conversation.rawValue), "replies": String(done.replies.count),
                    "decision": done.decision ?? "-", "handoff": done.handOffReason ?? "-", "text": message.text,
                ])
            if !processed.outbox.isEmpty { outboxReady() }
            return .processed(replies: done.replies, escalation: processed.escalation)
        }
    }

    /// What the pipeline learned from the step, for metrics, logs and the generic channel's answer.
    struct StepSummary: Sendable {
        var replies: [OutboxPayload] = []
        var decision: String?
        var handOffReason: String?
        var contained = false
        var silentWithAgent = false
    }

    /// Runs on the store's writer thread, inside the message's transaction: pure and quick.
    /// `inbound` is the message as the engine reads it, already classified (`Engine.preclassify`).
    static func step(
        engine: Engine, message: ChannelMessage, inbound: Inbound, context: InboundContext,
        policy: QueuePolicy = QueuePolicy()
    ) throws -> (records: StepRecords, summary: StepSummary) {
        var conversation =
            context.conversation.flatMap { ConversationCodec.decode($0.state) }
            ?? Conversation(key: message.key, profile: message.profile ?? CustomerProfile())
        // The store owns who owns the conversation; the engine's phase follows it.
        switch context.conversation?.owner {
        case .queue(let queue):
            conversation.phase = .withAgent(queue)
        case .agent:
            if case .withAgent = conversation.phase {} else { conversation.phase = .withAgent("agent") }
        case .bot, nil:
            if case .withAgent = conversation.phase {
                conversation.phase = .at(engine.bot.start)
                conversation.offered = []
            }
        }
        var summary = StepSummary()
        if context.csatScore != nil {
            // The store recorded the rating; thank the customer and carry on where we were.
            let thanks = OutboxPayload(text: "Thank you for rating us!")
            summary.replies = [thanks]
            return (
                StepRecords(
                    state: try ConversationCodec.encode(conversation), slots: conversation.slots,
                    outbox: [OutboundMessage(text: thanks.text, payloadJSON: thanks.json(), deliveryID: "\(message.eventID)#0")]),
                summary
            )
        }
        let result = engine.step(conversation, inbound, now: message.receivedAt)
        var records = StepRecords(state: try ConversationCodec.encode(result.conversation), slots: result.conversation.slots)
        var payloads: [OutboxPayload] = []
        for effect in result.effects {
            switch effect {
            case .send(let outgoing):
                payloads.append(OutboxPayload(outgoing))
            case .handOff(let request):
                guard records.escalation == nil else { continue }
                records.escalation = EscalationRequest(
                    queue: request.queue, reason: request.reason,
                    intents: request.topIntents.map { IntentConfidence(intent: $0.intent.rawValue, confidence: $0.confidence) })
                summary.handOffReason = request.reason.rawValue
                var note = "hand-off to \(request.queue) (\(request.reason.rawValue))"
                if let state = request.state { note += " from state \(state)" }
                if let text = request.note { note += ": \(text)" }
                records.events.append(EventRecord(kind: .system, text: note, actor: "bot"))
                // The hand-off message (the last one sent) also says when a person will reply.
                let expectation = Self.expectation(policy.replyExpectation(for: request.queue, now: message.receivedAt))
                if let last = payloads.indices.last {
                    payloads[last].text = String((payloads[last].text + " " + expectation).prefix(OutgoingMessage.maximumTextLength))
                } else {
                    payloads.append(OutboxPayload(text: expectation))
                }
            case .setSlot, .rating:
                break
            case .end(let contained):
                summary.contained = contained
            }
        }
        summary.replies = payloads
        records.outbox = payloads.enumerated().map { index, payload in
            OutboundMessage(text: payload.text, payloadJSON: payload.json(), deliveryID: "\(message.eventID)#\(index)")
        }
        for event in result.trace {
            if case .classified(let decision) = event {
                summary.decision = decision.kind
                records.events.append(EventRecord(kind: .system, text: "classifier: \(decision.explained)", actor: "bot"))
            }
            if case .ignoredWhileWithAgent = event { summary.silentWithAgent = true }
        }
        return (records, summary)
    }

    /// "You can expect a reply by …", or that the team is away, from the queue's hours and SLA.
    static func expectation(_ expectation: ReplyExpectation) -> String {
        guard let by = expectation.replyByText else {
            return "Our team will reply here as soon as someone is available."
        }
        return expectation.isOpenNow
            ? "You can expect a reply by \(by)."
            : "Our team is away right now. You can expect a reply by \(by)."
    }

    func count(_ summary: StepSummary, channel: Channel) {
        metrics.increment("switchboard_dms_received_total", labels: ["channel": channel.rawValue])
        if let decision = summary.decision { metrics.increment("switchboard_decisions_total", labels: ["decision": decision]) }
        if let reason = summary.handOffReason { metrics.increment("switchboard_handoffs_total", labels: ["reason": reason]) }
        if summary.contained { metrics.increment("switchboard_conversations_contained_total") }
    }

    /// The inbound event's detail for the transcript, written by hand: it runs for every DM.
    static func detailJSON(_ message: ChannelMessage) -> String {
        var text = "{\"channel\":"
        JSONString.append(message.channel.rawValue, to: &text)
        text += ",\"event_id\":"
        JSONString.append(message.eventID, to: &text)
        if let metadata = message.quickReplyMetadata {
            text += ",\"quick_reply_metadata\":"
            JSONString.append(String(metadata.prefix(200)), to: &text)
        }
        return text + "}"
    }
}
