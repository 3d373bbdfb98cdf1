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

extension ConversationJSON {
    /// Reads what `encode` wrote (the synthesized `Codable` shape), without `JSONDecoder`; nil for
    /// anything else, so the caller can fall back to the synthesized decoder.
    static func decode(_ bytes: [UInt8]) -> Conversation? {
        guard let root = JSON5Parser.parse(bytes, file: "conversation").value, case .object(let object) = root.kind,
            let key = object["key"]?.objectValue, let account = key["account"]?.stringValue,
            let customer = key["customer"]?.stringValue, let phaseValue = object["phase"],
            let phase = phase(phaseValue), let turn = object["turn"]?.intValue
        else { return nil }
        var conversation = Conversation(key: ConversationKey(account: AccountID(account), customer: CustomerID(customer)))
        conversation.phase = phase
        conversation.turn = turn
        for member in object["slots"]?.objectValue?.members ?? [] {
            guard let value = member.value.stringValue else { return nil }
            conversation.slots[member.key] = value
        }
        if let profile = object["profile"]?.objectValue {
            conversation.profile = CustomerProfile(
                name: profile["name"]?.stringValue, handle: profile["handle"]?.stringValue,
                followers: profile["followers"]?.intValue)
        }
        if case .array(let items)? = object["offered"]?.kind {
            for item in items {
                guard let option = item.objectValue, let token = option["token"]?.stringValue,
                    let label = option["label"]?.stringValue, let choiceValue = option["choice"],
                    let choice = choice(choiceValue)
                else { return nil }
                conversation.offered.append(OfferedOption(token: token, label: label, choice: choice))
            }
        }
        if let last = object["lastActivity"]?.objectValue?["milliseconds"]?.intValue {
            conversation.lastActivity = Instant(milliseconds: Int64(last))
        }
        return conversation
    }

    /// The one case of a synthesized enum encoding: `{"name": {fields}}`.
    static func enumCase(_ value: JSON5Value) -> (name: String, fields: JSON5Object)? {
        guard let object = value.objectValue, object.members.count == 1, let member = object.members.first,
            let fields = member.value.objectValue
        else { return nil }
        return (member.key, fields)
    }

    static func phase(_ value: JSON5Value) -> Conversation.Phase? {
        guard let (name, fields) = enumCase(value) else { return nil }
        switch name {
        case "idle": return .idle
        case "at": return fields["_0"]?.stringValue.map { .at(StateID($0)) }
        case "capturing":
            guard let state = fields["_0"]?.stringValue, let failures = fields["failures"]?.intValue else { return nil }
            return .capturing(StateID(state), failures: failures)
        case "clarifying":
            guard case .array(let items)? = fields["candidates"]?.kind else { return nil }
            let candidates = items.compactMap { $0.stringValue.map(IntentID.init) }
            guard candidates.count == items.count else { return nil }
            return .clarifying(candidates: candidates, returnTo: fields["returnTo"]?.stringValue.map(StateID.init))
        case "withAgent": return fields["_0"]?.stringValue.map { .withAgent(QueueID($0)) }
        default: return nil
        }
    }

    static func choice(_ value: JSON5Value) -> OfferedOption.Choice? {
        guard let (name, fields) = enumCase(value) else { return nil }
        switch name {
        case "stateOption":
            guard let state = fields["_0"]?.stringValue, let index = fields["index"]?.intValue else { return nil }
            return .stateOption(StateID(state), index: index)
        case "intentOption":
            guard let intent = fields["_0"]?.stringValue, let index = fields["index"]?.intValue else { return nil }
            return .intentOption(IntentID(intent), index: index)
        case "clarify": return fields["_0"]?.stringValue.map { .clarify(IntentID($0)) }
        case "somethingElse": return .somethingElse
        case "rating": return fields["_0"]?.intValue.map { .rating($0) }
        default: return nil
        }
    }
}

extension JSON5Value {
    var objectValue: JSON5Object? { if case .object(let object) = kind { object } else { nil } }
    var stringValue: String? { if case .string(let text) = kind { text } else { nil } }
    var intValue: Int? { if case .number(let number) = kind { number.integer } else { nil } }
}
