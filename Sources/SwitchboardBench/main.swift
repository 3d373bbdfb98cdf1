// switchboard-bench [SUITE ...] [--shared PATH]
// Suites register here, one line each. With no suite named, all run.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let suites: [(name: String, run: ([String]) throws -> Void)] = [
    ("engine", EngineBench.run),
    ("flows", FlowBench.run),
    ("crypto", CryptoBench.run),
    ("http", HTTPBench.run),
    ("store", StoreBench.run),
    ("classifier", ClassifierBench.run),
    ("serve", ServeBench.run),
    ("json", JSONBench.run),
]
let named = arguments.prefix { !$0.hasPrefix("--") }
let selected = named.isEmpty ? suites : suites.filter { named.contains($0.name) }
if selected.isEmpty {
    print("usage: switchboard-bench [\(suites.map(\.name).joined(separator: "|"))] [--shared PATH]")
}
for suite in selected {
    print("== \(suite.name)")
    do { try suite.run(arguments) } catch { print("error: \(error)") }
}
