import SwitchboardCore

/// One quick-reply option as JSON, `{"description":…,"label":…,"metadata":…}` (keys sorted, the
/// description left out when absent): the shape of X's options and of our outbox rows alike.
enum QuickReplyOptionJSON {
    static func append(label: String, description: String?, metadata: String, to text: inout String) {
        text += "{"
        if let description {
            text += "\"description\":"
            JSONString.append(description, to: &text)
            text += ","
        }
        text += "\"label\":"
        JSONString.append(label, to: &text)
        text += ",\"metadata\":"
        JSONString.append(metadata, to: &text)
        text += "}"
    }
}
