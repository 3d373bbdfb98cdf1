/// A decoded flow file with the places the validator needs.
struct DecodedFlow {
    var flow: Flow
    var flowNameLocation: SourceLocation?
    var startLocation: SourceLocation?
    var statesLocation: SourceLocation?
    var sessionLocation: SourceLocation?
}

extension LoadContext {
    static let flowFields = ["flow", "start", "session", "commands", "states"]

    /// Decodes `{ flow, start?, session?, commands?, states }`.
    func flowFile(_ value: JSON5Value, path: String) -> DecodedFlow? {
        guard let reader = FieldReader(value, as: "a flow file", fields: Self.flowFields, log: log) else { return nil }
        let name = reader.value("flow").flatMap { ValueDecoding.name($0, field: "flow", log: log) }
        if !reader.has("flow") { reader.reportMissing("flow", ": a name for this flow, e.g. flow: \"support\"") }
        var flow = Flow(id: FlowID(name?.value ?? ""), file: path, location: value.location)
        var decoded = DecodedFlow(flow: flow, flowNameLocation: name?.location)
        if let start = reader.value("start") {
            flow.start = stateTarget(start, field: "start")
            decoded.startLocation = start.location
        }
        if let session = reader.value("session"),
            let sessionReader = FieldReader(session, as: "'session'", fields: ["expireAfterMinutes"], log: log)
        {
            decoded.sessionLocation = session.location
            if let minutes = sessionReader.integer("expireAfterMinutes", in: Limits.sessionMinutes) {
                flow.sessionExpiry = .seconds(minutes.value * 60)
            } else if !sessionReader.has("expireAfterMinutes") {
                sessionReader.reportMissing("expireAfterMinutes")
            }
        }
        if let commands = reader.value("commands") { flow.commands = self.commands(commands) }
        if let states = reader.value("states") {
            decoded.statesLocation = reader.keyLocation("states")
            if case .object(let object) = states.kind {
                var decodedStates: [FlowState] = []
                for member in object.members {
                    guard !isBlank(member.key),
                        member.key.unicodeScalars.count <= Limits.maximumNameLength
                    else {
                        log.error(
                            DiagnosticCode.invalidValue,
                            "a state name must be 1 to \(Limits.maximumNameLength) characters", at: member.keyLocation)
                        continue
                    }
                    if let state = state(StateID(member.key), member.value, keyLocation: member.keyLocation, file: path)
                    {
                        decodedStates.append(state)
                    }
                }
                flow.states = Dictionary(decodedStates.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                flow.stateOrder = decodedStates.map(\.id)
                if object.members.isEmpty {
                    log.error(
                        DiagnosticCode.invalidValue, "'states' is empty; define at least one state", at: states.location
                    )
                }
            } else {
                log.error(
                    DiagnosticCode.wrongType,
                    "'states' must be an object of named states '{ welcome: { … } }', not \(states.typeDescription)",
                    at: states.location)
            }
        } else {
            reader.reportMissing("states", ": the states of the flow, e.g. states: { welcome: { say: \"Hi!\" } }")
        }
        decoded.flow = flow
        return decoded
    }

    /// `commands: [{ words: [...], say?, <action> }]`.
    func commands(_ value: JSON5Value) -> [GlobalCommand] {
        guard let array = ValueDecoding.array(value, field: "commands", log: log) else { return [] }
        return array.value.compactMap { element in
            guard
                let reader = FieldReader(
                    element, as: "a command", fields: ["words", "say"] + Self.actionFields, log: log)
            else { return nil }
            let words = reader.strings("words", required: true) ?? []
            if let array = reader.array("words"), array.value.isEmpty {
                log.error(
                    DiagnosticCode.invalidValue, "'words' is empty; list the messages that run this command",
                    at: array.location)
            }
            for word in words {
                references.commandWords.append(
                    .init(normalized: normalizedPhrase(word.value), word: word.value, location: word.location))
            }
            let say = reader.value("say").flatMap { message($0, field: "say") }
            guard let action = action(in: reader), !words.isEmpty else { return nil }
            return GlobalCommand(words: words.map(\.value), say: say, action: action, location: reader.location)
        }
    }
}
