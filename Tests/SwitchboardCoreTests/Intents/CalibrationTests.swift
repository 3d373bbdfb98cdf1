import SwitchboardCore
import Testing

@Suite struct CalibrationTests {
    /// Two well-separated synthetic intents with label noise: on held-out data, a confidence of
    /// about p should be right about p of the time.
    @Test func confidencesMatchHeldOutAccuracyOnSyntheticData() {
        var generator = SeededGenerator(seed: 7)
        let alpha = ["apple", "apricot", "avocado", "almond", "anise", "artichoke"]
        let beta = ["banana", "blueberry", "basil", "beet", "broccoli", "brussels"]
        func sentence(_ words: [String], noise: [String]) -> String {
            (0..<4).map { _ in
                Int.random(in: 0..<10, using: &generator) < 7 ? words.randomElement(using: &generator) ?? ""
                    : noise.randomElement(using: &generator) ?? ""
            }.joined(separator: " ")
        }
        func sample(_ count: Int) -> [LabeledUtterance] {
            (0..<count).map { index in
                index % 2 == 0
                    ? LabeledUtterance(text: sentence(alpha, noise: beta), intent: "alpha")
                    : LabeledUtterance(text: sentence(beta, noise: alpha), intent: "beta")
            }
        }
        let train = sample(600)
        let test = sample(600)
        let classifier = IntentClassifier(examples: train)
        let predictions = IntentEvaluator.predict(classifier, test)
        let table = ReliabilityTable(predictions, binCount: 5)
        #expect(table.expectedCalibrationError < 0.08, "ECE \(table.expectedCalibrationError)")
        #expect(classifier.temperature != ClassifierConfiguration().defaultTemperature)
    }

    @Test func smallBotsCrossFitTheirTemperatureAndTinyOnesUseTheDefault() {
        #expect(ToyBot.classifier.temperature != ClassifierConfiguration().defaultTemperature)
        let tiny = IntentClassifier(examples: Array(ToyBot.examples.prefix(10)))
        #expect(tiny.temperature == ClassifierConfiguration().defaultTemperature)
    }
}
