import SwitchboardCore
import Testing

@Suite struct AutoAssignerTests {
    let now = Instant(milliseconds: 0)

    func waiting(_ id: Int64, _ queue: QueueID = "billing", rank: Double, minute: Int64) -> WaitingEscalation {
        WaitingEscalation(id: id, queue: queue, rank: rank, createdAt: now.adding(minutes: minute))
    }

    @Test func highestPriorityFirstThenOldest() {
        let agents = [AgentLoad(id: "alice", queues: ["billing"], availability: .online, capacity: 2, load: 0)]
        let result = AutoAssigner.assignments(
            waiting: [waiting(1, rank: 10, minute: 0), waiting(2, rank: 50, minute: 5), waiting(3, rank: 10, minute: -5)],
            agents: agents)
        #expect(result.map(\.escalationID) == [2, 3])
    }

    @Test func onlyOnlineAgentsOfTheQueueWithRoom() {
        let agents = [
            AgentLoad(id: "away", queues: ["billing"], availability: .away, capacity: 5, load: 0),
            AgentLoad(id: "full", queues: ["billing"], availability: .online, capacity: 1, load: 1),
            AgentLoad(id: "tech", queues: ["tech"], availability: .online, capacity: 5, load: 0),
        ]
        #expect(AutoAssigner.assignments(waiting: [waiting(1, rank: 1, minute: 0)], agents: agents).isEmpty)
    }

    @Test func leastLoadedAgentGetsTheWork() {
        let agents = [
            AgentLoad(id: "busy", queues: ["billing"], availability: .online, capacity: 4, load: 3),
            AgentLoad(id: "idle", queues: ["billing"], availability: .online, capacity: 4, load: 0),
        ]
        let result = AutoAssigner.assignments(waiting: (1...4).map { waiting($0, rank: 0, minute: $0) }, agents: agents)
        #expect(result.map(\.agent.rawValue) == ["idle", "idle", "idle", "busy"])
    }
}

@Suite struct CSATAnswerTests {
    @Test(arguments: [("5", 5), ("4/5", 4), (" 3 stars", 3), ("⭐⭐", 2), ("1.", 1)])
    func readsScores(text: String, score: Int) {
        #expect(CSATAnswer.score(in: text) == score)
    }

    @Test(arguments: ["0", "6", "5 more problems with my order", "great", ""])
    func ignoresOtherMessages(text: String) {
        #expect(CSATAnswer.score(in: text) == nil)
    }
}
