public import SwitchboardCore

/// Where an escalation is in its life.
public enum EscalationStatus: String, Sendable, CaseIterable, Codable {
    case waiting, assigned, resolved
}

/// Which escalations to list.
public struct EscalationFilter: Sendable, Equatable {
    public var queue: QueueID?
    /// Nil means open (waiting or assigned).
    public var status: EscalationStatus?
    public var agent: AgentID?
    public var sla: SLAState?
    public var limit: Int

    public init(
        queue: QueueID? = nil, status: EscalationStatus? = nil, agent: AgentID? = nil, sla: SLAState? = nil,
        limit: Int = 50
    ) {
        self.queue = queue
        self.status = status
        self.agent = agent
        self.sla = sla
        self.limit = limit
    }

    /// A page larger than this is not a screen an agent reads.
    public static let maximumLimit = 1_000
}

/// Where a transfer sends an escalation.
public enum TransferTarget: Sendable, Equatable {
    case queue(QueueID)
    case agent(AgentID)
}

/// An escalation as the queue shows it.
public struct EscalationSummary: Sendable, Equatable {
    public var id: EscalationID
    public var conversation: ConversationRowID
    public var key: ConversationKey
    public var customerName: String?
    public var customerHandle: String?
    public var queue: QueueID
    public var reason: EscalationReason
    public var intents: [IntentConfidence]
    public var status: EscalationStatus
    public var agent: AgentID?
    /// Priority at the time of the query, with its explanation.
    public var priority: Priority
    public var createdAt: Instant
    public var firstResponseAt: Instant?
    public var resolvedAt: Instant?
    public var resolvedBy: AgentID?
    public var deadlines: SLADeadlines
    public var sla: SLAState
    public var csat: Int?
    public var reopenedCount: Int
}

/// An escalation with its transcript and the customer's history, for the agent's screen.
public struct EscalationDetail: Sendable, Equatable {
    public var summary: EscalationSummary
    /// The conversation's events from shortly before the escalation on (bounded).
    public var transcript: [StoredEvent]
    public var customer: CustomerHistory

    /// Events shown before the escalation: enough context without loading a year of chat.
    public static let transcriptContext = 20
    public static let maximumTranscript = 500
}

/// What an agent should know about a customer.
public struct CustomerHistory: Sendable, Equatable {
    public var key: ConversationKey
    public var name: String?
    public var handle: String?
    public var followers: Int
    public var firstSeenAt: Instant?
    /// Contacts (conversations after a silence) ever, and within the contact window.
    public var contacts: Int
    public var contactsThisWeek: Int
    /// Earlier escalations, newest first (bounded), with their outcomes.
    public var escalations: [EscalationOutcome]
    public var averageCSAT: Double?
    /// Recent message tones, oldest first (bounded).
    public var tones: [TonePoint]
    public var toneTrend: ToneTrend

    /// Escalations and tone points shown.
    public static let maximumItems = 50
}

/// How one escalation ended.
public struct EscalationOutcome: Sendable, Equatable {
    public var id: EscalationID
    public var queue: QueueID
    public var reason: EscalationReason
    public var status: EscalationStatus
    public var createdAt: Instant
    public var resolvedAt: Instant?
    public var resolvedBy: AgentID?
    public var csat: Int?
    public var reopenedCount: Int
}

/// One message's tone in the customer's history.
public struct TonePoint: Sendable, Equatable {
    public var at: Instant
    public var score: Double
    public var label: ToneLabel
}

/// Whether the customer's recent messages are getting friendlier or angrier.
public enum ToneTrend: String, Sendable, Equatable {
    case improving, steady, worsening, unknown
}
