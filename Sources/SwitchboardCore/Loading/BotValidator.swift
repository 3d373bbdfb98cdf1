/// The checks that need the whole bot: names across files, references, the start, settings.
///
/// Reports into the load's log; `validate()` returns the start and settings when they are known.
struct BotValidator {
    let context: LoadContext
    let flows: [DecodedFlow]
    let intents: [DecodedIntents]
    /// Every state by name (the first definition when a name is repeated).
    private(set) var states: [StateID: FlowState] = [:]
    private(set) var intentsByID: [IntentID: IntentDefinition] = [:]

    var log: LoadLog { context.log }
    var references: References { context.references }

    init(context: LoadContext, flows: [DecodedFlow], intents: [DecodedIntents]) {
        self.context = context
        self.flows = flows
        self.intents = intents
    }

    /// The start state and the merged settings, or nil when the start is missing or ambiguous.
    mutating func validate() -> (start: StateID, settings: BotSettings)? {
        collectStates()
        collectIntents()
        checkDuplicateFlowNames()
        checkStateReferences()
        checkIntentReferences()
        checkSlots()
        checkPhrases()
        checkCommandWords()
        let settings = mergedSettings()
        guard let start = startState() else { return nil }
        let graph = StateGraph(states: states, intents: intentsByID, log: log)
        // After an error, a dropped option or action would make its target look unreachable.
        if !log.hasErrors {
            graph.checkReachability(from: start, commands: flows.flatMap(\.flow.commands), order: stateOrder)
        }
        graph.checkAutomaticCycles(order: stateOrder)
        checkWelcome(start)
        var result = settings
        if let flow = flows.first(where: { $0.flow.start != nil }), let expiry = flow.flow.sessionExpiry {
            result.sessionExpiry = expiry
        }
        return (start, result)
    }

    private var stateOrder: [StateID] { flows.flatMap(\.flow.stateOrder) }

    private mutating func collectStates() {
        for flow in flows {
            for id in flow.flow.stateOrder {
                guard let state = flow.flow.states[id] else { continue }
                if let first = states[id] {
                    log.error(
                        DiagnosticCode.duplicateState,
                        "state '\(id)' is defined twice; state names are shared by all flow files — rename one",
                        at: state.location, notes: [.init("'\(id)' is first defined here", at: first.location)])
                } else {
                    states[id] = state
                }
            }
        }
    }

    private mutating func collectIntents() {
        for file in intents {
            for intent in file.intents {
                if let first = intentsByID[intent.id] {
                    log.error(
                        DiagnosticCode.duplicateIntent, "intent '\(intent.id)' is defined twice; rename or merge them",
                        at: intent.location, notes: [.init("'\(intent.id)' is first defined here", at: first.location)])
                } else {
                    intentsByID[intent.id] = intent
                }
            }
        }
    }

    private func checkDuplicateFlowNames() {
        var seen: [FlowID: SourceLocation?] = [:]
        for flow in flows where !flow.flow.id.rawValue.isEmpty {
            if let first = seen[flow.flow.id] {
                log.error(
                    DiagnosticCode.duplicateFlow, "flow name '\(flow.flow.id)' is used by two files; rename one",
                    at: flow.flowNameLocation, notes: [.init("first used here", at: first)])
            } else {
                seen[flow.flow.id] = flow.flowNameLocation
            }
        }
    }

    private func checkStateReferences() {
        let names = Suggestion.NameList(stateOrder.map(\.rawValue))
        for reference in references.stateReferences where states[reference.target] == nil {
            let suggestion = log.suggestion(for: reference.target.rawValue, among: names)
            var notes: [Diagnostic.Note] = []
            if let suggestion, let state = states[StateID(suggestion)] {
                notes.append(.init("'\(suggestion)' is defined here", at: state.location))
            } else if let flow = flows.first(where: { $0.flow.file == reference.location.file }) ?? flows.first,
                let location = flow.statesLocation
            {
                notes.append(.init("states are defined here", at: location))
            }
            log.error(
                DiagnosticCode.unknownState,
                "unknown state '\(reference.target)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "")",
                at: reference.location, notes: notes)
        }
    }

    private func checkIntentReferences() {
        let names = Suggestion.NameList(intents.flatMap(\.intents).map(\.id.rawValue))
        for reference in references.intentReferences where intentsByID[reference.target] == nil {
            if intents.isEmpty {
                log.error(
                    DiagnosticCode.noIntents,
                    "intent '\(reference.target)' is used, but there are no intents files; add intents/*.json5 "
                        + "defining it, or use 'goto' instead",
                    at: reference.location)
                continue
            }
            let suggestion = log.suggestion(for: reference.target.rawValue, among: names)
            let notes = suggestion.flatMap { intentsByID[IntentID($0)] }.map {
                [Diagnostic.Note("'\($0.id)' is defined here", at: $0.location)]
            }
            log.error(
                DiagnosticCode.unknownIntent,
                "unknown intent '\(reference.target)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "")",
                at: reference.location, notes: notes ?? [])
        }
        if intentsByID.isEmpty, let first = references.classifyLocations.first {
            log.warning(
                DiagnosticCode.noIntents,
                "free text is classified here, but no intent is defined; every message will go to a person",
                at: first)
        }
    }

