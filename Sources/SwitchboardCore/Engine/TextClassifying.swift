/// Anything that ranks intents for a text: the trained classifier, or a fake in tests.
public protocol TextClassifying: Sendable {
    func classify(_ text: String) -> Classification
}
