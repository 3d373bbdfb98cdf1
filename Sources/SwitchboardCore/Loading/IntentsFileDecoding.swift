/// A decoded intents file with the places the validator needs.
struct DecodedIntents {
    var path: String
    var intents: [IntentDefinition] = []
    var settings: BotSettings?
    var settingsLocation: SourceLocation?
    var outOfScope: [String] = []
}

extension LoadContext {
    static let intentsFields = ["settings", "intents", "outOfScope"]

    /// Decodes `{ settings?, intents?, outOfScope? }`.
    func intentsFile(_ value: JSON5Value, path: String) -> DecodedIntents? {
        guard let reader = FieldReader(value, as: "an intents file", fields: Self.intentsFields, log: log) else {
            return nil
        }
        var decoded = DecodedIntents(path: path)
        if let settings = reader.value("settings") {
            decoded.settings = self.settings(settings)
            decoded.settingsLocation = reader.keyLocation("settings")
        }
        if let intents = reader.value("intents") {
            if case .object(let object) = intents.kind {
                decoded.intents = object.members.compactMap { member in
                    intent(IntentID(member.key), member.value, keyLocation: member.keyLocation, file: path)
                }
            } else {
                log.error(
                    DiagnosticCode.wrongType,
                    "'intents' must be an object of named intents '{ billing: { … } }', not \(intents.typeDescription)",
                    at: intents.location)
            }
        }
        decoded.outOfScope = (reader.strings("outOfScope") ?? []).map(\.value)
        return decoded
    }

    /// `settings: { threshold?, ambiguityMargin?, fallbackQueue? }`.
    func settings(_ value: JSON5Value) -> BotSettings? {
        let fields = ["threshold", "ambiguityMargin", "fallbackQueue"]
        guard let reader = FieldReader(value, as: "'settings'", fields: fields, log: log) else { return nil }
        var settings = BotSettings()
        if let threshold = reader.number("threshold", in: 0...1) { settings.threshold = threshold.value }
        if let margin = reader.number("ambiguityMargin", in: 0...1) { settings.ambiguityMargin = margin.value }
        if let queue = reader.value("fallbackQueue").flatMap({
            ValueDecoding.name($0, field: "fallbackQueue", log: log)
        }) {
            settings.fallbackQueue = QueueID(queue.value)
        }
        return settings
    }

    /// One intent: `{ label?, examples, keywords?, reply | goto | handoff, threshold? }`.
    func intent(_ id: IntentID, _ value: JSON5Value, keyLocation: SourceLocation, file: String) -> IntentDefinition? {
        let responses = ["reply", "goto", "handoff"]
        let fields = ["label", "examples", "keywords", "threshold"] + responses
        guard let reader = FieldReader(value, as: "intent '\(id)'", fields: fields, log: log) else { return nil }
        guard !isBlank(id.rawValue), id.rawValue.unicodeScalars.count <= Limits.maximumNameLength else {
            log.error(
                DiagnosticCode.invalidValue, "an intent name must be 1 to \(Limits.maximumNameLength) characters",
                at: keyLocation)
            return nil
        }
        let label = reader.string("label").flatMap { label -> Located<String>? in
            checkLength(label, field: "label", limit: Limits.maximumLabelLength) ? label : nil
        }
        let examples = reader.strings("examples", required: true) ?? []
        if reader.has("examples"), examples.count < Limits.recommendedExamples {
            log.warning(
                DiagnosticCode.fewExamples,
                "intent '\(id)' has \(examples.count) example\(examples.count == 1 ? "" : "s"); "
                    + "give at least \(Limits.recommendedExamples) so the classifier can learn it",
                at: keyLocation)
        }
        for example in examples {
            references.examples.append(
                .init(
                    normalized: normalizedPhrase(example.value), text: example.value, intent: id,
                    location: example.location))
        }
        let keywords = reader.strings("keywords") ?? []
        for keyword in keywords {
            references.keywords.append(
                .init(
                    normalized: normalizedPhrase(keyword.value), text: keyword.value, intent: id,
                    location: keyword.location))
        }
        let threshold = reader.number("threshold", in: 0...1)
        let present = responses.filter { reader.has($0) }
        var response: IntentResponse?
        if present.count > 1 {
            log.error(
                DiagnosticCode.conflictingFields,
                "intent '\(id)' takes exactly one of 'reply', 'goto' and 'handoff', but has both '\(present[0])' and "
                    + "'\(present[1])'",
                at: reader.keyLocation(present[1]),
                notes: [.init("'\(present[0])' is here", at: reader.keyLocation(present[0]))])
        } else if let field = present.first, let value = reader.value(field) {
            switch field {
            case "reply": response = reply(value)
            case "goto": response = stateTarget(value, field: "goto").map(IntentResponse.goTo)
            default: response = handOff(value).map(IntentResponse.handOff)
            }
        } else {
            reader.reportMissing("reply", ", 'goto' or 'handoff': what the bot does when it recognises the intent")
        }
        guard let response else { return nil }
        return IntentDefinition(
            id: id, label: label?.value, examples: examples.map(\.value), keywords: keywords.map(\.value),
            response: response, threshold: threshold?.value, location: keyLocation, file: file)
    }

    /// `reply: { say, options?, buttons? }`.
    private func reply(_ value: JSON5Value) -> IntentResponse? {
        guard let reader = FieldReader(value, as: "'reply'", fields: ["say", "options", "buttons"], log: log) else {
            return nil
        }
        if !reader.has("say") { reader.reportMissing("say") }
        let say = reader.value("say").flatMap { message($0, field: "say") }
        let options = reader.value("options").map { self.options($0, owner: nil) } ?? []
        let buttons = reader.value("buttons").map { self.buttons($0) } ?? []
        guard let say else { return nil }
        return .reply(say: say, options: options, buttons: buttons)
    }
}
