// Flow loading: read JSON5, decode, validate a whole bot. Baseline: tokenising the same bytes.
// Bars: a small realistic bot loads in ≤ 50 ms; a generated 1 MB flow file in ≤ 1 s.
import SwitchboardCore

enum FlowBench {
    static func run(_ arguments: [String]) throws {
        let small = smallBot()
        let smallBytes = small.reduce(0) { $0 + $1.bytes.count }
        try check(BotLoader.load(files: small), "small bot")
        let smallTokens = measure("tokenise small bot (\(smallBytes / 1024) KiB)", repetitions: 21) {
            for file in small { _ = tokenCount(file.bytes) }
        }
        let smallParse = measure("parse small bot (JSON5 tree)", repetitions: 21) {
            for file in small { _ = JSON5Parser.parse(file.bytes, file: file.path) }
        }
        let smallLoad = measure("load+validate small bot", repetitions: 21) { _ = BotLoader.load(files: small) }
        report(smallTokens)
        report(smallParse, baseline: smallTokens)
        report(smallLoad, baseline: smallTokens, extra: verdict(smallLoad.median, bar: 0.050))

        let large = [largeFlow(targetBytes: 1_000_000)]
        let largeBytes = large[0].bytes.count
        try check(BotLoader.load(files: large), "large flow")
        let largeTokens = measure("tokenise 1 MB flow (\(largeBytes / 1024) KiB)", repetitions: 5) {
            _ = tokenCount(large[0].bytes)
        }
        let largeLoad = measure("load+validate 1 MB flow", repetitions: 5) { _ = BotLoader.load(files: large) }
        report(largeTokens)
        report(largeLoad, baseline: largeTokens, extra: verdict(largeLoad.median, bar: 1.0))
    }

    struct BenchError: Error, CustomStringConvertible {
        var description: String
    }

    /// The generated bots must load cleanly, or the timings measure error paths.
    private static func check(_ result: LoadResult, _ name: String) throws {
        guard result.definition != nil else {
            throw BenchError(description: "\(name) did not load:\n\(DiagnosticRenderer.text(result.diagnostics))")
        }
    }

    private static func verdict(_ seconds: Double, bar: Double) -> String {
        "bar ≤ \(formatDuration(bar)): \(seconds <= bar ? "ok" : "MISSED")"
    }

    private static func tokenCount(_ bytes: [UInt8]) -> Int {
        var lexer = JSON5Lexer(bytes: bytes)
        var count = 0
        while true {
            guard let token = try? lexer.next() else { return count }
            if case .endOfFile = token.kind { return count }
            count += 1
        }
    }

    /// A support bot of realistic size: 3 flow files of 12 states, 20 intents of 12 examples.
    private static func smallBot() -> [SourceFile] {
        var files: [SourceFile] = []
        for flow in 0..<3 {
            var states: [String] = []
            for index in 0..<12 {
                let name = "f\(flow).s\(index)"
                let next =
                    index == 11
                    ? "end: true"
                    : "options: [\n"
                        + (0..<4).map { option in
                            "        { label: \"Choice \(option) of \(index)\", description: \"What this choice does\", "
                                + "goto: \"f\(flow).s\(index + 1)\" },"
                        }.joined(separator: "\n") + "\n      ],\n      onText: \"classify\""
                states.append(
                    """
                        "\(name)": {
                          // state \(index)
                          say: ["Hi {{user.name}}, this is step \(index) of flow \(flow).", "Step \(index), {{user.name}}."],
                          buttons: [{ label: "Help", url: "https://example.com/help/\(index)" }],
                          \(next),
                        },
                    """)
            }
            let start = flow == 0 ? "start: \"f0.s0\",\n  session: { expireAfterMinutes: 1440 }," : ""
            let entry = flow == 0 ? "" : "commands: [{ words: [\"flow \(flow)\"], goto: \"f\(flow).s0\" }],"
            files.append(
                SourceFile(
                    path: "flows/flow\(flow).json5",
                    text:
                        "{\n  flow: \"flow\(flow)\",\n  \(start)\n  \(entry)\n  states: {\n\(states.joined(separator: "\n"))\n  },\n}\n"
                ))
        }
        let intents = (0..<20).map { intent in
            let examples = (0..<12).map { "\"example \($0) for intent number \(intent) please\"" }
            return """
                    intent_\(intent): {
                      label: "Intent \(intent)",
                      examples: [\(examples.joined(separator: ", "))],
                      keywords: ["word\(intent)a", "word\(intent)b"],
                      \(intent % 2 == 0 ? "goto: \"f1.s0\"" : "reply: { say: \"Answer \(intent)\", options: [{ label: \"More\", goto: \"f2.s0\" }] }"),
                    },
                """
        }
        files.append(
            SourceFile(
                path: "intents/intents.json5",
                text: "{\n  settings: { threshold: 0.55, ambiguityMargin: 0.15 },\n  intents: {\n"
                    + intents.joined(separator: "\n") + "\n  },\n  outOfScope: [\"weather\"],\n}\n"))
        return files
    }

    /// One flow file of about `targetBytes`: a long chain of states with options and slots.
    private static func largeFlow(targetBytes: Int) -> SourceFile {
        var text = "{\n  flow: \"large\",\n  start: \"s0\",\n  states: {\n"
        var index = 0
        while text.utf8.count < targetBytes {
            let goto = "s\(index + 1)"
            if index % 5 == 4 {
                text += """
                        s\(index): {
                          say: "What's your ZIP code for step \(index)?",
                          ask: { slot: "zip\(index)", pattern: "^[0-9]{5}$", retry: "Five digits, please.", maxRetries: 2 },
                          next: "\(goto)",
                        },

                    """
            } else {
                text += """
                        s\(index): {
                          say: ["Hello {{user.name}}, this is state \(index).", 'Variant two of state \(index)'],
                          options: [
                            { label: "Next", description: "Go on", goto: "\(goto)" },
                            { label: "Back", description: "Start over", goto: "s0" },
                            { label: "Person", description: "Talk to us", handoff: { queue: "general" } },
                          ],
                        },

                    """
            }
            index += 1
        }
        text += "    s\(index): { say: \"Done\", end: true },\n  },\n}\n"
        return SourceFile(path: "flows/large.json5", text: text)
    }
}
