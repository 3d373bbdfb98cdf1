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

    /// The whole journey in one transaction, for channels whose answer carries the replies (the
    /// generic channel): dedup, step, and everything it writes commit together.
    public func handle(_ message: ChannelMessage) async throws -> Outcome {
        try await run(prepare(message), received: false) { record, step in try await self.store.process(record, step: step) }
    }

    /// A received DM, read by the bot that was current when it came and ready for its step.
    public struct Received: Sendable {
        public let message: ChannelMessage
        let engine: Engine
        /// The message as the engine reads it, already classified.
        let inbound: Inbound
    }

    /// The first half of a webhook's DM: commits its inbox row (the webhook's 200 promises no
    /// more than that) and returns it ready for `processReceived`, or nil when it was seen before.
    /// It is classified here, before the 200, so that `processReceived` queues its step on the
    /// writer without a suspension: run as the response's follow-up, the step is queued before the
    /// 200 leaves (`EventLoop.dispatch`), so DMs of one conversation are stepped in the order X was
    /// told they were received.
    public func receive(_ message: ChannelMessage) async throws -> Received? {
        guard try await store.receive(Self.record(message)) else {
            countDuplicate(message)
            return nil
        }
        return prepare(message)
    }

    /// The second half: the step of a DM `receive` committed, and what it leads to. Returns
    /// `.duplicate` when its step ran already (at a restart's recovery, say).
    public func processReceived(_ received: Received) async throws -> Outcome {
        try await run(received, received: true) { record, step in
            try await self.store.processReceived(record, step: step)
        }
    }

    /// Classified here, on the request's thread, so the writer (one thread for every DM) only steps.
    private func prepare(_ message: ChannelMessage) -> Received {
        let engine = bots.current
        let inbound = engine.preclassify(
            Inbound(text: message.text, quickReplyMetadata: message.quickReplyMetadata, profile: message.profile))
        return Received(message: message, engine: engine, inbound: inbound)
    }

    /// Steps every DM received and not processed (those acknowledged just before a crash), oldest
    /// first, and returns how many it processed and how many failed. Run before serving, so that
    /// they go first. A DM whose step fails for a reason a retry would not change is given up
    /// (logged with its event id, counted in `switchboard_dms_failed_total`); one that fails on
    /// the store itself waits for the next start.
    public func processWaiting() async throws -> (processed: Int, failed: Int) {
        var processed = 0
        var failed = 0
        var last: InboundRecord?
        while true {
            let waiting = try await store.waitingInbound(after: last, limit: 256)
            guard let final = waiting.last else { return (processed, failed) }
            last = final
            for record in waiting {
                let message = Self.message(record)
                do {
                    if case .processed = try await processReceived(prepare(message)) { processed += 1 }
                } catch {
                    failed += 1
                    await stepFailed(message, error)
                }
            }
        }
    }

    /// A received DM whose step failed: logged, counted, and given up unless the store itself failed
    /// (then it still waits, and the next start tries it again).
    public func stepFailed(_ message: ChannelMessage, _ error: any Error) async {
        let storeFailed = error is SQLiteError || error is StoreClosedError
        metrics.increment(
            "switchboard_dms_failed_total", labels: ["channel": message.channel.rawValue, "reason": storeFailed ? "store" : "step"])
        logger.error(
            "dm step failed", ["event_id": message.eventID, "channel": message.channel.rawValue, "error": "\(error)",
                               "retry": storeFailed ? "at next start" : "no"])
        if !storeFailed { _ = try? await store.abandonReceived(message.eventID) }
    }

    private func run(
        _ prepared: Received, received: Bool,
        commit: (InboundRecord, @escaping @Sendable (InboundContext) throws -> StepRecords) async throws -> ProcessResult
    ) async throws -> Outcome {
        let (message, engine, inbound) = (prepared.message, prepared.engine, prepared.inbound)
        let summary = Mutex<StepSummary?>(nil)
        let policy = queuePolicy
        let pausedUntil = pausedUntil
        let result = try await commit(Self.record(message)) { context in
            var outcome = try Self.step(engine: engine, message: message, inbound: inbound, context: context, policy: policy)
            summary.withLock { $0 = outcome.summary }
            if !outcome.records.outbox.isEmpty, let resume = pausedUntil(message.channel) {
                for index in outcome.records.outbox.indices { outcome.records.outbox[index].notBefore = resume }
            }
            return outcome.records
        }
        switch result {
        case .duplicate:
            if !received { countDuplicate(message) }
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

    private func countDuplicate(_ message: ChannelMessage) {
        metrics.increment("switchboard_dms_duplicate_total", labels: ["channel": message.channel.rawValue])
        logger.info("duplicate ignored", ["event_id": message.eventID, "channel": message.channel.rawValue])
    }

    static func record(_ message: ChannelMessage) -> InboundRecord {
        InboundRecord(
            eventID: message.eventID, key: message.key, text: message.text, receivedAt: message.receivedAt,
            sender: message.profile, detailJSON: detailJSON(message))
    }

    /// A stored inbound record as the channel message it came from (the quick-reply metadata is in
    /// its detail, as `detailJSON` wrote it).
    static func message(_ record: InboundRecord) -> ChannelMessage {
        let detail = try? JSONReader.parse(record.detailJSON)
        return ChannelMessage(
            channel: Channel.of(record.key.account), eventID: record.eventID, key: record.key, text: record.text,
            quickReplyMetadata: detail?["quick_reply_metadata"]?.string, profile: record.sender,
            receivedAt: record.receivedAt)
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
