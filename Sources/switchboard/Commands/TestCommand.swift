import SwitchboardCore
import SwitchboardServer

/// `switchboard test`: runs conversation tests against the bot.
struct TestCommand: Command {
    static let spec = CommandSpec(
        name: "test",
        abstract: "Run conversation tests (user turns → expected replies, options, hand-offs, slots).",
        discussion: "Exit status: 0 when every test passes, 1 when one fails or a test file has errors.",
        options: [BotOptions.flows, BotOptions.intents],
        positionals: [
            PositionalSpec(
                name: "PATHS", help: "Test files or folders (default: conversations).", isRepeating: true,
                isOptional: true)
        ])

    var arguments: ParsedArguments
    var paths: [String]

    init(_ arguments: ParsedArguments) throws {
        self.arguments = arguments
        paths = arguments.positionals.isEmpty ? ["conversations"] : arguments.positionals
    }

    func run() async throws -> Int32 {
        guard let bot = try BotOptions.load(arguments, quietWarnings: true) else { return 1 }
        var files: [SourceFile] = []
        for path in paths {
            if path.hasSuffix(".json5") {
                files.append(try BotDirectory.readFile(path))
            } else {
                files += try BotDirectory.sourceFiles(in: path, required: true)
            }
        }
        var cases: [ConversationTestCase] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            let decoded = ConversationTestDecoder.decode(file)
            cases += decoded.cases
            diagnostics += decoded.diagnostics
        }
        let sources = Dictionary(files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        if !diagnostics.isEmpty { Terminal.err(DiagnosticRenderer.text(diagnostics, sources: sources)) }
        if diagnostics.contains(where: { $0.severity == .error }) { return 1 }

        let runner = ConversationTestRunner(engine: Engine(bot: bot))
        var failed = 0
        for test in cases {
            let result = runner.run(test)
            Terminal.out(result.report)
            if !result.passed { failed += 1 }
        }
        Terminal.out("\n\(cases.count - failed) passed, \(failed) failed")
        return failed == 0 && !cases.isEmpty ? 0 : 1
    }
}
