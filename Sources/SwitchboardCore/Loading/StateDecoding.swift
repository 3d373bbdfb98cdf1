/// Decodes one state of a flow.
extension LoadContext {
    static let stateFields = ["say", "options", "buttons", "onText", "ask", "next", "end"]

    func state(_ id: StateID, _ value: JSON5Value, keyLocation: SourceLocation, file: String) -> FlowState? {
        guard let reader = FieldReader(value, as: "state '\(id)'", fields: Self.stateFields, log: log) else {
            return nil
        }
        var state = FlowState(id: id, location: keyLocation, file: file)
        if let say = reader.value("say") {
            state.say = message(say, field: "say")
            references.sayVariants[id] = Self.variants(of: say)
        }
        if let options = reader.value("options") { state.options = self.options(options, owner: id) }
        if let buttons = reader.value("buttons") { state.buttons = self.buttons(buttons) }
        if let onText = reader.value("onText") { state.onText = textHandling(onText) }
        if let ask = reader.value("ask") { state.ask = slotCapture(ask) }
        if let next = reader.value("next") { state.next = actionValue(next, field: "next") }
        if let end = reader.bool("end") {
            if end.value {
                state.isEnd = true
            } else {
                log.error(
                    DiagnosticCode.invalidValue, "'end' only takes true; remove it to keep the conversation going",
                    at: end.location)
            }
        }
        checkShape(of: state, reader)
        return state
    }

    /// Fields that cannot go together, and states with no way out.
    private func checkShape(of state: FlowState, _ reader: FieldReader) {
        let waits = ["options", "onText", "ask"].filter { reader.has($0) }
        if state.isEnd, let other = (waits + ["next"]).first(where: { reader.has($0) }) {
            log.error(
                DiagnosticCode.conflictingFields,
                "an end state cannot have '\(other)': the conversation ends after 'say'; remove one of them",
                at: reader.keyLocation(other), notes: [.init("'end' is here", at: reader.keyLocation("end"))])
        }
        if reader.has("next"), !reader.has("ask"), let waiting = waits.first {
            log.error(
                DiagnosticCode.conflictingFields,
                "'next' is never taken: with '\(waiting)' the state waits for the customer; "
                    + "put the way on in the options or in onText",
                at: reader.keyLocation("next"), notes: [.init("'\(waiting)' is here", at: reader.keyLocation(waiting))])
        }
        if !state.isEnd && waits.isEmpty && !reader.has("next") {
            log.error(
                DiagnosticCode.deadEnd,
                "state '\(state.id)' has no way out; add 'options', 'onText', 'ask', 'next', or 'end: true'",
                at: state.location)
        }
    }

    /// The strings of a `say` value with their locations.
    static func variants(of value: JSON5Value) -> [Located<String>] {
        switch value.kind {
        case .string(let text): return [Located(value: text, location: value.location)]
        case .array(let elements):
            return elements.compactMap { element in
                guard case .string(let text) = element.kind else { return nil }
                return Located(value: text, location: element.location)
            }
        default: return []
        }
    }

    /// `"classify"`, `"reprompt"`, `{ reprompt: "hint" }`, or an action object.
    func textHandling(_ value: JSON5Value) -> TextHandling? {
        let words = ["classify", "reprompt"]
        if case .string(let word) = value.kind {
            switch word {
            case "classify":
                references.classifyLocations.append(value.location)
                return .classify
            case "reprompt": return .reprompt(hint: nil)
            default:
                let hint =
                    Suggestion.closest(to: word, among: words).map { "did you mean '\($0)'?" }
                    ?? "use \"classify\", \"reprompt\", { reprompt: \"hint\" } or an action such as { goto: \"state\" }"
                log.error(DiagnosticCode.invalidValue, "unknown onText '\(word)'; \(hint)", at: value.location)
                return nil
            }
        }
        guard let reader = FieldReader(value, as: "'onText'", fields: ["reprompt"] + Self.actionFields, log: log)
        else { return nil }
        if let hint = reader.value("reprompt") {
            if let action = Self.actionFields.first(where: { reader.has($0) }) {
                log.error(
                    DiagnosticCode.conflictingFields,
                    "'onText' takes either 'reprompt' or an action, but has both 'reprompt' and '\(action)'",
                    at: reader.keyLocation(action))
                return nil
            }
            guard let text = ValueDecoding.string(hint, field: "reprompt", log: log), checkText(text, field: "reprompt")
            else { return nil }
            return .reprompt(hint: text.value)
        }
        return action(in: reader).map(TextHandling.act)
    }

    /// `ask: { slot, pattern?, retry?, maxRetries?, onFail? }`.
    func slotCapture(_ value: JSON5Value) -> SlotCapture? {
        let fields = ["slot", "pattern", "retry", "maxRetries", "onFail"]
        guard let reader = FieldReader(value, as: "'ask'", fields: fields, log: log) else { return nil }
        var slot: Located<String>?
        if let name = reader.string("slot", required: true) {
            if Self.isSlotName(name.value) {
                slot = name
                if references.slotDefinitions[name.value] == nil {
                    references.slotDefinitions[name.value] = name.location
                }
            } else {
                log.error(
                    DiagnosticCode.invalidValue,
                    "slot name '\(name.value)' must start with a letter or '_' and hold only letters, digits and '_' "
                        + "(it is used as {{slot.NAME}})",
                    at: name.location)
            }
        }
        var capture = SlotCapture(slot: SlotName(slot?.value ?? ""), location: reader.location)
        if let pattern = reader.string("pattern") { capture.pattern = checkedPattern(pattern) }
        if let retry = reader.value("retry") { capture.retry = message(retry, field: "retry") }
        if let retries = reader.integer("maxRetries", in: 0...Limits.maximumRetries) {
            capture.maxRetries = retries.value
        }
        if let onFail = reader.value("onFail") { capture.onFail = actionValue(onFail, field: "onFail") }
        return slot == nil ? nil : capture
    }

    /// Compiles the pattern once with Swift `Regex`, reporting the compiler's message.
    private func checkedPattern(_ pattern: Located<String>) -> String? {
        guard pattern.value.unicodeScalars.count <= Limits.maximumPatternLength else {
            log.error(
                DiagnosticCode.limitExceeded,
                "pattern is longer than \(Limits.maximumPatternLength) characters", at: pattern.location)
            return nil
        }
        do {
            _ = try Regex(pattern.value)
            return pattern.value
        } catch {
            log.error(
                DiagnosticCode.invalidPattern, "invalid pattern '\(pattern.value)': \(error)", at: pattern.location)
            return nil
        }
    }
}
