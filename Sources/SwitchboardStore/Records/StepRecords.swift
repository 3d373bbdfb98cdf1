public import SwitchboardCore

/// What the engine's step produced for one inbound message, in store terms.
public struct StepRecords: Sendable {
    /// The engine's new state, encoded by the engine.
    public var state: [UInt8]
    public var slots: [String: String]
    /// Events besides the inbound one (which the store records itself).
    public var events: [EventRecord]
    /// Messages to send, in order.
    public var outbox: [OutboundMessage]
    /// Set to hand the conversation to the human queue.
    public var escalation: EscalationRequest?

    public init(
        state: [UInt8], slots: [String: String] = [:], events: [EventRecord] = [], outbox: [OutboundMessage] = [],
        escalation: EscalationRequest? = nil
    ) {
        self.state = state
        self.slots = slots
        self.events = events
        self.outbox = outbox
        self.escalation = escalation
    }
}

/// The kinds of event in a conversation's append-only log.
public enum EventKind: String, Sendable, CaseIterable, Codable {
    case inbound, outbound, agent, note, system
}

/// One entry of the event log.
public struct EventRecord: Sendable, Equatable {
    public var kind: EventKind
    public var text: String
    /// Who acted (an agent id, "bot"); nil for the customer.
    public var actor: String?
    /// JSON text with anything else worth keeping.
    public var detailJSON: String

    public init(kind: EventKind, text: String, actor: String? = nil, detailJSON: String = "{}") {
        self.kind = kind
        self.text = text
        self.actor = actor
        self.detailJSON = detailJSON
    }
}

/// A message to send to the conversation's customer.
public struct OutboundMessage: Sendable, Equatable {
    /// What the transcript shows.
    public var text: String
    /// The channel payload the sender posts, as JSON text.
    public var payloadJSON: String
    /// Idempotency key for the channel; by default derived from the inbound event id and position,
    /// so a retried step yields the same key.
    public var deliveryID: String?
    /// Not due before this (its channel is paused by a rate limit until then); due at once if nil.
    public var notBefore: Instant?

    public init(text: String, payloadJSON: String, deliveryID: String? = nil, notBefore: Instant? = nil) {
        self.text = text
        self.payloadJSON = payloadJSON
        self.deliveryID = deliveryID
        self.notBefore = notBefore
    }
}

/// A request to hand the conversation to a human queue.
public struct EscalationRequest: Sendable, Equatable {
    public var queue: QueueID
    public var reason: EscalationReason
    /// The classifier's top intents with confidences, best first.
    public var intents: [IntentConfidence]

    public init(queue: QueueID, reason: EscalationReason, intents: [IntentConfidence] = []) {
        self.queue = queue
        self.reason = reason
        self.intents = intents
    }
}

/// One intent with its calibrated confidence.
public struct IntentConfidence: Sendable, Equatable, Codable {
    public var intent: String
    public var confidence: Double

    public init(intent: String, confidence: Double) {
        self.intent = intent
        self.confidence = confidence
    }
}
