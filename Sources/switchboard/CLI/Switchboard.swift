import Foundation
import SwitchboardCore

/// The `switchboard` command: finds the subcommand, parses its arguments and runs it.
enum Switchboard {
    static let version = "0.1.0"

    /// Every subcommand, in the order `switchboard --help` lists them.
    static let commands: [CommandEntry] = [
        CommandEntry(ServeCommand.self), CommandEntry(CheckCommand.self), CommandEntry(ChatCommand.self),
        CommandEntry(TestCommand.self), CommandEntry(QueueCommand.self), CommandEntry(AgentCommand.self),
        CommandEntry(EvalCommand.self),
    ]

    static func main(_ argv: [String]) async -> Int32 {
        guard let name = argv.first, name != "--help", name != "-h", name != "help" else {
            if argv.count > 1, argv[0] == "help", let command = commands.first(where: { $0.spec.name == argv[1] }) {
                Terminal.out(HelpGenerator.help(command.spec))
            } else {
                Terminal.out(overview)
            }
            return 0
        }
        if name == "--version" {
            Terminal.out(version)
            return 0
        }
        guard let command = commands.first(where: { $0.spec.name == name }) else {
            var message = "unknown command '\(name)'"
            if let guess = Suggestion.closest(to: name, among: commands.map(\.spec.name)) {
                message += "; did you mean '\(guess)'?"
            }
            Terminal.err("error: \(message)\nSee 'switchboard --help'.")
            return 2
        }
        let rest = Array(argv.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            Terminal.out(HelpGenerator.help(command.spec))
            return 0
        }
        do {
            let parsed = try ArgumentParser.parse(rest, for: command.spec)
            return try await command.execute(parsed)
        } catch let error as UsageError {
            Terminal.err(error.description)
            return 2
        } catch {
            Terminal.err("error: \(error)")
            return 1
        }
    }

    static var overview: String {
        var lines = [
            "OVERVIEW: Switchboard answers a brand's direct messages: flows, an intent classifier, and",
            "hand-off to people.", "", "USAGE: switchboard <command> [options]", "", "COMMANDS:",
        ]
        for command in commands { lines.append(HelpGenerator.row(command.spec.name, command.spec.abstract)) }
        lines += ["", "See 'switchboard <command> --help' for a command's options."]
        return lines.joined(separator: "\n")
    }
}
