import SwitchboardCore
import SwitchboardServer

/// The options every command that loads a bot shares.
enum BotOptions {
    static let flows = OptionSpec.value("flows", "DIR", help: "Folder of flow files (*.json5).", default: "flows")
    static let intents = OptionSpec.value(
        "intents", "DIR", help: "Folder of intent files (*.json5).", default: "intents")

    /// Loads the bot, printing diagnostics (errors and warnings) to standard error.
    /// Returns nil when the bot has errors: commands then exit 1.
    static func load(_ arguments: ParsedArguments, quietWarnings: Bool = false) throws -> Bot? {
        let loaded = try BotDirectory.load(
            flows: arguments.value("flows") ?? "flows", intents: arguments.value("intents") ?? "intents")
        let shown = loaded.diagnostics.filter { !quietWarnings || $0.severity == .error }
        if !shown.isEmpty {
            Terminal.err(DiagnosticRenderer.text(shown, sources: loaded.sources))
        }
        if loaded.bot == nil {
            Terminal.err("The bot has errors; fix them (see `switchboard check`) and try again.")
        }
        return loaded.bot
    }
}
