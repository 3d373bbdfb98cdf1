/// An option about to be sent: what it shows and what tapping it will mean.
struct OutgoingChoice {
    var label: String
    var description: String?
    var choice: OfferedOption.Choice
}

extension Turn {
    // MARK: - Choices and actions

    mutating func choose(_ choice: OfferedOption.Choice) {
        switch choice {
        case .stateOption(let stateID, let index):
            guard let options = bot.states[stateID]?.options, options.indices.contains(index) else {
                return repromptCurrent()
            }
            conversation.phase = .at(stateID)
            perform(options[index].action, reason: .customerAsked)
        case .intentOption(let intentID, let index):
            guard case .reply(_, let options, _) = bot.intents[intentID]?.response, options.indices.contains(index)
            else { return repromptCurrent() }
            perform(options[index].action, reason: .customerAsked)
        case .clarify(let intentID):
            if case .clarifying(_, let returnTo) = conversation.phase {
                conversation.phase = returnTo.map { .at($0) } ?? .at(bot.start)
            }
            performIntent(intentID, topIntents: [])
        case .somethingElse:
            handOff(
                HandOff(queue: bot.settings.fallbackQueue, note: "Chose 'Something else' after 'Did you mean'."),
                reason: .customerAsked, topIntents: [])
        case .rating(let score):
            effects.append(.rating(score))
            conversation.offered = []
            send(MessageText("Thank you for your feedback!"), options: [], buttons: [])
        }
    }

    mutating func perform(_ action: Action, reason: EscalationReason) {
        switch action {
        case .goTo(let stateID):
            enter(stateID)
        case .handOff(let handOff):
            self.handOff(handOff, reason: reason, topIntents: [])
        case .trigger(let intentID):
            performIntent(intentID, topIntents: [])
        case .end:
            end()
        }
    }

    mutating func performIntent(_ intentID: IntentID, topIntents: [ScoredIntent]) {
        guard let intent = bot.intents[intentID] else { return repromptCurrent() }
        switch intent.response {
        case .reply(let say, let options, let buttons):
            let choices = options.enumerated().map { index, option in
                OutgoingChoice(
                    label: option.label, description: option.description,
                    choice: .intentOption(intentID, index: index))
            }
            if conversation.phase == .idle { conversation.phase = .at(bot.start) }
            if case .clarifying(_, let returnTo) = conversation.phase {
                conversation.phase = returnTo.map { .at($0) } ?? .at(bot.start)
            }
            send(say, choices: choices, buttons: buttons)
        case .goTo(let stateID):
            enter(stateID)
        case .handOff(let handOff):
            self.handOff(handOff, reason: .intentHandoff, topIntents: topIntents)
        }
    }

    mutating func handOff(_ handOff: HandOff, reason: EscalationReason, topIntents: [ScoredIntent]) {
        let state = currentState
        let say =
            handOff.say
            ?? "I'm connecting you with a person from our team. They'll reply right here in this chat."
        send(MessageText(say), options: [], buttons: [])
        let note = handOff.note.map {
            TemplateRenderer.render($0, profile: conversation.profile, slots: conversation.slots)
        }
        effects.append(
            .handOff(
                HandOffRequest(queue: handOff.queue, reason: reason, topIntents: topIntents, note: note, state: state)))
        trace.append(.handedOff(handOff.queue, reason))
        conversation.phase = .withAgent(handOff.queue)
        conversation.offered = []
    }

    mutating func end() {
        effects.append(.end(contained: true))
        trace.append(.ended)
        conversation.phase = .idle
        conversation.slots = [:]
        conversation.offered = []
    }

    /// Enters a state: says its message, then waits, captures, ends or moves on.
    mutating func enter(_ stateID: StateID) {
        hops += 1
        guard hops <= Engine.maximumAutomaticHops, let state = bot.states[stateID] else {
            // Unreachable for a validated bot (cycles and unknown states are rejected); fail safe.
            return handOff(
                HandOff(queue: bot.settings.fallbackQueue, note: "The flow could not continue at '\(stateID)'."),
                reason: .flowHandoff, topIntents: [])
        }
        trace.append(.entered(stateID, from: currentState))
        conversation.phase = .at(stateID)
        if let say = state.say {
            send(say, state: state)
        } else {
            conversation.offered = []
        }
        if let ask = state.ask {
            _ = ask
            conversation.phase = .capturing(stateID, failures: 0)
            return
        }
        if !state.options.isEmpty || state.onText != nil { return }
        if state.isEnd { return end() }
        if let next = state.next { perform(next, reason: .flowHandoff) }
    }

    /// Says the current state's message again (or the start state's, when there is none).
    mutating func repromptCurrent() {
        let stateID = currentState ?? bot.start
        guard let state = bot.states[stateID] else { return }
        if state.say == nil && state.options.isEmpty { return }
        send(state.say ?? MessageText("Please pick an option:"), state: state)
        if conversation.phase == .idle { conversation.phase = .at(stateID) }
    }

    mutating func askForRating() {
        let choices = (1...5).map { score in
            OutgoingChoice(
                label: String(repeating: "★", count: score), description: nil, choice: .rating(score))
        }
        send(MessageText("How did we do? Tap a rating from 1 to 5 stars."), choices: choices, buttons: [])
    }

    // MARK: - Sending

    /// Sends a state's message with its options and buttons.
    mutating func send(_ text: MessageText, state: FlowState) {
        let choices = state.options.enumerated().map { index, option in
            OutgoingChoice(
                label: option.label, description: option.description, choice: .stateOption(state.id, index: index))
        }
        send(text, choices: choices, buttons: state.buttons)
    }

    mutating func send(_ text: MessageText, options: [OutgoingChoice], buttons: [URLButton]) {
        send(text, choices: options, buttons: buttons)
    }

    /// Renders the text, stamps a fresh token into every option, and remembers what was offered.
    mutating func send(_ text: MessageText, choices: [OutgoingChoice], buttons: [URLButton]) {
        conversation.turn += 1
        let variants = text.variants.isEmpty ? [""] : text.variants
        let variant = variants[(conversation.turn - 1) % variants.count]
        let rendered = TemplateRenderer.render(variant, profile: conversation.profile, slots: conversation.slots)
        var offered: [OfferedOption] = []
        var replies: [OutgoingQuickReply] = []
        for (index, choice) in choices.enumerated() {
            let token = QuickReplyToken(version: bot.version, turn: conversation.turn, index: index).rawValue
            offered.append(OfferedOption(token: token, label: choice.label, choice: choice.choice))
            replies.append(OutgoingQuickReply(label: choice.label, description: choice.description, metadata: token))
        }
        // A channel shows quick replies under the newest message only: what was offered before is gone.
        conversation.offered = offered
        effects.append(
            .send(
                OutgoingMessage(
                    text: rendered.utf8.count <= OutgoingMessage.maximumTextLength
                        ? rendered : String(rendered.prefix(OutgoingMessage.maximumTextLength)),
                    quickReplies: replies,
                    buttons: buttons)))
    }
}

extension OutgoingMessage {
    /// X's limit for a DM's text.
    public static let maximumTextLength = 10_000
}
