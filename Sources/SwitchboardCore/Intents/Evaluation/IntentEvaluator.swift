/// Measures a classifier configuration on labelled data: held-out splits or k-fold cross-validation.
///
/// Pure and deterministic; training dominates the cost (one classifier per split or fold).
public enum IntentEvaluator {
    /// Reports progress during a long evaluation.
    public typealias Progress = (EvaluationProgress) -> Void

    /// Trains on `train`, chooses the threshold on `validation`, and reports on `test`.
    ///
    /// Out-of-scope lists are optional; with them, the report has AUROC and out-of-scope recall,
    /// and the training out-of-scope messages train the reject class.
    public static func heldOut(
        train: [LabeledUtterance], validation: [LabeledUtterance], test: [LabeledUtterance],
        outOfScopeTrain: [String] = [], outOfScopeValidation: [String] = [], outOfScopeTest: [String] = [],
        keywords: [IntentID: [String]] = [:], configuration: ClassifierConfiguration = .init(),
        targetPrecision: Double, outOfScopeShare: Double? = nil, progress: Progress = { _ in }
    ) -> EvaluationReport {
        progress(EvaluationProgress(completed: 0, total: 3, message: "training on \(train.count) examples"))
        let classifier = IntentClassifier(
            examples: train, keywords: keywords, outOfScope: outOfScopeTrain, configuration: configuration)
        progress(EvaluationProgress(completed: 1, total: 3, message: "choosing the threshold on \(validation.count) validation examples"))
        let validationPredictions = predict(classifier, validation, outOfScopeValidation)
        let threshold = ThresholdSweep.recommendedThreshold(
            for: targetPrecision, on: validationPredictions, outOfScopeShare: outOfScopeShare)
        progress(EvaluationProgress(completed: 2, total: 3, message: "testing on \(test.count + outOfScopeTest.count) messages"))
        let testPredictions = predict(classifier, test, outOfScopeTest)
        progress(EvaluationProgress(completed: 3, total: 3, message: "done"))
        return EvaluationReport(
            method: "held-out test split (threshold chosen on validation)", intentCount: classifier.intents.count,
            trainingExamples: train.count, predictions: testPredictions, targetPrecision: targetPrecision,
            recommendedThreshold: threshold, temperature: classifier.temperature, outOfScopeShare: outOfScopeShare)
    }

    /// Stratified k-fold cross-validation of `examples` (and `outOfScope`, dealt over the same folds).
    /// The threshold is chosen on the predictions of the even folds and reported on the odd ones.
    public static func crossValidated(
        examples: [LabeledUtterance], outOfScope: [String] = [], keywords: [IntentID: [String]] = [:],
        folds: Int = 5, configuration: ClassifierConfiguration = .init(), targetPrecision: Double,
        outOfScopeShare: Double? = nil, progress: Progress = { _ in }
    ) -> EvaluationReport {
        let perFold = crossValidatedPredictions(
            examples: examples, outOfScope: outOfScope, keywords: keywords, folds: folds,
            configuration: configuration, progress: progress)
        let choose = perFold.enumerated().filter { $0.offset % 2 == 0 }.flatMap(\.element.predictions)
        let report = perFold.enumerated().filter { $0.offset % 2 == 1 }.flatMap(\.element.predictions)
        let threshold = ThresholdSweep.recommendedThreshold(
            for: targetPrecision, on: choose, outOfScopeShare: outOfScopeShare)
        var result = EvaluationReport(
            method: "\(perFold.count)-fold cross-validation", intentCount: Set(examples.map(\.intent)).count,
            trainingExamples: examples.count, predictions: perFold.flatMap(\.predictions),
            targetPrecision: targetPrecision, recommendedThreshold: nil,
            temperature: perFold.last?.temperature ?? configuration.defaultTemperature, outOfScopeShare: outOfScopeShare)
        result.recommended = threshold.map {
            ThresholdSweep.point(at: $0, report.isEmpty ? choose : report, outOfScopeShare: outOfScopeShare)
        }
        return result
    }

    /// Intents the classifier confuses in both directions in cross-validation (for `switchboard check`).
    public static func nearDuplicateIntents(
        examples: [LabeledUtterance], keywords: [IntentID: [String]] = [:], folds: Int = 5,
        minimumRate: Double = 0.1, configuration: ClassifierConfiguration = .init()
    ) -> [NearDuplicatePair] {
        let predictions = crossValidatedPredictions(
            examples: examples, outOfScope: [], keywords: keywords, folds: folds, configuration: configuration,
            progress: { _ in }
        ).flatMap(\.predictions)
        return NearDuplicateIntents.find(in: predictions, minimumRate: minimumRate)
    }

    /// Predictions of each fold by a classifier trained on the other folds.
    static func crossValidatedPredictions(
        examples: [LabeledUtterance], outOfScope: [String], keywords: [IntentID: [String]], folds: Int,
        configuration: ClassifierConfiguration, progress: Progress
    ) -> [(predictions: [EvaluatedPrediction], temperature: Double)] {
        let k = max(2, min(folds, examples.count))
        guard examples.count >= 2 else { return [] }
        let exampleFolds = StratifiedFolds.make(labels: examples.map(\.intent), count: k, seed: configuration.seed)
        let outOfScopeFolds = (0..<k).map { fold in outOfScope.indices.filter { $0 % k == fold } }
        var result: [(predictions: [EvaluatedPrediction], temperature: Double)] = []
        for fold in 0..<k {
            progress(EvaluationProgress(completed: fold, total: k, message: "fold \(fold + 1) of \(k): training"))
            let held = Set(exampleFolds[fold])
            let heldOutOfScope = Set(outOfScopeFolds[fold])
            let train = examples.indices.filter { !held.contains($0) }.map { examples[$0] }
            let trainOutOfScope = outOfScope.indices.filter { !heldOutOfScope.contains($0) }.map { outOfScope[$0] }
            let classifier = IntentClassifier(
                examples: train, keywords: keywords, outOfScope: trainOutOfScope, configuration: configuration)
            let predictions = predict(
                classifier, exampleFolds[fold].map { examples[$0] }, outOfScopeFolds[fold].map { outOfScope[$0] })
            result.append((predictions, classifier.temperature))
        }
        progress(EvaluationProgress(completed: k, total: k, message: "done"))
        return result
    }

    /// The classifier's predictions for in-scope examples and out-of-scope messages.
    public static func predict(
        _ classifier: IntentClassifier, _ examples: [LabeledUtterance], _ outOfScope: [String] = []
    ) -> [EvaluatedPrediction] {
        examples.map { EvaluatedPrediction(expected: $0.intent, ranked: classifier.classify($0.text).ranked) }
            + outOfScope.map { EvaluatedPrediction(expected: nil, ranked: classifier.classify($0).ranked) }
    }
}
