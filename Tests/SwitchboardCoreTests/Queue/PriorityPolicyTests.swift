import SwitchboardCore
import Testing

@Suite struct PriorityPolicyTests {
    let policy = PriorityPolicy()
    let created = Instant(milliseconds: 1_700_000_000_000)

    @Test func explanationListsEveryTerm() {
        let base = policy.basePriority(
            PriorityInputs(tone: .negative, followers: 250_000, contactsThisWeek: 3, reason: .customerAsked))
        let now = created.adding(minutes: 42)
        let priority = policy.priority(base: base, createdAt: created, now: now)
        #expect(priority.explanation
            == "+30 negative tone, +20 reach 250k followers, +10 third contact this week, +25 asked for a person, +14 waiting 42 min")
        #expect(priority.score == 99)
    }

    @Test func noSignalsSaysSo() {
        let base = policy.basePriority(PriorityInputs(tone: .positive, followers: 10, contactsThisWeek: 1, reason: .flowHandoff))
        #expect(base.score == 0)
        #expect(base.explanation == "no priority signals")
    }

    @Test func weightsAreConfigurable() {
        var weights = PriorityWeights()
        weights.askedForPerson = 100
        weights.reachTiers = [.init(followers: 1_000, points: 5)]
        let base = PriorityPolicy(weights: weights).basePriority(
            PriorityInputs(tone: .neutral, followers: 1_500, contactsThisWeek: 1, reason: .customerAsked))
        #expect(base.explanation == "+5 reach 1.5k followers, +100 asked for a person")
    }

    @Test func repeatContactsAreCapped() {
        let base = policy.basePriority(PriorityInputs(tone: .neutral, followers: 0, contactsThisWeek: 40, reason: .slotFailed))
        #expect(base.score == PriorityWeights().repeatContactCap)
        #expect(base.explanation.contains("40th contact"))
    }

    /// The stored rank key orders escalations exactly as their priority "now" does, at any now.
    @Test func rankKeyOrdersLikeThePriorityAtAnyInstant() {
        let older = (score: 10.0, created: created)
        let newer = (score: 30.0, created: created.adding(minutes: 30))
        let keyOlder = policy.rankKey(baseScore: older.score, createdAt: older.created)
        let keyNewer = policy.rankKey(baseScore: newer.score, createdAt: newer.created)
        for minutes in [30, 60, 120, 600] as [Int64] {
            let now = created.adding(minutes: minutes)
            let olderNow = policy.priority(base: Priority(contributions: [.init(points: older.score, reason: "")]),
                                           createdAt: older.created, now: now).score
            let newerNow = policy.priority(base: Priority(contributions: [.init(points: newer.score, reason: "")]),
                                           createdAt: newer.created, now: now).score
            #expect((keyOlder > keyNewer) == (olderNow > newerNow))
            #expect(abs(policy.score(rankKey: keyNewer, now: now) - newerNow) < 1e-6)
        }
    }
}
