/// Decodes actions: exactly one of `goto`, `handoff`, `intent`, `end: true`.
extension LoadContext {
    static let actionFields = ["goto", "handoff", "intent", "end"]

    /// The action written in `reader`'s object (an option, a command, `next: { … }`).
    /// Reports a missing action or two actions at once.
    func action(in reader: FieldReader) -> Action? {
        let present = Self.actionFields.filter { reader.has($0) }
        guard let field = present.first else {
            reader.log.error(
                DiagnosticCode.missingField,
                "\(reader.what) needs an action: add 'goto', 'handoff', 'intent' or 'end: true'", at: reader.location)
            return nil
        }
        if present.count > 1 {
            let second = present[1]
            log.error(
                DiagnosticCode.conflictingFields,
                "\(reader.what) takes exactly one action, but has both '\(field)' and '\(second)'; keep one",
                at: reader.keyLocation(second) ?? reader.location,
                notes: [.init("'\(field)' is here", at: reader.keyLocation(field))])
            return nil
        }
        guard let value = reader.value(field) else { return nil }
        switch field {
        case "goto":
            return stateTarget(value, field: "goto").map(Action.goTo)
        case "intent":
            guard let name = ValueDecoding.name(value, field: "intent", log: log) else { return nil }
            references.intentReferences.append(.init(target: IntentID(name.value), location: name.location))
            return .trigger(IntentID(name.value))
        case "handoff":
            return handOff(value).map(Action.handOff)
        default:
            guard let end = reader.bool("end") else { return nil }
            guard end.value else {
                log.error(
                    DiagnosticCode.invalidValue, "'end' only takes true; remove it to continue the conversation",
                    at: end.location)
                return nil
            }
            return .end
        }
    }

    /// `next` and `onFail`: a state name (shorthand for `{ goto: … }`) or an action object.
    func actionValue(_ value: JSON5Value, field: String) -> Action? {
        if case .string = value.kind { return stateTarget(value, field: field).map(Action.goTo) }
        guard let reader = FieldReader(value, as: "'\(field)'", fields: Self.actionFields, log: log) else {
            return nil
        }
        return action(in: reader)
    }

    /// A state name that must exist somewhere in the bot (checked once all files are read).
    func stateTarget(_ value: JSON5Value, field: String) -> StateID? {
        guard let name = ValueDecoding.name(value, field: field, log: log) else { return nil }
        references.stateReferences.append(.init(target: StateID(name.value), location: name.location))
        return StateID(name.value)
    }

    /// `handoff: { queue, note?, say? }`, or `handoff: "queue"` as a shorthand.
    func handOff(_ value: JSON5Value) -> HandOff? {
        if case .string = value.kind {
            return ValueDecoding.name(value, field: "handoff", log: log).map { HandOff(queue: QueueID($0.value)) }
        }
        guard let reader = FieldReader(value, as: "'handoff'", fields: ["queue", "note", "say"], log: log) else {
            return nil
        }
        let queue = reader.value("queue").flatMap { ValueDecoding.name($0, field: "queue", log: log) }
        if !reader.has("queue") { reader.reportMissing("queue", ": the name of the agents' queue, e.g. \"general\"") }
        let note = reader.string("note")
        if let note { _ = checkText(note, field: "note") }
        var say: String?
        if let text = reader.string("say", nonEmpty: false), checkText(text, field: "say") { say = text.value }
        guard let queue else { return nil }
        return HandOff(queue: QueueID(queue.value), note: note?.value, say: say)
    }
}
