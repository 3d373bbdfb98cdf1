/// Builds `--help` text and usage lines from a command's declarations, so help never drifts.
enum HelpGenerator {
    static func usageLine(_ spec: CommandSpec) -> String {
        var parts = ["usage: switchboard \(spec.name)"]
        parts += spec.positionals.map(\.usage)
        parts += spec.options.map { "[\($0.usage)]" }
        return parts.joined(separator: " ")
    }

    static func help(_ spec: CommandSpec) -> String {
        var lines = ["OVERVIEW: \(spec.abstract)", ""]
        if !spec.discussion.isEmpty { lines += [spec.discussion, ""] }
        lines.append(usageLine(spec).replacing("usage:", with: "USAGE:"))
        if !spec.positionals.isEmpty {
            lines += ["", "ARGUMENTS:"]
            for positional in spec.positionals { lines.append(row(positional.usage, positional.help)) }
        }
        lines += ["", "OPTIONS:"]
        for option in spec.options {
            var help = option.help
            if let choices = option.choices { help += " (\(choices.joined(separator: "|")))" }
            if let value = option.defaultValue { help += " (default: \(value))" }
            lines.append(row(option.usage, help))
        }
        lines.append(row("-h, --help", "Show help information."))
        return lines.joined(separator: "\n")
    }

    static func row(_ left: String, _ right: String) -> String {
        let padded = left.count < 26 ? left + String(repeating: " ", count: 26 - left.count) : left + "  "
        return "  \(padded)\(right)"
    }
}
