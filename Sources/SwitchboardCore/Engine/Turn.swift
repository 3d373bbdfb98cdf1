/// One engine step in progress: the conversation being changed and what has been decided so far.
struct Turn {
    let engine: Engine
    var conversation: Conversation
    var effects: [Effect] = []
    var trace: [TraceEvent] = []
    /// Automatic hops taken so far in this step (bounded by `Engine.maximumAutomaticHops`).
    var hops = 0
    /// The inbound's classification, when it was made ahead (`Engine.preclassify(_:)`).
    var preclassified: Inbound.Preclassified?

    init(engine: Engine, conversation: Conversation) {
        self.engine = engine
        self.conversation = conversation
    }

    var bot: Bot { engine.bot }
    var result: StepResult { StepResult(conversation: conversation, effects: effects, trace: trace) }

    /// The state the conversation is in, if it is in one.
    var currentState: StateID? {
        switch conversation.phase {
        case .at(let state), .capturing(let state, _): state
        case .clarifying(_, let returnTo): returnTo
        case .idle, .withAgent: nil
        }
    }

    // MARK: - Receiving

    mutating func receive(_ inbound: Inbound, now: Instant) {
        if let profile = inbound.profile { conversation.profile.merge(profile) }
        if case .withAgent = conversation.phase {
            conversation.lastActivity = now
            trace.append(.ignoredWhileWithAgent)
            return
        }
        if let last = conversation.lastActivity, conversation.phase != .idle,
            now - last > bot.settings.sessionExpiry
        {
            trace.append(.sessionExpired(idle: now - last))
            conversation.phase = .idle
            conversation.slots = [:]
            conversation.offered = []
        }
        conversation.lastActivity = now
        preclassified = inbound.preclassified
        let text = Engine.readableText(inbound.text)

        if let tapped = recogniseTap(text: text, metadata: inbound.quickReplyMetadata) {
            if case .handled = tapped { return }
            if case .option(let option, let evidence) = tapped {
                trace.append(.optionTapped(label: option.label, how: evidence))
                choose(option.choice)
                return
            }
        }
        if let command = command(matching: text) {
            trace.append(.command(text))
            if let say = command.say { send(say, options: [], buttons: []) }
            perform(command.action, reason: .customerAsked)
            return
        }
        handleText(text)
    }

    enum Tap {
        case option(OfferedOption, TraceEvent.TapEvidence)
        /// The tap was answered (stale or from another version) and nothing else should happen.
        case handled
    }

    /// Recognises a tap by its metadata (checked against what was offered) or by its typed label.
    mutating func recogniseTap(text: String, metadata: String?) -> Tap? {
        // Options remembered from before a reload point into the old flows: only this version's count.
        let remembered = conversation.phase == .idle ? engine.welcomeOptions() : conversation.offered
        let current = "sb1.\(bot.version)."
        let offered = remembered.filter { $0.token.hasPrefix(current) }
        let typedKey = TextMatching.key(text)
        let byLabel = typedKey.isEmpty ? nil : offered.first { labelKey(of: $0) == typedKey }
        guard let metadata else { return byLabel.map { .option($0, .typedLabel) } }
        if let option = offered.first(where: { $0.token == metadata }) { return .option(option, .metadata) }

        let problem: TraceEvent.MetadataProblem
        if let token = QuickReplyToken(parsing: metadata) {
            problem = token.version == bot.version ? .stale : .otherFlowVersion
            if token.version == bot.version && token.turn > conversation.turn {
                trace.append(.metadataRejected(.unrecognised))
                return byLabel.map { .option($0, .typedLabel) }
            }
        } else {
            trace.append(.metadataRejected(.unrecognised))
            return byLabel.map { .option($0, .typedLabel) }
        }
        trace.append(.metadataRejected(problem))
        if let byLabel { return .option(byLabel, .typedLabel) }
        let notice =
            problem == .stale
            ? "That button is from an earlier message, so I can't use it now."
            : "We've updated our menu since that message, so that button no longer works."
        effects.append(.send(OutgoingMessage(text: notice)))
        repromptCurrent()
        return .handled
    }

    /// The comparison key of an offered option's label: precomputed for flow options.
    func labelKey(of option: OfferedOption) -> String {
        if case .stateOption(let state, let index) = option.choice, let keys = bot.optionKeys[state],
            keys.indices.contains(index)
        {
            return keys[index]
        }
        return TextMatching.key(option.label)
    }

    func command(matching text: String) -> GlobalCommand? {
        let key = TextMatching.key(text)
        guard !key.isEmpty else { return nil }
        return bot.commandsByKey[key]
    }

    // MARK: - Free text

