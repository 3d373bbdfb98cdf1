import SwitchboardCore

/// Writes a `Conversation` as JSON by hand, in exactly the shape its synthesized `Codable`
/// conformance reads (enum cases as `{"case":{"_0":…,"label":…}}`, nil optionals omitted).
///
/// It runs for every inbound DM on the store's single writer thread, where `JSONEncoder` was the
/// largest cost; a round-trip test keeps it in step with the synthesized decoder.
enum ConversationJSON {
    static func encode(_ conversation: Conversation) -> String {
        var text = "{\"key\":{\"account\":"
        JSONString.append(conversation.key.account.rawValue, to: &text)
        text += ",\"customer\":"
        JSONString.append(conversation.key.customer.rawValue, to: &text)
        text += "},\"phase\":"
        phase(conversation.phase, into: &text)
        text += ",\"slots\":{"
        for (index, slot) in conversation.slots.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { text += "," }
            JSONString.append(slot.key, to: &text)
            text += ":"
            JSONString.append(slot.value, to: &text)
        }
        text += "},\"profile\":{"
        var fields: [String] = []
        if let name = conversation.profile.name { fields.append("\"name\":" + JSONString.literal(name)) }
        if let handle = conversation.profile.handle { fields.append("\"handle\":" + JSONString.literal(handle)) }
        if let followers = conversation.profile.followers { fields.append("\"followers\":\(followers)") }
        text += fields.joined(separator: ",")
        text += "},\"offered\":["
        for (index, option) in conversation.offered.enumerated() {
            if index > 0 { text += "," }
            text += "{\"token\":"
            JSONString.append(option.token, to: &text)
            text += ",\"label\":"
            JSONString.append(option.label, to: &text)
            text += ",\"choice\":"
            choice(option.choice, into: &text)
            text += "}"
        }
        text += "],\"turn\":\(conversation.turn)"
        if let last = conversation.lastActivity { text += ",\"lastActivity\":{\"milliseconds\":\(last.milliseconds)}" }
        return text + "}"
    }

    static func phase(_ phase: Conversation.Phase, into text: inout String) {
        switch phase {
        case .idle:
            text += "{\"idle\":{}}"
        case .at(let state):
            text += "{\"at\":{\"_0\":" + JSONString.literal(state.rawValue) + "}}"
        case .capturing(let state, let failures):
            text += "{\"capturing\":{\"_0\":" + JSONString.literal(state.rawValue) + ",\"failures\":\(failures)}}"
        case .clarifying(let candidates, let returnTo):
            text += "{\"clarifying\":{\"candidates\":["
            text += candidates.map { JSONString.literal($0.rawValue) }.joined(separator: ",") + "]"
            if let returnTo { text += ",\"returnTo\":" + JSONString.literal(returnTo.rawValue) }
            text += "}}"
        case .withAgent(let queue):
            text += "{\"withAgent\":{\"_0\":" + JSONString.literal(queue.rawValue) + "}}"
        }
    }

    static func choice(_ choice: OfferedOption.Choice, into text: inout String) {
        switch choice {
        case .stateOption(let state, let index):
            text += "{\"stateOption\":{\"_0\":" + JSONString.literal(state.rawValue) + ",\"index\":\(index)}}"
        case .intentOption(let intent, let index):
            text += "{\"intentOption\":{\"_0\":" + JSONString.literal(intent.rawValue) + ",\"index\":\(index)}}"
        case .clarify(let intent):
            text += "{\"clarify\":{\"_0\":" + JSONString.literal(intent.rawValue) + "}}"
        case .somethingElse:
            text += "{\"somethingElse\":{}}"
        case .rating(let score):
            text += "{\"rating\":{\"_0\":\(score)}}"
        }
    }
}
