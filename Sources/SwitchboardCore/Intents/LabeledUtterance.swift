/// One example utterance and the intent it expresses: the unit of training and evaluation data.
public struct LabeledUtterance: Sendable, Hashable {
    public var text: String
    public var intent: IntentID

    public init(text: String, intent: IntentID) {
        self.text = text
        self.intent = intent
    }
}
