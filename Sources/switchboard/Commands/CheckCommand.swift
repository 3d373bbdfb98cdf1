import SwitchboardCore
import SwitchboardServer

/// `switchboard check`: validates flow and intent files like a compiler.
struct CheckCommand: Command {
    static let spec = CommandSpec(
        name: "check",
        abstract: "Validate flow and intent files; report every problem with file:line:col.",
        discussion: "Exit status: 0 when there are no errors, 1 when there are, 2 on usage errors.",
        options: [
            BotOptions.flows, BotOptions.intents,
            .value("format", "FORMAT", help: "Output format.", default: "text", choices: ["text", "json"]),
            .flag("fail-on-warnings", help: "Exit 1 on warnings too (for CI)."),
        ])

    var flows: String
    var intents: String
    var json: Bool
    var failOnWarnings: Bool

    init(_ arguments: ParsedArguments) throws {
        flows = arguments.value("flows") ?? "flows"
        intents = arguments.value("intents") ?? "intents"
        json = arguments.value("format") == "json"
        failOnWarnings = arguments.flag("fail-on-warnings")
    }

    func run() async throws -> Int32 {
        let loaded = try BotDirectory.load(flows: flows, intents: intents)
        var diagnostics = loaded.diagnostics
        if let definition = loaded.definition { diagnostics += definition.nearDuplicateIntentWarnings() }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        if json {
            Terminal.out(DiagnosticRenderer.json(diagnostics))
        } else {
            if diagnostics.isEmpty {
                Terminal.out("No problems in \(loaded.sources.count) files.")
            } else {
                Terminal.out(DiagnosticRenderer.text(diagnostics, sources: loaded.sources))
            }
        }
        if errors > 0 || (failOnWarnings && warnings > 0) { return 1 }
        return 0
    }
}
