/// An escalation waiting for an agent, as the assigner sees it.
public struct WaitingEscalation: Sendable, Equatable {
    public var id: Int64
    public var queue: QueueID
    /// Priority rank: higher first (see `PriorityPolicy.rankKey`).
    public var rank: Double
    public var createdAt: Instant

    public init(id: Int64, queue: QueueID, rank: Double, createdAt: Instant) {
        self.id = id
        self.queue = queue
        self.rank = rank
        self.createdAt = createdAt
    }
}

/// An agent's capacity, as the assigner sees it.
public struct AgentLoad: Sendable, Equatable {
    public var id: AgentID
    public var queues: Set<QueueID>
    public var availability: Availability
    public var capacity: Int
    /// Conversations the agent owns now.
    public var load: Int

    public init(id: AgentID, queues: Set<QueueID>, availability: Availability, capacity: Int, load: Int) {
        self.id = id
        self.queues = queues
        self.availability = availability
        self.capacity = capacity
        self.load = load
    }
}

/// One decision of the assigner.
public struct Assignment: Sendable, Equatable {
    public var escalationID: Int64
    public var agent: AgentID
}

/// Chooses who gets which waiting escalation.
///
/// Highest rank first, oldest first on ties (then lowest id); each goes to an online agent of its
/// queue with free capacity, the least loaded one (relative to capacity), ties broken by agent id.
/// O(w log w + w·a) for w escalations and a agents.
public enum AutoAssigner {
    public static func assignments(waiting: [WaitingEscalation], agents: [AgentLoad]) -> [Assignment] {
        var agents = agents.filter { $0.availability == .online && $0.load < $0.capacity }
        guard !agents.isEmpty else { return [] }
        let ordered = waiting.sorted {
            ($0.rank, $1.createdAt, $1.id) > ($1.rank, $0.createdAt, $0.id)
        }
        var result: [Assignment] = []
        for escalation in ordered {
            var best: Int?
            for index in agents.indices where agents[index].queues.contains(escalation.queue)
                && agents[index].load < agents[index].capacity
            {
                guard let current = best else {
                    best = index
                    continue
                }
                let candidate = agents[index]
                let chosen = agents[current]
                let lhs = Double(candidate.load) / Double(candidate.capacity)
                let rhs = Double(chosen.load) / Double(chosen.capacity)
                if lhs < rhs || (lhs == rhs && candidate.id < chosen.id) { best = index }
            }
            guard let best else { continue }
            agents[best].load += 1
            result.append(Assignment(escalationID: escalation.id, agent: agents[best].id))
        }
        return result
    }
}