    private func checkSlots() {
        let defined = references.slotDefinitions
        let slotNames = Suggestion.NameList(defined.keys.sorted())
        for use in references.slotUses where defined[use.value] == nil {
            let suggestion = log.suggestion(for: use.value, among: slotNames)
            let notes = suggestion.flatMap { name in
                defined[name].map { [Diagnostic.Note("slot '\(name)' is asked for here", at: $0)] }
            }
            log.error(
                DiagnosticCode.unsetSlot,
                "'{{slot.\(use.value)}}' is never set: no state asks for slot '\(use.value)'"
                    + (suggestion.map { "; did you mean '{{slot.\($0)}}'?" } ?? ""),
                at: use.location, notes: notes ?? [])
        }
    }

    private func checkPhrases() {
        for (first, example) in Self.clashes(references.examples) {
            log.error(
                DiagnosticCode.duplicateExample,
                "the example '\(example.text)' is under both '\(first.intent)' and '\(example.intent)'; "
                    + "keep it under one intent",
                at: example.location, notes: [.init("also an example of '\(first.intent)'", at: first.location)])
        }
        for (first, keyword) in Self.clashes(references.keywords) {
            log.warning(
                DiagnosticCode.sharedKeyword,
                "the keyword '\(keyword.text)' is claimed by both '\(first.intent)' and '\(keyword.intent)'; "
                    + "it will not tell them apart",
                at: keyword.location, notes: [.init("also a keyword of '\(first.intent)'", at: first.location)])
        }
    }

    /// Each phrase whose normalised text the first phrase of another intent already has, with that first one.
    private static func clashes(_ phrases: [References.Phrase]) -> [(first: References.Phrase, again: References.Phrase)] {
        var firsts: [String: References.Phrase] = [:]
        var found: [(first: References.Phrase, again: References.Phrase)] = []
        for phrase in phrases {
            guard let first = firsts[phrase.normalized] else {
                firsts[phrase.normalized] = phrase
                continue
            }
            if first.intent != phrase.intent { found.append((first, phrase)) }
        }
        return found
    }

    private func checkCommandWords() {
        var words: [String: References.CommandWord] = [:]
        for word in references.commandWords {
            guard let first = words[word.normalized] else {
                words[word.normalized] = word
                continue
            }
            log.error(
                DiagnosticCode.duplicateCommandWord,
                "the command word '\(word.word)' is listed twice; a message can run only one command",
                at: word.location, notes: [.init("first listed here", at: first.location)])
        }
        for id in stateOrder {
            for label in references.optionLabels[id] ?? [] {
                guard let word = words[normalizedPhrase(label.value)] else { continue }
                log.warning(
                    DiagnosticCode.commandShadowsOption,
                    "the option '\(label.value)' is also the command word '\(word.word)'; typed, it runs the command",
                    at: label.location, notes: [.init("the command word is here", at: word.location)])
            }
        }
    }

    private func mergedSettings() -> BotSettings {
        let withSettings = intents.filter { $0.settingsLocation != nil }
        if withSettings.count > 1 {
            for file in withSettings.dropFirst() {
                log.error(
                    DiagnosticCode.multipleSettings, "'settings' appears in more than one intents file; keep one",
                    at: file.settingsLocation, notes: [.init("first given here", at: withSettings[0].settingsLocation)])
            }
        }
        var settings = withSettings.first?.settings ?? BotSettings()
        settings.outOfScope = intents.flatMap(\.outOfScope)
        return settings
    }

    private func startState() -> StateID? {
        let starts = flows.filter { $0.flow.start != nil }
        for flow in flows where flow.flow.start == nil && flow.sessionLocation != nil {
            log.warning(
                DiagnosticCode.unusedField,
                "'session' only applies in the flow that declares 'start'; this one is ignored",
                at: flow.sessionLocation)
        }
        guard let first = starts.first, let start = first.flow.start else {
            log.error(
                DiagnosticCode.missingStart,
                "no flow declares 'start'; add start: \"<state>\" to the flow with the welcome state",
                at: flows.first?.flowNameLocation ?? flows.first?.flow.location)
            return nil
        }
        for other in starts.dropFirst() {
            log.error(
                DiagnosticCode.multipleStarts, "a second flow declares 'start'; exactly one flow file declares it",
                at: other.startLocation, notes: [.init("'start' is first declared here", at: first.startLocation)])
        }
        return starts.count == 1 && states[start] != nil ? start : nil
    }

    private func checkWelcome(_ start: StateID) {
        if let state = states[start], references.sayVariants[start] == nil {
            log.error(
                DiagnosticCode.missingField,
                "the start state '\(start)' needs 'say': it is the welcome message customers see first",
                at: state.location)
        }
        for variant in references.sayVariants[start] ?? []
        where variant.value.unicodeScalars.count > Limits.maximumWelcomeTextLength {
            log.error(
                DiagnosticCode.limitExceeded,
                "the start state's text is \(variant.value.unicodeScalars.count) characters; as X's welcome message "
                    + "it may have at most \(Limits.maximumWelcomeTextLength)",
                at: variant.location)
        }
    }
}
