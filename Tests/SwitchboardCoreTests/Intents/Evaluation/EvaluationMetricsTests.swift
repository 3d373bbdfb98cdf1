import SwitchboardCore
import Testing

@Suite struct EvaluationMetricsTests {
    func prediction(_ expected: String?, _ predicted: String, _ confidence: Double) -> EvaluatedPrediction {
        EvaluatedPrediction(
            expected: expected.map { IntentID($0) }, ranked: [ScoredIntent(intent: IntentID(predicted), confidence: confidence)])
    }

    @Test func aurocCountsOrderedPairs() {
        // Pairs (p, n): 0.9 beats both, 0.8 beats both, 0.4 beats only 0.1 → 5 of 6.
        let area = ReceiverOperatingCharacteristic.area(positives: [0.9, 0.8, 0.4], negatives: [0.5, 0.1])
        #expect(abs((area ?? 0) - 5.0 / 6.0) < 1e-12)
    }

    @Test func aurocCountsTiesAsHalf() {
        #expect(ReceiverOperatingCharacteristic.area(positives: [0.5], negatives: [0.5]) == 0.5)
        #expect(ReceiverOperatingCharacteristic.area(positives: [0.7, 0.5], negatives: [0.5]) == 0.75)
        #expect(ReceiverOperatingCharacteristic.area(positives: [], negatives: [0.5]) == nil)
    }

    @Test func macroF1AveragesPerIntentScores() {
        // a: tp 2, predicted 3, expected 2 → P 2/3, R 1, F1 0.8
        // b: tp 1, predicted 1, expected 2 → P 1, R 1/2, F1 2/3
        let predictions = [
            prediction("a", "a", 0.9), prediction("a", "a", 0.9), prediction("b", "b", 0.9), prediction("b", "a", 0.9),
        ]
        let f1 = ClassificationMetrics.macroF1(predictions) ?? 0
        #expect(abs(f1 - (0.8 + 2.0 / 3.0) / 2) < 1e-12)
        #expect(ClassificationMetrics.accuracy(predictions) == 0.75)
    }

    @Test func macroF1IgnoresOutOfScopeAndHandlesEmpty() {
        #expect(ClassificationMetrics.macroF1([]) == nil)
        #expect(ClassificationMetrics.macroF1([prediction(nil, "a", 0.9), prediction("a", "a", 0.9)]) == 1)
    }

    @Test func expectedCalibrationErrorIsTheWeightedGap() {
        // Bin 0.9–1.0: confidences 0.95, 0.95, right once → gap |0.5 − 0.95| = 0.45, weight 2/4.
        // Bin 0.6–0.7: confidences 0.65, 0.65, right twice → gap |1 − 0.65| = 0.35, weight 2/4.
        let table = ReliabilityTable(outcomes: [(0.95, true), (0.95, false), (0.65, true), (0.65, true)], binCount: 10)
        #expect(abs(table.expectedCalibrationError - 0.4) < 1e-12)
        #expect(table.bins.count == 10)
        #expect(table.bins[9].count == 2)
        #expect(table.bins[6].accuracy == 1)
    }

    @Test func perfectCalibrationHasZeroError() {
        let table = ReliabilityTable(outcomes: [(1.0, true), (1.0, true), (0.0, false)])
        #expect(table.expectedCalibrationError == 0)
    }

    @Test func thresholdPointCountsCoveragePrecisionAndRecall() {
        let predictions = [
            prediction("a", "a", 0.9), prediction("a", "b", 0.8), prediction("b", "b", 0.3),
            prediction(nil, "a", 0.85), prediction(nil, "b", 0.2),
        ]
        let point = ThresholdSweep.point(at: 0.5, predictions)
        #expect(point.coverage == 2.0 / 3.0)
        #expect(point.precision == 1.0 / 3.0)
        #expect(point.outOfScopeRecall == 0.5)
        #expect(point.answered == 3)
        #expect(ThresholdSweep.point(at: 0.95, predictions).precision == 1)
    }

    @Test func outOfScopeShareWeighsPrecisionToTheStatedTraffic() {
        let predictions = [
            prediction("a", "a", 0.9), prediction("a", "b", 0.8), prediction("b", "b", 0.3),
            prediction(nil, "a", 0.85), prediction(nil, "b", 0.2),
        ]
        // Half the traffic out of scope: each of the 2 out-of-scope messages weighs 3/2.
        let point = ThresholdSweep.point(at: 0.5, predictions, outOfScopeShare: 0.5)
        #expect(abs(point.precision - 1.0 / 3.5) < 1e-12)
        #expect(point.coverage == 2.0 / 3.0)
        #expect(ThresholdSweep.point(at: 0.5, predictions, outOfScopeShare: 0).precision == 0.5)
    }

    @Test func recommendedThresholdIsTheLowestThatReachesTheTarget() {
        let predictions = [prediction("a", "a", 0.9), prediction("a", "b", 0.6), prediction(nil, "a", 0.4)]
        #expect(ThresholdSweep.recommendedThreshold(for: 1.0, on: predictions) == 0.61)
        #expect(ThresholdSweep.recommendedThreshold(for: 0.5, on: predictions) == 0.41)
        #expect(ThresholdSweep.recommendedThreshold(for: 1.0, on: [prediction("a", "b", 0.99)]) == nil)
    }

    @Test func confusedPairsAreCountedAndOrdered() {
        let predictions = [
            prediction("a", "b", 0.5), prediction("a", "b", 0.5), prediction("b", "a", 0.5), prediction("c", "c", 0.5),
        ]
        let pairs = ClassificationMetrics.confusedPairs(predictions)
        #expect(pairs == [
            ConfusedPair(expected: "a", predicted: "b", count: 2), ConfusedPair(expected: "b", predicted: "a", count: 1),
        ])
        let duplicates = NearDuplicateIntents.find(in: predictions, minimumRate: 0.5)
        #expect(duplicates.count == 1)
        #expect(duplicates.first?.first == "a")
        #expect(duplicates.first?.rate == 1)
        #expect(NearDuplicateIntents.find(in: predictions, minimumRate: 1.01).isEmpty)
    }

    @Test func stratifiedFoldsSpreadEachLabelAndCoverEveryIndex() {
        let labels = Array(repeating: "a", count: 10) + Array(repeating: "b", count: 5)
        let folds = StratifiedFolds.make(labels: labels, count: 5, seed: 1)
        #expect(folds.count == 5)
        #expect(folds.flatMap { $0 }.sorted() == Array(0..<15))
        for fold in folds {
            #expect(fold.filter { labels[$0] == "a" }.count == 2)
            #expect(fold.filter { labels[$0] == "b" }.count == 1)
        }
        #expect(StratifiedFolds.make(labels: labels, count: 5, seed: 1) == folds)
    }
}
