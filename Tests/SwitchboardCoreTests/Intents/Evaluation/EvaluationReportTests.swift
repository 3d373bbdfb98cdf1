import Foundation
import SwitchboardCore
import Testing

@Suite struct EvaluationReportTests {
    static let report = IntentEvaluator.crossValidated(
        examples: ToyBot.examples, outOfScope: ToyBot.outOfScope, folds: 4, targetPrecision: 0.9)

    @Test func crossValidationMeasuresEveryExample() {
        let report = Self.report
        #expect(report.evaluatedInScope == ToyBot.examples.count)
        #expect(report.evaluatedOutOfScope == ToyBot.outOfScope.count)
        #expect(report.intentCount == 5)
        #expect((report.accuracy ?? 0) > 0.6)
        #expect(report.areaUnderROC != nil)
        #expect(report.sweep.count == ThresholdSweep.defaultThresholds.count)
    }

    @Test func progressIsReportedPerFold() {
        var steps: [EvaluationProgress] = []
        _ = IntentEvaluator.crossValidated(examples: ToyBot.examples, folds: 3, targetPrecision: 0.9) { steps.append($0) }
        #expect(steps.map(\.completed) == [0, 1, 2, 3])
        #expect(steps.allSatisfy { $0.total == 3 })
    }

    @Test func textReportHasAlignedTables() {
        let text = Self.report.text
        #expect(text.contains("accuracy"))
        #expect(text.contains("Threshold sweep"))
        let sweepLines = text.split(separator: "\n").drop { !$0.hasPrefix("Threshold sweep") }.dropFirst()
            .prefix(ThresholdSweep.defaultThresholds.count + 1)
        #expect(Set(sweepLines.map(\.count)).count == 1, "every row of the table has the same width")
    }

    @Test func jsonReportParses() throws {
        let data = Data(Self.report.json.utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["intentCount"] as? Int == 5)
        #expect((object["sweep"] as? [Any])?.count == ThresholdSweep.defaultThresholds.count)
        #expect(object["method"] as? String == "4-fold cross-validation")
    }

    @Test func svgChartIsAStandaloneDocument() {
        let svg = Self.report.riskCoverageSVG
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("<polyline"))
        #expect(!svg.contains("nan"))
    }

    @Test func heldOutEvaluationChoosesTheThresholdOnValidation() {
        let train = ToyBot.examples.enumerated().filter { $0.offset % 4 != 0 }.map(\.element)
        let held = ToyBot.examples.enumerated().filter { $0.offset % 4 == 0 }.map(\.element)
        let report = IntentEvaluator.heldOut(
            train: train, validation: held, test: held, outOfScopeTrain: ToyBot.outOfScope,
            targetPrecision: 0.5)
        #expect(report.recommended != nil)
        #expect(report.trainingExamples == train.count)
        #expect(report.method.contains("held-out"))
    }

    @Test func nearDuplicateIntentsAreFoundForMergedIntents() {
        // Two intents with the same examples are indistinguishable.
        let duplicated = ToyBot.examples + ToyBot.examples.filter { $0.intent == "refund" }.map {
            LabeledUtterance(text: $0.text, intent: "money_back")
        }
        let pairs = IntentEvaluator.nearDuplicateIntents(examples: duplicated, folds: 4, minimumRate: 0.2)
        #expect(pairs.contains { Set([$0.first, $0.second]) == Set(["refund", "money_back"]) })
    }
}
