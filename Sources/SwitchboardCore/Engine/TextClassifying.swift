/// Anything that ranks intents for a text: the trained classifier, or a fake in tests.
public protocol TextClassifying: Sendable {
    /// The ranked intents (no explanation: the server classifies every DM and needs none).
    func classify(_ text: String) -> Classification
    /// What drove the top intent for `text`, strongest first (`word "refund" +0.31`), for people
    /// reading a decision: `switchboard chat --explain`. Empty when the classifier cannot say.
    func explain(_ text: String) -> [String]
}

extension TextClassifying {
    public func explain(_ text: String) -> [String] { [] }
}
