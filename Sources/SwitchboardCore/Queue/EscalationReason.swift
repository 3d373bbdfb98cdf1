/// Why a conversation went to a human.
public enum EscalationReason: String, Sendable, CaseIterable, Codable {
    /// The customer asked for a person.
    case customerAsked = "customer_asked"
    /// The classifier was not confident enough to answer.
    case lowConfidence = "low_confidence"
    /// The flow has a hand-off step.
    case flowHandoff = "flow_handoff"
    /// A slot could not be filled within its retries.
    case slotFailed = "slot_failed"
    /// A recognised intent's response is a hand-off (e.g. cancellations go to retention).
    case intentHandoff = "intent_handoff"
    /// An agent moved the conversation from another queue.
    case transferred = "transferred"
    /// The customer wrote again soon after the conversation was resolved.
    case reopened = "reopened"
}

/// Where an agent is: only `online` agents receive work.
public enum Availability: String, Sendable, CaseIterable, Codable {
    case online, away, offline
}

/// Whether an escalation meets its service-level targets.
public enum SLAState: String, Sendable, CaseIterable, Codable, Comparable {
    case ok
    case atRisk = "at_risk"
    case breached

    private var severity: Int {
        switch self {
        case .ok: 0
        case .atRisk: 1
        case .breached: 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.severity < rhs.severity }
}
