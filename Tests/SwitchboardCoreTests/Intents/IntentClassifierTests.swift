import SwitchboardCore
import Testing

@Suite struct IntentClassifierTests {
    let classifier = ToyBot.classifier

    @Test(arguments: [
        ("I'd like my money back", "refund"),
        ("where is my parcel??", "track_order"),
        ("forgot my pasword", "reset_password"),
        ("are you open on saturday", "opening_hours"),
        ("cancel the subscription", "cancel_subscription"),
        ("pleeease refund me", "refund"),
    ])
    func ranksTheRightIntentFirst(text: String, intent: String) {
        #expect(classifier.classify(text).top?.intent == IntentID(intent))
    }

    @Test func trainingIsDeterministic() {
        let again = IntentClassifier(examples: ToyBot.examples)
        for text in ["refund please", "where is it", "hello", "open sunday?"] {
            #expect(classifier.classify(text).ranked == again.classify(text).ranked)
        }
    }

    @Test func exampleOrderDoesNotChangeTheIntents() {
        let reversed = IntentClassifier(examples: ToyBot.examples.reversed())
        #expect(reversed.intents == classifier.intents)
        #expect(reversed.classify("track my order").top?.intent == "track_order")
    }

    @Test func confidencesAreProbabilitiesRankedBestFirst() {
        let ranked = classifier.classify("refund my order").ranked
        #expect(!ranked.isEmpty)
        #expect(ranked.allSatisfy { $0.confidence >= 0 && $0.confidence <= 1 })
        #expect(zip(ranked, ranked.dropFirst()).allSatisfy { $0.confidence >= $1.confidence })
        #expect(ranked.reduce(0) { $0 + $1.confidence } <= 1.000_001)
    }

    @Test func keywordsWeighHeavily() {
        let text = "my thing from the box"
        let plain = IntentClassifier(examples: ToyBot.examples)
        let boosted = IntentClassifier(examples: ToyBot.examples, keywords: ["refund": ["box"]])
        let before = plain.classify(text).ranked.first { $0.intent == "refund" }?.confidence ?? 0
        let after = boosted.classify(text, explaining: true)
        #expect(after.top?.intent == "refund")
        #expect((after.top?.confidence ?? 0) > before + 0.3)
        #expect(after.explanation.first == "keyword \"box\"")
    }

    @Test func multiWordPhrasesMatchInOrder() {
        let boosted = IntentClassifier(examples: ToyBot.examples, keywords: ["opening_hours": ["bank holiday"]])
        #expect(boosted.classify("is it a Bank Holiday today").top?.intent == "opening_hours")
        #expect(boosted.explain("holiday bank").contains("keyword \"bank holiday\"") == false)
    }

    @Test func keywordOnlyIntentCanBeReturned() {
        let withKeyword = IntentClassifier(examples: ToyBot.examples, keywords: ["complaint": ["complaint", "furious"]])
        #expect(withKeyword.intents.contains("complaint"))
        #expect(withKeyword.classify("I am furious").top?.intent == "complaint")
    }

    @Test func explanationNamesTheEvidence() {
        let explanation = classifier.explain("I want a refund")
        #expect(!explanation.isEmpty)
        #expect(explanation.contains { $0.contains("refund") })
    }

    @Test func explainingChangesNothingButTheExplanation() {
        for text in ["I want a refund", "where is my parcel", "", "🦄 refund pleeease"] {
            let plain = classifier.classify(text)
            let explained = classifier.classify(text, explaining: true)
            #expect(plain.ranked == explained.ranked, "\(text)")
            #expect(plain.explanation.isEmpty, "classify(_:) names no features: \(text)")
        }
    }

    @Test(arguments: [
        "", "   \n\t ", String(repeating: "x", count: 10_000), "🦄🔥🙏🏽", "أريد استرداد أموالي", "我想退款",
        "\u{0}\u{1}\u{7}\u{1B}[31m", String(repeating: "refund ", count: 2_000),
    ])
    func badInputNeverCrashes(text: String) {
        let result = classifier.classify(text)
        #expect(result.ranked.count == min(5, classifier.intents.count))
    }

    @Test(arguments: ["", "   ", "🦄🦄", "我想退款", "مرحبا", "\u{1B}[0m"])
    func unreadableInputGetsLowConfidence(text: String) {
        let confidence = classifier.classify(text).top?.confidence ?? 0
        #expect(confidence < 0.5)
        #expect(DecisionPolicy().decide(classifier.classify(text)) != .confident(ScoredIntent(intent: "refund", confidence: confidence)))
    }

    @Test func outOfScopeExamplesLowerConfidenceOnUnrelatedText() {
        let withReject = IntentClassifier(examples: ToyBot.examples, outOfScope: ToyBot.outOfScope)
        let unrelated = "what is the weather in paris"
        #expect((withReject.classify(unrelated).top?.confidence ?? 1) < (classifier.classify(unrelated).top?.confidence ?? 0))
        #expect(!withReject.intents.contains { $0.rawValue.isEmpty })
    }

    @Test func emptyClassifierReturnsNothing() {
        let empty = IntentClassifier(examples: [])
        #expect(empty.intents.isEmpty)
        #expect(empty.classify("refund").ranked.isEmpty)
        #expect(DecisionPolicy().decide(empty.classify("refund")) == .unknown([]))
    }
}

@Suite struct IntentClassifierDefinitionsTests {
    @Test func trainsFromIntentDefinitions() {
        let definitions = ["refund", "track_order"].map { id in
            IntentDefinition(
                id: IntentID(id), examples: ToyBot.examples.filter { $0.intent.rawValue == id }.map(\.text),
                keywords: id == "refund" ? ["chargeback"] : [], response: .goTo(StateID(id)))
        }
        let classifier = IntentClassifier(definitions: definitions.reversed(), outOfScope: ToyBot.outOfScope)
        #expect(classifier.intents == ["refund", "track_order"])
        #expect(classifier.classify("I filed a chargeback").top?.intent == "refund")
        #expect(classifier.classify("where is my parcel").top?.intent == "track_order")
    }
}
