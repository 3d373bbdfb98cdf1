public import SwitchboardCore

/// Why an agent operation was refused. Nothing was changed when this is thrown.
public enum QueueError: Error, Sendable, Equatable, CustomStringConvertible {
    case escalationNotFound(EscalationID)
    case agentNotFound(AgentID)
    case alreadyClaimed(EscalationID, by: AgentID)
    case notOwner(EscalationID, agent: AgentID, owner: AgentID?)
    case alreadyResolved(EscalationID)
    case notResolved(EscalationID)
    case atCapacity(AgentID, capacity: Int)
    case invalidCSAT(Int)
    case invalidInput(String)

    public var description: String {
        switch self {
        case .escalationNotFound(let id):
            "escalation \(id) does not exist: list the queue with `switchboard queue list`"
        case .agentNotFound(let agent):
            "agent '\(agent)' is not registered: add them first (see `switchboard agent add --help`)"
        case .alreadyClaimed(let id, let owner):
            "escalation \(id) is already handled by '\(owner)': pick another, or ask them to transfer it"
        case .notOwner(let id, let agent, let owner):
            "'\(agent)' does not own escalation \(id)"
                + (owner.map { " ('\($0)' does): ask them to transfer it" } ?? ": claim it first")
        case .alreadyResolved(let id):
            "escalation \(id) is resolved; it reopens if the customer writes again"
        case .notResolved(let id):
            "escalation \(id) is not resolved yet: CSAT is asked after resolution"
        case .atCapacity(let agent, let capacity):
            "'\(agent)' already handles \(capacity) conversations (their capacity): resolve or release one first"
        case .invalidCSAT(let score):
            "CSAT must be between 1 and 5, not \(score)"
        case .invalidInput(let reason):
            reason
        }
    }
}
