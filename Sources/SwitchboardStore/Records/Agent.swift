public import SwitchboardCore

/// An agent to add or update.
public struct AgentRegistration: Sendable {
    public var id: AgentID
    public var name: String
    public var queues: Set<QueueID>
    /// Conversations the agent handles at once.
    public var capacity: Int
    public var availability: Availability
    /// The agent's API token; only its SHA-256 is stored. Nil keeps the current token.
    public var token: String?

    public init(
        id: AgentID, name: String, queues: Set<QueueID>, capacity: Int, availability: Availability = .offline,
        token: String? = nil
    ) {
        self.id = id
        self.name = name
        self.queues = queues
        self.capacity = capacity
        self.availability = availability
        self.token = token
    }

    /// Agent ids and names are short labels.
    public static let maximumLabelLength = 200
    /// Nobody works on more than this many conversations at once.
    public static let maximumCapacity = 1_000
}

/// An agent as stored, with the number of conversations they own now.
public struct Agent: Sendable, Equatable {
    public var id: AgentID
    public var name: String
    public var queues: [QueueID]
    public var capacity: Int
    public var availability: Availability
    public var load: Int
}

/// An escalation given to an agent (by auto-assignment or a claim).
public struct EscalationAssignment: Sendable, Equatable {
    public var escalation: EscalationID
    public var agent: AgentID
    public var conversation: ConversationRowID
}
