import Foundation
public import SwitchboardCore

/// How `switchboard eval` prints its report.
public enum EvaluationFormat: String, Sendable, CaseIterable {
    case text, json
}

/// Why an evaluation could not run.
public enum EvaluationRunError: Error, Equatable, CustomStringConvertible {
    case noData
    case tooFewExamples(count: Int)
    case invalidTarget(Double)
    case cannotWritePlot(path: String, detail: String)

    public var description: String {
        switch self {
        case .noData:
            return "nothing to evaluate: pass --dataset PATH (CLINC150 or HWU64 layout) or a folder of intent files"
        case .tooFewExamples(let count):
            return "only \(count) examples: cross-validation needs at least 2 per intent; add examples to the intent files"
        case .invalidTarget(let value):
            return "target precision \(value) is outside (0, 1]; pass e.g. --target-precision 0.95"
        case .cannotWritePlot(let path, let detail):
            return "cannot write the risk/coverage plot to \(path) (\(detail)); check the folder exists and is writable"
        }
    }
}

/// Runs an evaluation for the CLI and returns the report in `format`.
///
/// With `datasetPath`, trains on its train split, picks the threshold on val and reports on test.
/// Otherwise cross-validates `examples` (the bot's own intent files) over `folds` folds.
/// With `plotPath`, also writes the risk/coverage curve there as SVG. With `outOfScopeShare`,
/// precision weighs out-of-scope messages as that share of traffic (see ``ThresholdSweep``).
public func runEvaluation(
    datasetPath: String?, examples: [LabeledUtterance]?, outOfScope: [String] = [],
    keywords: [IntentID: [String]] = [:], format: EvaluationFormat, targetPrecision: Double,
    plotPath: String?, folds: Int = 5, outOfScopeShare: Double? = nil, configuration: ClassifierConfiguration = .init(),
    progress: @escaping (EvaluationProgress) -> Void = { _ in }
) throws -> String {
    guard targetPrecision > 0 && targetPrecision <= 1 else { throw EvaluationRunError.invalidTarget(targetPrecision) }
    let report: EvaluationReport
    if let datasetPath {
        let dataset = try EvaluationDataset.load(path: datasetPath)
        report = IntentEvaluator.heldOut(
            train: dataset.train, validation: dataset.validation, test: dataset.test,
            outOfScopeTrain: dataset.outOfScopeTrain, outOfScopeValidation: dataset.outOfScopeValidation,
            outOfScopeTest: dataset.outOfScopeTest, keywords: keywords, configuration: configuration,
            targetPrecision: targetPrecision, outOfScopeShare: outOfScopeShare, progress: progress)
    } else if let examples, !examples.isEmpty {
        guard examples.count >= 4 else { throw EvaluationRunError.tooFewExamples(count: examples.count) }
        report = IntentEvaluator.crossValidated(
            examples: examples, outOfScope: outOfScope, keywords: keywords, folds: folds,
            configuration: configuration, targetPrecision: targetPrecision, outOfScopeShare: outOfScopeShare,
            progress: progress)
    } else {
        throw EvaluationRunError.noData
    }
    if let plotPath {
        do {
            try report.riskCoverageSVG.write(toFile: plotPath, atomically: true, encoding: .utf8)
        } catch {
            throw EvaluationRunError.cannotWritePlot(path: plotPath, detail: String(describing: error))
        }
    }
    switch format {
    case .text: return report.text
    case .json: return report.json
    }
}
