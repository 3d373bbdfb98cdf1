import Foundation
import SwitchboardCore
import Testing
import switchboard

@Suite struct EvaluationDatasetTests {
    /// A fresh folder per test, removed afterwards.
    final class TemporaryFolder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("eval-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }

        func write(_ name: String, _ contents: String) throws -> String {
            let file = url.appendingPathComponent(name)
            try contents.write(to: file, atomically: true, encoding: .utf8)
            return file.path
        }
    }

    static let clinc = """
        {"train": [["i want a refund", "refund"], ["money back please", "refund"], ["refund my order", "refund"],
                   ["where is my package", "track"], ["track my order", "track"], ["has it shipped", "track"]],
         "val": [["refund please", "refund"], ["where is my order", "track"]],
         "test": [["give me a refund", "refund"], ["track the package", "track"]],
         "oos_train": [["tell me a joke", "oos"]], "oos_val": [["weather today", "oos"]],
         "oos_test": [["who won the game", "oos"]]}
        """

    @Test func loadsTheClincLayout() throws {
        let folder = try TemporaryFolder()
        let dataset = try EvaluationDataset.load(path: folder.write("data_full.json", Self.clinc))
        #expect(dataset.layout == .clinc150)
        #expect(dataset.train.count == 6)
        #expect(dataset.validation.first == LabeledUtterance(text: "refund please", intent: "refund"))
        #expect(dataset.outOfScopeTest == ["who won the game"])
    }

    @Test func loadsTheHWULayout() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(
            "splits.json",
            #"{"intents": ["alarm_set"], "train": [["wake me at 7", "alarm_set"]], "val": [], "test": [["alarm at 6", "alarm_set"]], "meta": {}}"#)
        let dataset = try EvaluationDataset.load(path: path)
        #expect(dataset.layout == .hwu64)
        #expect(dataset.test == [LabeledUtterance(text: "alarm at 6", intent: "alarm_set")])
        #expect(dataset.outOfScopeTrain.isEmpty)
    }

    @Test func missingFileSaysWhatToPass() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("nope.json").path
        #expect(throws: DatasetError.missingFile(path: path)) { try EvaluationDataset.load(path: path) }
        #expect(DatasetError.missingFile(path: path).description.contains("data_full.json"))
    }

    @Test(arguments: [
        ("not json at all", "notJSON"),
        ("[1, 2]", "notJSON"),
        (#"{"train": [], "val": []}"#, "missingSplit"),
        (#"{"train": [["only text"]], "val": [], "test": []}"#, "malformedSplit"),
        (#"{"train": "oops", "val": [], "test": []}"#, "malformedSplit"),
        (#"{"train": [["text", 3]], "val": [], "test": []}"#, "malformedSplit"),
    ])
    func malformedFilesAreTypedErrors(contents: String, kind: String) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("bad.json", contents)
        do {
            _ = try EvaluationDataset.load(path: path)
            Issue.record("expected an error for \(contents)")
        } catch {
            let matches: Bool
            switch error {
            case .notJSON: matches = kind == "notJSON"
            case .missingSplit(_, let split): matches = kind == "missingSplit" && split == "test"
            case .malformedSplit: matches = kind == "malformedSplit"
            default: matches = false
            }
            #expect(matches, "\(error)")
            #expect(error.description.hasPrefix(path))
        }
    }

    @Test func runEvaluationRendersTextJSONAndAPlot() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("data_full.json", Self.clinc)
        let plot = folder.url.appendingPathComponent("risk.svg").path
        var messages: [String] = []
        let text = try runEvaluation(
            datasetPath: path, examples: nil, format: .text, targetPrecision: 0.9, plotPath: plot,
            progress: { messages.append($0.message) })
        #expect(text.contains("held-out test split"))
        #expect(messages.count == 4)
        #expect(try String(contentsOfFile: plot, encoding: .utf8).hasPrefix("<svg"))
        let json = try runEvaluation(datasetPath: path, examples: nil, format: .json, targetPrecision: 0.9, plotPath: nil)
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
    }

    @Test func runEvaluationCrossValidatesExamplesWithoutADataset() throws {
        let examples = ["refund", "track"].flatMap { intent in
            (0..<6).map { LabeledUtterance(text: "\(intent) request number \($0)", intent: IntentID(intent)) }
        }
        let text = try runEvaluation(datasetPath: nil, examples: examples, format: .text, targetPrecision: 0.9, plotPath: nil, folds: 3)
        #expect(text.contains("3-fold cross-validation"))
    }

    @Test func runEvaluationRejectsMissingDataAndBadTargets() {
        #expect(throws: EvaluationRunError.noData) {
            try runEvaluation(datasetPath: nil, examples: nil, format: .text, targetPrecision: 0.9, plotPath: nil)
        }
        #expect(throws: EvaluationRunError.invalidTarget(1.5)) {
            try runEvaluation(datasetPath: nil, examples: [], format: .text, targetPrecision: 1.5, plotPath: nil)
        }
    }
}
