/// The hyper-parameters of ``IntentClassifier``, with defaults chosen on the CLINC150 and HWU64
/// training and validation splits.
public struct ClassifierConfiguration: Sendable, Hashable {
    /// Lengths of the character n-grams taken inside each padded word (typo-tolerant evidence).
    public var characterGrams: ClosedRange<Int> = 2...5
    /// When true, character n-grams run across word boundaries (over the whole normalised
    /// message) instead of inside each word.
    public var charactersAcrossWords = false
    /// Share of a message vector's squared length given to whole words and word pairs;
    /// the rest goes to character n-grams.
    public var wordShare: Double = 0.5
    /// A feature must occur in this many training examples to enter the vocabulary.
    public var minimumDocumentFrequency = 1
    /// Cap on the vocabulary: bounds the model's memory (each feature costs 4 bytes per intent).
    public var maximumFeatures = 200_000
    /// When true, features never seen in training still lengthen the vector before normalising,
    /// so a message made of unfamiliar text scores lower (helps to recognise out-of-scope messages).
    public var countsUnseenFeaturesInNorm = true
    /// SVM cost `C`: higher fits the examples more closely.
    public var cost: Double = 3.0
    /// Bound on training passes over the examples (training stops earlier once converged).
    public var maximumEpochs = 8
    /// Convergence tolerance on the projected gradient of the dual problem.
    public var tolerance: Double = 0.1
    /// Added to an intent's SVM score per matching keyword or phrase, in margin units (a score
    /// of 1 is a confident example): keywords weigh heavily.
    public var keywordBoost: Double = 1.0
    /// Share of the examples held out (per intent) to fit the confidence temperature.
    public var calibrationFraction: Double = 0.2
    /// Below this many examples there is too little to hold out: the temperature is fitted by
    /// 5-fold cross-fitting instead (or ``defaultTemperature`` is used below 20 examples).
    public var minimumCalibrationExamples = 300
    /// Temperature used when too few examples exist to fit one.
    public var defaultTemperature: Double = 0.12
    /// How many intents a ``Classification`` ranks.
    public var rankedCount = 5
    /// How many features an explanation lists.
    public var explanationLength = 5
    /// Seed of the example order during training: same seed and examples, same model.
    public var seed: UInt64 = 0x5157_17C4

    /// The defaults.
    public init() {}
}
