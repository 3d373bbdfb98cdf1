import SwitchboardCore
import Testing

@Suite struct DecisionPolicyTests {
    let policy = DecisionPolicy(threshold: 0.7, ambiguityMargin: 0.15)

    func classification(_ scores: [(String, Double)]) -> Classification {
        Classification(ranked: scores.map { ScoredIntent(intent: IntentID($0.0), confidence: $0.1) })
    }

    @Test func confidentWhenAboveThresholdAndClearlyAhead() {
        let result = policy.decide(classification([("refund", 0.9), ("track_order", 0.05)]))
        #expect(result == .confident(ScoredIntent(intent: "refund", confidence: 0.9)))
    }

    @Test func ambiguousWhenTwoCloseIntentsTogetherAreLikely() {
        let result = policy.decide(classification([("refund", 0.46), ("cancel_subscription", 0.41), ("track_order", 0.1)]))
        #expect(result == .ambiguous([
            ScoredIntent(intent: "refund", confidence: 0.46), ScoredIntent(intent: "cancel_subscription", confidence: 0.41),
        ]))
    }

    @Test func ambiguousCarriesAtMostThreeChoices() {
        let result = policy.decide(classification([("a", 0.26), ("b", 0.25), ("c", 0.24), ("d", 0.23)]))
        guard case .ambiguous(let choices) = result else {
            Issue.record("expected ambiguous, got \(result)")
            return
        }
        #expect(choices.map(\.intent) == ["a", "b", "c"])
    }

    @Test func unknownWhenNothingIsLikelyEnough() {
        let result = policy.decide(classification([("refund", 0.3), ("track_order", 0.1), ("a", 0.05), ("b", 0.01)]))
        #expect(result == .unknown([
            ScoredIntent(intent: "refund", confidence: 0.3), ScoredIntent(intent: "track_order", confidence: 0.1),
            ScoredIntent(intent: "a", confidence: 0.05),
        ]))
    }

    @Test func perIntentThresholdOverridesTheBotThreshold() {
        var strict = policy
        strict.perIntentThreshold = ["cancel_subscription": 0.95]
        let scores = classification([("cancel_subscription", 0.9), ("refund", 0.02)])
        #expect(policy.decide(scores) == .confident(ScoredIntent(intent: "cancel_subscription", confidence: 0.9)))
        guard case .unknown = strict.decide(scores) else {
            Issue.record("a stricter per-intent threshold must hand off")
            return
        }
    }

    @Test func closeButConfidentTopIsStillAmbiguous() {
        let result = policy.decide(classification([("refund", 0.75), ("cancel_subscription", 0.7)]))
        guard case .ambiguous(let choices) = result else {
            Issue.record("expected ambiguous, got \(result)")
            return
        }
        #expect(choices.count == 2)
    }
}
