/// The states as a graph: which are reachable from the start, and loops of automatic `next`.
struct StateGraph {
    let states: [StateID: FlowState]
    let intents: [IntentID: IntentDefinition]
    let log: LoadLog

    /// The states an action leads to directly (through an intent's response for `intent:`).
    private func targets(of action: Action) -> [StateID] {
        switch action {
        case .goTo(let state): return [state]
        case .trigger(let intent): return intents[intent].map { targets(of: $0.response) } ?? []
        case .handOff, .end: return []
        }
    }

    private func targets(of response: IntentResponse) -> [StateID] {
        switch response {
        case .goTo(let state): return [state]
        case .reply(_, let options, _): return options.flatMap { targets(of: $0.action) }
        case .handOff: return []
        }
    }

    private func successors(of state: FlowState) -> [StateID] {
        var actions = state.options.map(\.action)
        if let next = state.next { actions.append(next) }
        if let onFail = state.ask?.onFail { actions.append(onFail) }
        if case .act(let action)? = state.onText { actions.append(action) }
        // `onText: "classify"` leads to the intents' states, which are roots already.
        return actions.flatMap { targets(of: $0) }
    }

    /// Warns about states no path from the start (or a command, or an intent) leads to.
    func checkReachability(from start: StateID, commands: [GlobalCommand], order: [StateID]) {
        var roots = [start] + commands.flatMap { targets(of: $0.action) }
        roots += intents.keys.sorted().flatMap { intents[$0].map { targets(of: $0.response) } ?? [] }
        var reached: Set<StateID> = []
        var pending = roots
        while let id = pending.popLast() {
            guard !reached.contains(id), let state = states[id] else { continue }
            reached.insert(id)
            pending += successors(of: state)
        }
        for id in order where !reached.contains(id) {
            log.warning(
                DiagnosticCode.unreachableState,
                "state '\(id)' is unreachable: no option, next, command or intent leads to it from the start",
                at: states[id]?.location)
        }
    }

    /// Errors on loops of automatic `next` that never wait for the customer, and on chains
    /// longer than the engine follows in one step.
    func checkAutomaticCycles(order: [StateID]) {
        func automaticNext(_ id: StateID) -> StateID? {
            guard let state = states[id], !state.waitsForInput, !state.isEnd, case .goTo(let target)? = state.next
            else { return nil }
            return target
        }
        var finished: Set<StateID> = []
        for origin in order where !finished.contains(origin) {
            var path: [StateID] = []
            var onPath: [StateID: Int] = [:]
            var current: StateID? = origin
            while let id = current, !finished.contains(id) {
                if let index = onPath[id] {
                    report(cycle: Array(path[index...]))
                    break
                }
                onPath[id] = path.count
                path.append(id)
                current = automaticNext(id)
            }
            if path.count > Engine.maximumAutomaticHops, let first = path.first {
                log.error(
                    DiagnosticCode.automaticCycle,
                    "\(path.count) states follow each other by 'next' without waiting; the bot follows at most "
                        + "\(Engine.maximumAutomaticHops) in one turn — add options or an 'ask' on the way",
                    at: states[first]?.location)
            }
            finished.formUnion(path)
        }
    }

    private func report(cycle: [StateID]) {
        guard let first = cycle.first else { return }
        let loop = (cycle + [first]).map { "'\($0.rawValue)'" }.joined(separator: " → ")
        log.error(
            DiagnosticCode.automaticCycle,
            "automatic 'next' loop with no input: \(loop); the bot would never wait for the customer — "
                + "add options, onText or ask to one of them",
            at: states[first]?.location,
            notes: cycle.dropFirst().map { .init("'\($0)' is part of the loop", at: states[$0]?.location) })
    }
}