    mutating func handleText(_ text: String) {
        switch conversation.phase {
        case .withAgent:
            trace.append(.ignoredWhileWithAgent)
        case .idle:
            trace.append(.started(bot.start))
            let start = bot.states[bot.start]
            if !text.isEmpty, handling(for: start) == .classify, let decision = classify(text),
                case .confident(let top) = decision
            {
                conversation.phase = .at(bot.start)
                performIntent(top.intent, topIntents: [top])
            } else {
                enter(bot.start)
            }
        case .capturing(let stateID, let failures):
            capture(text, in: stateID, failures: failures)
        case .clarifying(_, let returnTo):
            conversation.phase = returnTo.map { .at($0) } ?? .idle
            if conversation.phase == .idle { handleText(text) } else { handleText(text, in: returnTo) }
        case .at(let stateID):
            handleText(text, in: stateID)
        }
    }

    /// What free text does in a state: its `onText`, or classify when the bot has intents.
    func handling(for state: FlowState?) -> TextHandling {
        if let onText = state?.onText { return onText }
        return bot.classifier == nil ? .reprompt(hint: nil) : .classify
    }

    mutating func handleText(_ text: String, in stateID: StateID?) {
        let state = stateID.flatMap { bot.states[$0] }
        if text.isEmpty {
            send(MessageText("I can only read text here. Please type your question or pick an option."), options: [], buttons: [])
            repromptCurrent()
            return
        }
        switch handling(for: state) {
        case .classify:
            guard let decision = classify(text) else {
                repromptCurrent()
                return
            }
            act(on: decision)
        case .reprompt(let hint):
            send(MessageText(hint ?? "Sorry, I didn't catch that. Please pick one of the options."), options: [], buttons: [])
            repromptCurrent()
        case .act(let action):
            perform(action, reason: .flowHandoff)
        }
    }

    mutating func classify(_ text: String) -> Decision? {
        guard let classifier = bot.classifier else { return nil }
        let classification =
            if let ahead = preclassified, ahead.botVersion == bot.version, ahead.text == text {
                ahead.classification
            } else {
                classifier.classify(text)
            }
        let decision = bot.decisionPolicy.decide(classification)
        trace.append(.classified(decision))
        return decision
    }

    mutating func act(on decision: Decision) {
        switch decision {
        case .confident(let top):
            performIntent(top.intent, topIntents: [top])
        case .ambiguous(let candidates):
            clarify(candidates)
        case .unknown(let top):
            handOff(
                HandOff(
                    queue: bot.settings.fallbackQueue,
                    say: "I'm not sure I understood, so I've passed your message to a person on our team. "
                        + "They'll reply right here in this chat."),
                reason: .lowConfidence, topIntents: top)
        }
    }

    mutating func clarify(_ candidates: [ScoredIntent]) {
        let returnTo = currentState
        var options: [(OutgoingChoice)] = candidates.prefix(3).map { candidate in
            let label = bot.intents[candidate.intent]?.displayLabel ?? candidate.intent.rawValue
            return OutgoingChoice(label: label, description: nil, choice: .clarify(candidate.intent))
        }
        options.append(OutgoingChoice(label: "Something else", description: nil, choice: .somethingElse))
        send(MessageText("Did you mean:"), choices: options, buttons: [])
        conversation.phase = .clarifying(candidates: candidates.map(\.intent), returnTo: returnTo)
    }

    // MARK: - Slots

    mutating func capture(_ text: String, in stateID: StateID, failures: Int) {
        guard let state = bot.states[stateID], let ask = state.ask else {
            enter(bot.start)
            return
        }
        if (bot.slotPatterns[stateID] ?? SlotPattern(ask.pattern)).accepts(text) {
            conversation.slots[ask.slot.rawValue] = text
            effects.append(.setSlot(ask.slot, text))
            trace.append(.slotCaptured(ask.slot, text))
            conversation.phase = .at(stateID)
            if let next = state.next { perform(next, reason: .flowHandoff) } else { enter(bot.start) }
            return
        }
        let failed = failures + 1
        trace.append(.slotRejected(ask.slot, failures: failed))
        if failed > ask.maxRetries {
            if let onFail = ask.onFail {
                perform(onFail, reason: .slotFailed)
            } else {
                handOff(
                    HandOff(queue: bot.settings.fallbackQueue, note: "Could not capture '\(ask.slot)'."),
                    reason: .slotFailed, topIntents: [])
            }
            return
        }
        conversation.phase = .capturing(stateID, failures: failed)
        send(ask.retry ?? MessageText("Sorry, that doesn't look right. Please try again."), state: state)
    }
}

extension CustomerProfile {
    /// Takes every field the channel reported; keeps what it did not.
    mutating func merge(_ newer: CustomerProfile) {
        name = newer.name ?? name
        handle = newer.handle ?? handle
        followers = newer.followers ?? followers
    }
}
