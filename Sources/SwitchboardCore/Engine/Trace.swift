/// What the engine did and why, for `switchboard chat --explain`, logs and metrics.
public enum TraceEvent: Hashable, Sendable, CustomStringConvertible {
    case sessionExpired(idle: Duration)
    case started(StateID)
    case entered(StateID, from: StateID?)
    case optionTapped(label: String, how: TapEvidence)
    case metadataRejected(MetadataProblem)
    case command(String)
    case classified(Decision)
    case slotCaptured(SlotName, String)
    case slotRejected(SlotName, failures: Int)
    case handedOff(QueueID, EscalationReason)
    case ignoredWhileWithAgent
    case ended

    /// How a tap was recognised.
    public enum TapEvidence: String, Hashable, Sendable {
        case metadata
        case typedLabel = "typed label"
        case numberTyped = "number typed"
    }

    /// Why returned quick-reply metadata was not taken at its word.
    public enum MetadataProblem: Hashable, Sendable {
        case unrecognised
        case stale
        case otherFlowVersion
    }

    public var description: String {
        switch self {
        case .sessionExpired(let idle): "session expired after \(idle.wholeMilliseconds / 60_000) min idle"
        case .started(let state): "start → \(state)"
        case .entered(let state, let from): "\(from.map(\.rawValue) ?? "∅") → \(state)"
        case .optionTapped(let label, let how): "option '\(label)' (\(how.rawValue))"
        case .metadataRejected(let problem): "quick-reply metadata not accepted: \(problem)"
        case .command(let word): "command '\(word)'"
        case .classified(let decision): "classifier: \(decision)"
        case .slotCaptured(let slot, let value): "slot \(slot) = \(value)"
        case .slotRejected(let slot, let failures): "slot \(slot) rejected (\(failures) wrong)"
        case .handedOff(let queue, let reason): "hand-off to \(queue) (\(reason.rawValue))"
        case .ignoredWhileWithAgent: "with an agent: the bot stays silent"
        case .ended: "conversation ended"
        }
    }
}

/// The result of one engine step.
public struct StepResult: Sendable {
    public var conversation: Conversation
    public var effects: [Effect]
    public var trace: [TraceEvent]

    public init(conversation: Conversation, effects: [Effect], trace: [TraceEvent]) {
        self.conversation = conversation
        self.effects = effects
        self.trace = trace
    }
}
