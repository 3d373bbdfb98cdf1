/// One flow file: a named set of states. Exactly one flow of a bot declares the start state.
public struct Flow: Hashable, Sendable {
    public var id: FlowID
    public var file: String
    /// The welcome state, when this file declares it.
    public var start: StateID?
    public var states: [StateID: FlowState]
    /// The states in file order, for stable output.
    public var stateOrder: [StateID]
    public var commands: [GlobalCommand]
    /// Idle time after which the next DM starts again at the start state.
    public var sessionExpiry: Duration?
    public var location: SourceLocation?

    public init(
        id: FlowID, file: String, start: StateID? = nil, states: [FlowState] = [], commands: [GlobalCommand] = [],
        sessionExpiry: Duration? = nil, location: SourceLocation? = nil
    ) {
        self.id = id
        self.file = file
        self.start = start
        self.states = Dictionary(states.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.stateOrder = states.map(\.id)
        self.commands = commands
        self.sessionExpiry = sessionExpiry
        self.location = location
    }
}
