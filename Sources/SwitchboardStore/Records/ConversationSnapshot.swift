public import SwitchboardCore

/// Who answers a conversation now.
public enum ConversationOwner: Sendable, Equatable, CustomStringConvertible {
    /// The bot runs the conversation.
    case bot
    /// Escalated and waiting for an agent of this queue: the bot stays silent.
    case queue(QueueID)
    /// An agent owns it: the bot stays silent until the agent resolves or hands it back.
    case agent(AgentID)

    public var description: String {
        switch self {
        case .bot: "bot"
        case .queue(let queue): "queue:\(queue)"
        case .agent(let agent): "agent:\(agent)"
        }
    }

    var columns: (kind: String, id: String?) {
        switch self {
        case .bot: ("bot", nil)
        case .queue(let queue): ("queue", queue.rawValue)
        case .agent(let agent): ("agent", agent.rawValue)
        }
    }

    init?(kind: String, id: String?) {
        switch (kind, id) {
        case ("bot", _): self = .bot
        case ("queue", let id?): self = .queue(QueueID(id))
        case ("agent", let id?): self = .agent(AgentID(id))
        default: return nil
        }
    }
}

/// A conversation as stored: the engine's state is an opaque blob the store never reads.
public struct ConversationSnapshot: Sendable, Equatable {
    public var id: ConversationRowID
    public var key: ConversationKey
    /// The engine's state, encoded by the engine (e.g. JSON).
    public var state: [UInt8]
    /// Captured slots.
    public var slots: [String: String]
    public var owner: ConversationOwner
    public var createdAt: Instant
    public var updatedAt: Instant
    public var lastInboundAt: Instant?
    /// Incremented on every change.
    public var version: Int64

    public init(
        id: ConversationRowID, key: ConversationKey, state: [UInt8], slots: [String: String], owner: ConversationOwner,
        createdAt: Instant, updatedAt: Instant, lastInboundAt: Instant?, version: Int64
    ) {
        self.id = id
        self.key = key
        self.state = state
        self.slots = slots
        self.owner = owner
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lastInboundAt = lastInboundAt
        self.version = version
    }
}
