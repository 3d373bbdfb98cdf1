import SwitchboardCore
import SwitchboardServer

/// `switchboard eval`: measures the intent classifier and prints the threshold trade-off.
struct EvalCommand: Command {
    static let spec = CommandSpec(
        name: "eval",
        abstract: "Evaluate the intent classifier: accuracy, calibration, thresholds, confusions.",
        discussion: """
            With --dataset, trains on its train split, picks the threshold on val and reports on test \
            (CLINC150 data_full.json or HWU64 splits.json layout). Otherwise cross-validates the bot's \
            own intent files. Exit status: 0 on success, 1 when the data cannot be used, 2 on usage errors.
            """,
        options: [
            BotOptions.flows, BotOptions.intents,
            .value("dataset", "PATH", help: "A labelled dataset file instead of the bot's intents."),
            .value("format", "FORMAT", help: "Output format.", default: "text", choices: ["text", "json"]),
            .value("target-precision", "P", help: "Auto-answer precision the threshold must reach.", default: "0.95"),
            .value("folds", "K", help: "Cross-validation folds for the bot's intents.", default: "5"),
            .value("plot", "PATH", help: "Also write the risk/coverage curve as SVG to PATH."),
            .value(
                "oos-share", "S",
                help: "Weigh out-of-scope messages as this share of traffic when choosing the threshold (0–0.95)."),
        ])

    var arguments: ParsedArguments
    var dataset: String?
    var format: EvaluationFormat
    var targetPrecision: Double
    var folds: Int
    var plot: String?
    var outOfScopeShare: Double?

    init(_ arguments: ParsedArguments) throws {
        self.arguments = arguments
        dataset = arguments.value("dataset")
        format = arguments.value("format") == "json" ? .json : .text
        targetPrecision = try arguments.number("target-precision", in: 0.01...1) ?? 0.95
        folds = try arguments.integer("folds", in: 2...20) ?? 5
        plot = arguments.value("plot")
        outOfScopeShare = try arguments.number("oos-share", in: 0...0.95)
    }

    func run() async throws -> Int32 {
        var examples: [LabeledUtterance]?
        var keywords: [IntentID: [String]] = [:]
        var outOfScope: [String] = []
        if dataset == nil {
            guard let bot = try BotOptions.load(arguments, quietWarnings: true) else { return 1 }
            let intents = bot.intents.values.sorted { $0.id < $1.id }
            examples = intents.flatMap { intent in intent.examples.map { LabeledUtterance(text: $0, intent: intent.id) } }
            keywords = Dictionary(uniqueKeysWithValues: intents.filter { !$0.keywords.isEmpty }.map { ($0.id, $0.keywords) })
            outOfScope = bot.settings.outOfScope
        }
        do {
            let report = try runEvaluation(
                datasetPath: dataset, examples: examples, outOfScope: outOfScope, keywords: keywords, format: format,
                targetPrecision: targetPrecision, plotPath: plot, folds: folds, outOfScopeShare: outOfScopeShare,
                progress: { Terminal.err("eval: \($0)") })
            Terminal.out(report)
            return 0
        } catch let error as DatasetError {
            Terminal.err("error: \(error)")
            return 1
        } catch let error as EvaluationRunError {
            Terminal.err("error: \(error)")
            return 1
        }
    }
}
