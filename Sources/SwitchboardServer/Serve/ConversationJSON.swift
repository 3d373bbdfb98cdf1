import SwitchboardCore

/// Writes a `Conversation` as JSON by hand, in exactly the shape its synthesized `Codable`
/// conformance reads (enum cases as `{"case":{"_0":…,"label":…}}`, nil optionals omitted).
///
/// It runs for every inbound DM on the store's single writer thread, where `JSONEncoder` was the
/// largest cost; a round-trip test keeps it in step with the synthesized decoder.
enum ConversationJSON {
    static func encode(_ conversation: Conversation) -> String {
        var text = "{\"key\":{\"account\":"
        text.reserveCapacity(256 + conversation.offered.count * 96)
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
        var separator = ""
        if let name = conversation.profile.name {
            text += "\"name\":"
            JSONString.append(name, to: &text)
            separator = ","
        }
        if let handle = conversation.profile.handle {
            text += separator + "\"handle\":"
            JSONString.append(handle, to: &text)
            separator = ","
        }
        if let followers = conversation.profile.followers {
            text += separator + "\"followers\":"
            text += String(followers)
        }
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
        text += "],\"turn\":"
        text += String(conversation.turn)
        if let last = conversation.lastActivity {
            text += ",\"lastActivity\":{\"milliseconds\":"
            text += String(last.milliseconds)
            text += "}"
        }
        text += "}"
        return text
    }

    /// Each case as `{"name":{fields}}`, written into `text` without temporary strings.
    static func phase(_ phase: Conversation.Phase, into text: inout String) {
        switch phase {
        case .idle:
            text += "{\"idle\":{}}"
        case .at(let state):
            text += "{\"at\":{\"_0\":"
            JSONString.append(state.rawValue, to: &text)
            text += "}}"
        case .capturing(let state, let failures):
            text += "{\"capturing\":{\"_0\":"
            JSONString.append(state.rawValue, to: &text)
            text += ",\"failures\":"
            text += String(failures)
            text += "}}"
        case .clarifying(let candidates, let returnTo):
            text += "{\"clarifying\":{\"candidates\":["
            for (index, candidate) in candidates.enumerated() {
                if index > 0 { text += "," }
                JSONString.append(candidate.rawValue, to: &text)
            }
            text += "]"
            if let returnTo {
                text += ",\"returnTo\":"
                JSONString.append(returnTo.rawValue, to: &text)
            }
            text += "}}"
        case .withAgent(let queue):
            text += "{\"withAgent\":{\"_0\":"
            JSONString.append(queue.rawValue, to: &text)
            text += "}}"
        }
    }

    static func choice(_ choice: OfferedOption.Choice, into text: inout String) {
        switch choice {
        case .stateOption(let state, let index):
            text += "{\"stateOption\":{\"_0\":"
            JSONString.append(state.rawValue, to: &text)
            text += ",\"index\":"
            text += String(index)
            text += "}}"
        case .intentOption(let intent, let index):
            text += "{\"intentOption\":{\"_0\":"
            JSONString.append(intent.rawValue, to: &text)
            text += ",\"index\":"
            text += String(index)
            text += "}}"
        case .clarify(let intent):
            text += "{\"clarify\":{\"_0\":"
            JSONString.append(intent.rawValue, to: &text)
            text += "}}"
        case .somethingElse:
            text += "{\"somethingElse\":{}}"
        case .rating(let score):
            text += "{\"rating\":{\"_0\":"
            text += String(score)
            text += "}}"
        }
    }
}

extension ConversationJSON {
    /// Reads what `encode` wrote (the synthesized `Codable` shape) with the core's `JSONReader`,
    /// without `JSONDecoder`; nil for anything else, so the caller can fall back to the synthesized
    /// decoder. Runs for every inbound DM, on the store's writer thread.
    static func decode(_ bytes: [UInt8]) -> Conversation? {
        guard let root = try? JSONReader.parse(bytes), let key = root["key"], let account = key["account"]?.string,
            let customer = key["customer"]?.string, let phaseValue = root["phase"], let phase = phase(phaseValue),
            let turn = root["turn"]?.int
        else { return nil }
        var conversation = Conversation(key: ConversationKey(account: AccountID(account), customer: CustomerID(customer)))
        conversation.phase = phase
        conversation.turn = turn
        for member in root["slots"]?.object?.members ?? [] {
            guard let value = member.value.string else { return nil }
            conversation.slots[member.key] = value
        }
        if let profile = root["profile"]?.object {
            conversation.profile = CustomerProfile(
                name: profile["name"]?.string, handle: profile["handle"]?.string, followers: profile["followers"]?.int)
        }
        if let items = root["offered"]?.array {
            for item in items {
                guard let token = item["token"]?.string, let label = item["label"]?.string, let choiceValue = item["choice"],
                    let choice = choice(choiceValue)
                else { return nil }
                conversation.offered.append(OfferedOption(token: token, label: label, choice: choice))
            }
        }
        if let last = root["lastActivity"]?["milliseconds"]?.int64 {
            conversation.lastActivity = Instant(milliseconds: last)
        }
        return conversation
    }

    /// The one case of a synthesized enum encoding: `{"name": {fields}}`.
    static func enumCase(_ value: JSONValue) -> (name: String, fields: JSONValue)? {
        guard let object = value.object, object.members.count == 1, let member = object.members.first,
            case .object = member.value
        else { return nil }
        return (member.key, member.value)
    }

    static func phase(_ value: JSONValue) -> Conversation.Phase? {
        guard let (name, fields) = enumCase(value) else { return nil }
        switch name {
        case "idle": return .idle
        case "at": return fields["_0"]?.string.map { .at(StateID($0)) }
        case "capturing":
            guard let state = fields["_0"]?.string, let failures = fields["failures"]?.int else { return nil }
            return .capturing(StateID(state), failures: failures)
        case "clarifying":
            guard let items = fields["candidates"]?.array else { return nil }
            let candidates = items.compactMap { $0.string.map(IntentID.init) }
            guard candidates.count == items.count else { return nil }
            return .clarifying(candidates: candidates, returnTo: fields["returnTo"]?.string.map(StateID.init))
        case "withAgent": return fields["_0"]?.string.map { .withAgent(QueueID($0)) }
        default: return nil
        }
    }

    static func choice(_ value: JSONValue) -> OfferedOption.Choice? {
        guard let (name, fields) = enumCase(value) else { return nil }
        switch name {
        case "stateOption":
            guard let state = fields["_0"]?.string, let index = fields["index"]?.int else { return nil }
            return .stateOption(StateID(state), index: index)
        case "intentOption":
            guard let intent = fields["_0"]?.string, let index = fields["index"]?.int else { return nil }
            return .intentOption(IntentID(intent), index: index)
        case "clarify": return fields["_0"]?.string.map { .clarify(IntentID($0)) }
        case "somethingElse": return .somethingElse
        case "rating": return fields["_0"]?.int.map { .rating($0) }
        default: return nil
        }
    }
}
