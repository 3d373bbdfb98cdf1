import SwitchboardCore

/// The arguments of one invocation, checked against a `CommandSpec`.
struct ParsedArguments: Sendable {
    var command: CommandSpec
    var values: [String: String]
    var flags: Set<String>
    var positionals: [String]

    func value(_ name: String) -> String? {
        values[name] ?? command.options.first { $0.name == name }?.defaultValue
    }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// A value that must parse as a number in a range; a usage error names the option otherwise.
    func number(_ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let text = value(name) else { return nil }
        guard let number = Double(text), range.contains(number) else {
            throw UsageError(
                "--\(name) takes a number from \(range.lowerBound) to \(range.upperBound), not '\(text)'",
                command: command)
        }
        return number
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(
                "--\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'",
                command: command)
        }
        return number
    }
}

/// A mistake in how the command was called: printed with the usage, exit code 2.
struct UsageError: Error, CustomStringConvertible {
    var message: String
    var command: CommandSpec?

    init(_ message: String, command: CommandSpec?) {
        self.message = message
        self.command = command
    }

    var description: String {
        var text = "error: \(message)"
        if let command {
            text += "\n\(HelpGenerator.usageLine(command))\nSee 'switchboard \(command.name) --help'."
        }
        return text
    }
}

/// Parses `argv` for one command: `--name value`, `--name=value`, flags, `--` and positionals.
enum ArgumentParser {
    static func parse(_ arguments: [String], for spec: CommandSpec) throws -> ParsedArguments {
        var parsed = ParsedArguments(command: spec, values: [:], flags: [], positionals: [])
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var name = String(argument.drop { $0 == "-" })
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = spec.options.first(where: { $0.name == name }) else {
                let known = spec.options.map(\.name)
                var message = "unknown option '\(argument)'"
                if let guess = Suggestion.closest(to: name, among: known) { message += "; did you mean '--\(guess)'?" }
                throw UsageError(message, command: spec)
            }
            guard option.valueName != nil else {
                if inlineValue != nil { throw UsageError("--\(name) takes no value", command: spec) }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < arguments.count, !arguments[index].hasPrefix("--") {
                value = arguments[index]
                index += 1
            } else {
                throw UsageError("\(option.usage): missing value for --\(name)", command: spec)
            }
            if let choices = option.choices, !choices.contains(value) {
                var message = "--\(name) must be one of \(choices.joined(separator: ", ")), not '\(value)'"
                if let guess = Suggestion.closest(to: value, among: choices) { message += "; did you mean '\(guess)'?" }
                throw UsageError(message, command: spec)
            }
            parsed.values[name] = value
        }
        let allowed = spec.positionals.contains { $0.isRepeating } ? Int.max : spec.positionals.count
        if parsed.positionals.count > allowed {
            throw UsageError("unexpected argument '\(parsed.positionals[allowed])'", command: spec)
        }
        let required = spec.positionals.filter { !$0.isOptional }.count
        if parsed.positionals.count < required {
            throw UsageError("missing \(spec.positionals[parsed.positionals.count].name)", command: spec)
        }
        return parsed
    }
}
