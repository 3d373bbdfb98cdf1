/// Reads a customer's free text and ranks the bot's intents with calibrated confidences.
///
/// Built once from example utterances (training is deterministic and takes about a second for
/// 15,000 examples), then immutable and safe to share between threads. Features are TF-IDF
/// weighted words, word pairs and character n-grams; the model is a one-versus-rest linear SVM;
/// keywords add heavily to their intent's score; a temperature fitted on held-out examples turns
/// scores into probabilities. Optional out-of-scope examples train a reject class that takes
/// probability away from every intent when a message is about something else.
public struct IntentClassifier: Sendable {
    /// The intents this classifier can return, sorted by name.
    public let intents: [IntentID]
    /// The temperature that calibrates the scores (fitted, or the configured default).
    public let temperature: Double
    /// The configuration it was trained with.
    public let configuration: ClassifierConfiguration

    /// The normaliser trained with this classifier (its lexicon is the training vocabulary).
    public let normalizer: TextNormalizer
    let space: FeatureSpace
    let model: LinearModel
    let keywords: KeywordMatcher
    let hasRejectClass: Bool

    /// Trains a classifier.
    ///
    /// - Parameters:
    ///   - examples: labelled utterances; every intent named here (or in `keywords`) can be returned.
    ///   - keywords: words and phrases that, when present, point strongly at an intent.
    ///   - outOfScope: utterances that belong to no intent (trained as a reject class).
    ///   - configuration: hyper-parameters; the defaults suit bots of tens to hundreds of intents.
    public init(
        examples: [LabeledUtterance], keywords: [IntentID: [String]] = [:], outOfScope: [String] = [],
        configuration: ClassifierConfiguration = .init()
    ) {
        self.configuration = configuration
        let intents = Array(Set(examples.map(\.intent)).union(keywords.keys)).sorted()
        self.intents = intents
        let classIndex = Dictionary(uniqueKeysWithValues: intents.enumerated().map { ($0.element, $0.offset) })
        hasRejectClass = !outOfScope.isEmpty
        // Keywords are also examples of their intent, so an intent may be defined by keywords alone.
        let keywordExamples = keywords.keys.sorted().flatMap { intent in
            (keywords[intent] ?? []).map { LabeledUtterance(text: $0, intent: intent) }
        }
        let examples = examples + keywordExamples
        let texts = examples.map(\.text) + outOfScope
        var labels = examples.compactMap { classIndex[$0.intent] }
        labels += Array(repeating: intents.count, count: outOfScope.count)
        let classCount = intents.count + (hasRejectClass ? 1 : 0)

        var lexicon: Set<String> = []
        let plain = TextNormalizer()
        for text in texts {
            for token in plain.tokens(text) where token.kind == .word { lexicon.insert(token.text) }
        }
        normalizer = TextNormalizer(lexicon: lexicon)
        // Features are recomputed when needed rather than kept: all of them at once would take
        // tens of megabytes for a large bot.
        let documents = texts.lazy.map { [normalizer] text in
            FeatureOccurrence.all(
                in: normalizer.tokens(text), characterGrams: configuration.characterGrams,
                acrossWords: configuration.charactersAcrossWords)
        }
        self.keywords = KeywordMatcher(keywords: keywords, classIndex: classIndex, normalizer: normalizer)

        let space = FeatureSpace(documents: documents, configuration: configuration)
        self.space = space
        var trainer = LinearSVMTrainer(
            rows: documents.map { space.vector($0).vector }, labels: labels, classCount: classCount,
            featureCount: space.count, configuration: configuration)
        if let split = CalibrationSplit(labels: labels, configuration: configuration) {
            // Train on most examples, fit the temperature on the rest, then continue on all (warm start).
            trainer.train(on: split.fit, epochs: (configuration.maximumEpochs + 1) / 2)
            let partial = trainer.model
            let heldScores = split.held.map { partial.scores(trainer.rows[$0]) }
            temperature = TemperatureScaling.fit(scores: heldScores, labels: split.held.map { labels[$0] })
        } else if labels.count >= Self.minimumCrossFitExamples {
            temperature = Self.crossFittedTemperature(trainer: trainer, labels: labels, configuration: configuration)
        } else {
            temperature = configuration.defaultTemperature
        }
        trainer.train()
        model = trainer.model
    }

    /// Below this many examples even cross-fitting has too little to go on.
    static let minimumCrossFitExamples = 20
    /// Folds used to fit the temperature of a small bot.
    static let crossFitFolds = 5

    /// For small bots (where holding out a fifth would hurt): the temperature fitted on the
    /// out-of-fold scores of `crossFitFolds` models, each trained on the other folds. Cheap, since
    /// the bot is small.
    private static func crossFittedTemperature(
        trainer: LinearSVMTrainer, labels: [Int], configuration: ClassifierConfiguration
    ) -> Double {
        let folds = StratifiedFolds.make(labels: labels, count: crossFitFolds, seed: configuration.seed)
        var scores: [[Float]] = []
        var heldLabels: [Int] = []
        for fold in folds where !fold.isEmpty {
            let held = Set(fold)
            var foldTrainer = trainer
            foldTrainer.train(on: labels.indices.filter { !held.contains($0) })
            let model = foldTrainer.model
            for index in fold {
                scores.append(model.scores(trainer.rows[index]))
                heldLabels.append(labels[index])
            }
        }
        return TemperatureScaling.fit(scores: scores, labels: heldLabels)
    }

