/// Declares one option of a subcommand; `--help` and usage errors are generated from these.
struct OptionSpec: Sendable {
    /// The long name without dashes, e.g. `flows` for `--flows`.
    var name: String
    /// The value's placeholder (`DIR`); nil for a flag that takes no value.
    var valueName: String?
    var help: String
    /// Shown in help and used when the option is absent.
    var defaultValue: String?
    /// When set, the value must be one of these.
    var choices: [String]?

    static func flag(_ name: String, help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help, defaultValue: nil, choices: nil)
    }

    static func value(
        _ name: String, _ valueName: String, help: String, default defaultValue: String? = nil,
        choices: [String]? = nil
    ) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, defaultValue: defaultValue, choices: choices)
    }

    var usage: String { valueName.map { "--\(name) \($0)" } ?? "--\(name)" }
}

/// Declares positional arguments: a name for help, and how many are allowed.
struct PositionalSpec: Sendable {
    var name: String
    var help: String
    var isRepeating: Bool
    var isOptional: Bool

    var usage: String {
        let core = isRepeating ? "\(name) ..." : name
        return isOptional ? "[\(core)]" : core
    }
}

/// What a subcommand declares about itself.
struct CommandSpec: Sendable {
    var name: String
    var abstract: String
    var discussion: String = ""
    var options: [OptionSpec] = []
    var positionals: [PositionalSpec] = []
}

/// One subcommand: it declares its spec, is built from parsed arguments, and runs.
protocol Command: Sendable {
    static var spec: CommandSpec { get }
    init(_ arguments: ParsedArguments) throws
    /// Runs the command; returns the process exit code (0 ok, 1 failure found, 2 usage).
    func run() async throws -> Int32
}

/// A subcommand in the command table: its declarations and how to run it.
struct CommandEntry: Sendable {
    var spec: CommandSpec
    var execute: @Sendable (ParsedArguments) async throws -> Int32

    init<C: Command>(_ type: C.Type) {
        spec = C.spec
        execute = { arguments in try await C(arguments).run() }
    }
}
