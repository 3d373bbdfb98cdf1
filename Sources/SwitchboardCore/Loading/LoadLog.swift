/// Collects the diagnostics of one load. A reference type so that the decoders can share it;
/// never escapes a single `BotLoader.load` call.
final class LoadLog {
    private(set) var diagnostics: [Diagnostic] = []

    func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    func append(contentsOf more: [Diagnostic]) { diagnostics.append(contentsOf: more) }

    func error(_ code: String, _ message: String, at location: SourceLocation?, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.error(code, message, at: location, notes: notes))
    }

    func warning(_ code: String, _ message: String, at location: SourceLocation?, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.warning(code, message, at: location, notes: notes))
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// A decoded value with the place it was written.
struct Located<Value> {
    var value: Value
    var location: SourceLocation
}

extension Located: Sendable where Value: Sendable {}
