/// Everything an evaluation measured: what `switchboard eval` prints as text, JSON or a chart.
public struct EvaluationReport: Sendable {
    /// How the numbers were obtained, such as "held-out test split" or "5-fold cross-validation".
    public var method: String
    public var intentCount: Int
    public var trainingExamples: Int
    /// In-scope and out-of-scope messages the figures below were measured on.
    public var evaluatedInScope: Int
    public var evaluatedOutOfScope: Int
    public var accuracy: Double?
    public var macroF1: Double?
    public var reliability: ReliabilityTable
    public var confusedPairs: [ConfusedPair]
    public var nearDuplicates: [NearDuplicatePair]
    /// In-scope against out-of-scope, top confidence as the score; nil without out-of-scope data.
    public var areaUnderROC: Double?
    /// The trade-off on the evaluated messages.
    public var sweep: [ThresholdPoint]
    /// The auto-answer precision the recommended threshold aims at.
    public var targetPrecision: Double
    /// The threshold chosen on validation data for `targetPrecision`, and what it gave on the
    /// evaluated (test) messages; nil when no threshold reached the target on validation.
    public var recommended: ThresholdPoint?
    /// The calibration temperature of the (last) trained classifier.
    public var temperature: Double
    /// The share of out-of-scope traffic precision was weighted to; nil when taken as observed.
    public var outOfScopeShare: Double?

    public init(
        method: String, intentCount: Int, trainingExamples: Int, predictions: [EvaluatedPrediction],
        targetPrecision: Double, recommendedThreshold: Double?, temperature: Double, outOfScopeShare: Double? = nil
    ) {
        self.outOfScopeShare = outOfScopeShare
        self.method = method
        self.intentCount = intentCount
        self.trainingExamples = trainingExamples
        evaluatedInScope = predictions.filter { $0.expected != nil }.count
        evaluatedOutOfScope = predictions.count - evaluatedInScope
        accuracy = ClassificationMetrics.accuracy(predictions)
        macroF1 = ClassificationMetrics.macroF1(predictions)
        reliability = ReliabilityTable(predictions)
        confusedPairs = ClassificationMetrics.confusedPairs(predictions)
        nearDuplicates = NearDuplicateIntents.find(in: predictions)
        areaUnderROC = ReceiverOperatingCharacteristic.area(
            positives: predictions.filter { $0.expected != nil }.map(\.confidence),
            negatives: predictions.filter { $0.expected == nil }.map(\.confidence))
        sweep = ThresholdSweep.sweep(predictions, outOfScopeShare: outOfScopeShare)
        self.targetPrecision = targetPrecision
        recommended = recommendedThreshold.map {
            ThresholdSweep.point(at: $0, predictions, outOfScopeShare: outOfScopeShare)
        }
        self.temperature = temperature
    }
}
