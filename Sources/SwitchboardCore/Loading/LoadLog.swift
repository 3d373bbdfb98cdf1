/// Collects the diagnostics of one load. A reference type so that the decoders can share it;
/// never escapes a single `BotLoader.load` call.
final class LoadLog {
    /// Most diagnostics kept: past this an author fixes the first ones and runs again, and a
    /// generated file with a mistake in every state cannot make a load slow.
    static let maximumDiagnostics = 1_000
    /// Most did-you-mean searches over all states or intents in one load (each is O(names)).
    static let maximumSuggestions = 50

    private(set) var diagnostics: [Diagnostic] = []
    private(set) var dropped = 0
    private(set) var hasErrors = false
    private var suggestionsLeft = maximumSuggestions

    var isFull: Bool { diagnostics.count >= Self.maximumDiagnostics }

    func append(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error { hasErrors = true }
        guard !isFull else {
            dropped += 1
            return
        }
        diagnostics.append(diagnostic)
    }

    func append(contentsOf more: [Diagnostic]) {
        for diagnostic in more { append(diagnostic) }
    }

    func error(_ code: String, _ message: String, at location: SourceLocation?, notes: [Diagnostic.Note] = []) {
        append(.error(code, message, at: location, notes: notes))
    }

    func warning(_ code: String, _ message: String, at location: SourceLocation?, notes: [Diagnostic.Note] = []) {
        append(.warning(code, message, at: location, notes: notes))
    }

    /// A did-you-mean among many names, while the budget lasts (nil afterwards).
    func suggestion(for name: String, among names: Suggestion.NameList) -> String? {
        guard suggestionsLeft > 0 else { return nil }
        suggestionsLeft -= 1
        return Suggestion.closest(to: name, in: names)
    }

    /// The diagnostics, with one more saying how many were left out.
    var finalDiagnostics: [Diagnostic] {
        guard dropped > 0 else { return DiagnosticRenderer.sorted(diagnostics) }
        return DiagnosticRenderer.sorted(diagnostics) + [
            .error(
                DiagnosticCode.tooManyDiagnostics,
                "\(dropped) more problems not shown; fix these and run again", at: nil)
        ]
    }
}

/// A decoded value with the place it was written.
struct Located<Value> {
    var value: Value
    var location: SourceLocation
}

extension Located: Sendable where Value: Sendable {}
