/// One author's file handed to the loader: its path (as shown in diagnostics) and its bytes.
public struct SourceFile: Hashable, Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}

/// What `BotLoader.load` found: a definition when there is no error, and every finding.
public struct LoadResult: Sendable {
    /// Nil when any diagnostic is an error: a bot is never half-loaded.
    public var definition: BotDefinition?
    /// Errors and warnings in reading order (file, line, column).
    public var diagnostics: [Diagnostic]

    public init(definition: BotDefinition?, diagnostics: [Diagnostic]) {
        self.definition = definition
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}
