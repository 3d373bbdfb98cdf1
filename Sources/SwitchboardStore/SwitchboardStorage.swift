public import SwitchboardCore

/// Everything Switchboard keeps: one protocol per area, so a PostgreSQL store can stand in later.
public protocol SwitchboardStorage: InboundStore, OutboxStore, AgentDirectory, EscalationQueue {}

/// Inbound messages: each one is deduplicated and committed with all its consequences at once.
public protocol InboundStore: Sendable {
    /// Processes one inbound DM in one transaction: the inbox row (deduplication by event id),
    /// the step's new conversation state, its events, its outbox rows and its escalation commit
    /// together or not at all. Returns `.duplicate` (and does not run `step`) for a seen event id.
    ///
    /// `step` runs on the store's writer thread: keep it pure and quick (no I/O, no waiting).
    /// `inbound.receivedAt` is "now" for everything this writes (events, SLA clocks, contacts).
    /// Throws `QueueError.invalidInput` for an empty or over-long event id or text, or a step
    /// that returns more than `SQLiteStore.maximumOutboxPerStep` messages; the step's own error
    /// is rethrown, and in every failure case nothing is written (the event may be retried).
    func process(
        _ inbound: InboundRecord, step: @escaping @Sendable (InboundContext) throws -> StepRecords
    ) async throws -> ProcessResult

    /// A webhook's DM in two steps, so the webhook is answered once the DM is durable, before its
    /// step runs: `receive` commits the inbox row with what the step needs (false for a seen event
    /// id), and `processReceived` later runs the step and writes what `process` writes, marking the
    /// row processed in the same transaction (`.duplicate` if it was processed already). Steps of
    /// received DMs run in the order `processReceived` is called, behind every other write.
    func receive(_ inbound: InboundRecord) async throws -> Bool
    func processReceived(
        _ inbound: InboundRecord, step: @escaping @Sendable (InboundContext) throws -> StepRecords
    ) async throws -> ProcessResult
    /// Received DMs whose step has not run yet (say, after a crash), in the order they came, after
    /// `after` (nil: from the first).
    func waitingInbound(after: InboundRecord?, limit: Int) async throws -> [InboundRecord]
    /// Stops waiting for a received DM whose step cannot succeed; returns whether it was waiting.
    @discardableResult
    func abandonReceived(_ eventID: String) async throws -> Bool
    /// How many received DMs wait for their step.
    func waitingInboundCount() async throws -> Int

    /// The stored conversation for a key, if any.
    func conversation(_ key: ConversationKey) async throws -> ConversationSnapshot?

    /// A conversation's events in order, after `afterEvent` (exclusive), at most `limit`.
    func events(of conversation: ConversationRowID, after afterEvent: Int64, limit: Int) async throws -> [StoredEvent]
}

/// Outbound messages waiting to be sent.
public protocol OutboxStore: Sendable {
    /// Takes up to `limit` pending messages due at `now`, oldest first, and leases them: each
    /// counts an attempt and is not due again before `now + leaseMilliseconds`, so a sender that
    /// dies mid-send has its messages retried, not lost.
    func claimDue(now: Instant, limit: Int, leaseMilliseconds: Int64) async throws -> [OutboxEntry]
    /// The channel accepted the message.
    func markSent(_ id: OutboxMessageID, at: Instant) async throws
    /// The channel accepted these messages: marked in one write. Returns those that were not
    /// pending (already sent or failed, or unknown), which stay as they were.
    func markSent(_ ids: [OutboxMessageID], at: Instant) async throws -> [OutboxError]
    /// The attempt failed; try again at `nextAttemptAt`.
    func markRetry(_ id: OutboxMessageID, error: String, nextAttemptAt: Instant) async throws
    /// The message cannot be delivered; stop trying.
    func markFailed(_ id: OutboxMessageID, error: String) async throws
    /// Claimed messages that were not tried (their channel is paused): all are due again at
    /// `until` (then claimed in the order they were queued, as messages queued for that time
    /// meanwhile), and each gets back the attempt its claim counted. One write for all of them.
    func postpone(_ ids: [OutboxMessageID], until: Instant, reason: String) async throws
}

/// The human agents.
public protocol AgentDirectory: Sendable {
    /// Adds or updates an agent; the token, if given, is stored as a SHA-256 hash only.
    func register(_ agent: AgentRegistration, now: Instant) async throws
    /// All agents with their current load.
    func agents() async throws -> [Agent]
    /// The agent whose token this is, if any (compared by hash).
    func agent(token: String) async throws -> Agent?
    /// Sets an agent's availability; an agent coming online is given waiting work at once.
    func setAvailability(_ availability: Availability, of agent: AgentID, now: Instant) async throws
        -> [EscalationAssignment]
}

/// The human queue and what agents do with it.
public protocol EscalationQueue: Sendable {
    /// Escalations matching `filter`, highest priority at `now` first (oldest first on ties).
    func escalations(_ filter: EscalationFilter, now: Instant) async throws -> [EscalationSummary]
    /// One escalation with its transcript and the customer's history.
    func escalation(_ id: EscalationID, now: Instant) async throws -> EscalationDetail
    /// Gives the escalation to `agent`. Atomic: of two agents claiming at once, one wins and the
    /// other gets `QueueError.alreadyClaimed`.
    func claim(_ id: EscalationID, by agent: AgentID, now: Instant) async throws -> EscalationSummary
    /// Puts the escalation back in its queue (and assigns it to someone else if auto-assign is on).
    func release(_ id: EscalationID, by agent: AgentID, now: Instant) async throws -> [EscalationAssignment]
    /// Moves the escalation to another queue or agent.
    func transfer(_ id: EscalationID, by agent: AgentID, to target: TransferTarget, now: Instant) async throws
        -> [EscalationAssignment]
    /// Sends the agent's reply to the customer (outbox + event); the first reply stops the
    /// first-response clock.
    func reply(_ id: EscalationID, by agent: AgentID, message: OutboundMessage, now: Instant) async throws
        -> OutboxMessageID
    /// Adds an internal note, never sent to the customer.
    func note(_ id: EscalationID, by agent: AgentID, text: String, now: Instant) async throws
    /// Resolves the escalation: the bot owns the conversation again. With `csatQuestion`, the
    /// question goes to the outbox and the customer's next "1"–"5" is recorded as CSAT.
    func resolve(_ id: EscalationID, by agent: AgentID, csatQuestion: OutboundMessage?, now: Instant) async throws
        -> [EscalationAssignment]
    /// Records a 1–5 satisfaction score for a resolved escalation.
    func recordCSAT(_ score: Int, for id: EscalationID) async throws
    /// What an agent should know about a customer.
    func customerHistory(_ key: ConversationKey, now: Instant) async throws -> CustomerHistory
}