    /// Ranks the intents for one message. Never fails: empty or unreadable text gets low confidences.
    ///
    /// Complexity: linear in the (capped) length of the message times the number of intents.
    public func classify(_ text: String) -> Classification { classify(text, explaining: false) }

    /// The features and keywords that drove the top intent, strongest first.
    public func explain(_ text: String) -> [String] { classify(text, explaining: true).explanation }

    /// Ranks the intents and, when `explaining`, names what drove the top one. Naming features
    /// (finding each one's origin, formatting its weight) was a fifth of a classification, and
    /// the server, which classifies every DM, never reads the names.
    public func classify(_ text: String, explaining: Bool) -> Classification {
        guard !intents.isEmpty else { return Classification(ranked: []) }
        let tokens = normalizer.tokens(text)
        let occurrences = FeatureOccurrence.all(
            in: tokens, characterGrams: configuration.characterGrams, acrossWords: configuration.charactersAcrossWords)
        let (vector, keys) = space.vector(occurrences)
        let scores = model.scores(vector)
        let matched = keywords.matches(in: tokens)
        var offsets: [Double]?
        if !matched.isEmpty {
            var boost = [Double](repeating: 0, count: scores.count)
            for phrase in matched { boost[phrase.classIndex] += configuration.keywordBoost / temperature }
            offsets = boost
        }
        let probabilities = TemperatureScaling.probabilities(scores, temperature: temperature, offsets: offsets)
        let top = Self.topIndices(probabilities, count: min(configuration.rankedCount, intents.count), limit: intents.count)
        let ranked = top.map { ScoredIntent(intent: intents[$0], confidence: probabilities[$0]) }
        guard explaining, let best = top.first else { return Classification(ranked: ranked) }
        var explanation = matched.filter { $0.classIndex == best }.map { "keyword \"\($0.text)\"" }
        let wanted = max(0, configuration.explanationLength - explanation.count)
        var strongest: [(position: Int, amount: Float)] = []
        for position in vector.indices.indices where wanted > 0 {
            let amount = vector.values[position] * model.weight(feature: vector.indices[position], classIndex: best)
            guard amount > 0, strongest.count < wanted || amount > (strongest.last?.amount ?? 0) else { continue }
            var slot = strongest.count
            while slot > 0 && strongest[slot - 1].amount < amount { slot -= 1 }
            strongest.insert((position, amount), at: slot)
            if strongest.count > wanted { strongest.removeLast() }
        }
        for contribution in strongest {
            let key = keys[contribution.position]
            let origin = occurrences.first { FeatureSpace.key(of: $0) == key }
            let name = origin?.name(in: tokens) ?? "feature"
            explanation.append("\(name) +\(Self.formatted(contribution.amount))")
        }
        return Classification(ranked: ranked, explanation: explanation)
    }

    /// `amount` with two decimals, such as `0.31`.
    private static func formatted(_ amount: Float) -> String {
        let hundredths = Int((amount * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Indices of the `count` largest of `values[0..<limit]`, largest first, ties by index.
    private static func topIndices(_ values: [Double], count: Int, limit: Int) -> [Int] {
        var best: [Int] = []
        best.reserveCapacity(count + 1)
        for index in 0..<min(limit, values.count) {
            let value = values[index]
            if best.count == count, let last = best.last, values[last] >= value { continue }
            var position = best.count
            while position > 0 && values[best[position - 1]] < value { position -= 1 }
            best.insert(index, at: position)
            if best.count > count { best.removeLast() }
        }
        return best
    }

    /// Approximate bytes held by the trained model (weights and vocabulary).
    public var memoryFootprint: Int { model.memoryFootprint + space.memoryFootprint }
    /// Number of features in the vocabulary.
    public var featureCount: Int { space.count }
}

/// The stratified split of the examples used to fit the confidence temperature.
struct CalibrationSplit {
    var fit: [Int] = []
    var held: [Int] = []

    /// Nil when there are too few examples to hold any out.
    init?(labels: [Int], configuration: ClassifierConfiguration) {
        guard labels.count >= configuration.minimumCalibrationExamples, configuration.calibrationFraction > 0,
            configuration.calibrationFraction < 1
        else { return nil }
        var byLabel: [Int: [Int]] = [:]
        for (index, label) in labels.enumerated() { byLabel[label, default: []].append(index) }
        var generator = SeededGenerator(seed: configuration.seed ^ 0xCA11_B8A7)
        for label in byLabel.keys.sorted() {
            guard var members = byLabel[label] else { continue }
            members.shuffle(using: &generator)
            let heldCount = members.count >= 3 ? Int((Double(members.count) * configuration.calibrationFraction).rounded()) : 0
            held += members.prefix(heldCount)
            fit += members.dropFirst(heldCount)
        }
        guard !held.isEmpty else { return nil }
        fit.sort()
        held.sort()
    }
}

extension IntentClassifier: TextClassifying {}
