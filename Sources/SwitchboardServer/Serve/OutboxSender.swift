import SwitchboardCore
import SwitchboardStore
import Foundation
import Synchronization

/// Works the outbox: takes due messages, delivers them on their channel, records the result.
///
/// Exactly one reply per inbound message: each outbox row is leased while it is being sent, and
/// the rows a round delivered are marked sent together when the round ends (one write, not one
/// per message). X offers no idempotency key, so after a crash the leased rows not yet marked are
/// settled against X's recent messages by `DeliveryReconciler` before anything is sent again.
public final class OutboxSender: Sendable {
    /// Rows taken per round; more wait for the next round.
    static let batchSize = 64
    /// Deliveries in flight at once.
    static let concurrency = 16
    /// How long a row is leased to this sender before another attempt may take it.
    static let leaseMilliseconds: Int64 = 60_000
    /// When the X channel is off, X rows wait this long before being looked at again.
    static let channelOffRetry: Int64 = 60_000

    let store: any OutboxStore
    let x: XChannel?
    let generic: GenericWebhookChannel
    let metrics: Metrics
    let logger: Logger
    let clock: @Sendable () -> Int64
    /// How often due retries are looked for when nothing wakes the sender.
    let pollInterval: Duration
    private let wake: AsyncStream<Void>.Continuation
    private let signals: Mutex<AsyncStream<Void>?>
    private let stopped = Atomic<Bool>(false)
    /// A wake-up is on its way to the loop in `run()`: further `notify()` calls need not send one.
    private let signalled = Atomic<Bool>(false)
    /// Channels that answered 429: nothing is sent on them until their window reopens.
    let pauses = ChannelPauses()

    init(
        store: any OutboxStore, x: XChannel?, generic: GenericWebhookChannel, metrics: Metrics, logger: Logger,
        clock: @escaping @Sendable () -> Int64, pollInterval: Duration = .milliseconds(250)
    ) {
        self.store = store
        self.pollInterval = pollInterval
        self.x = x
        self.generic = generic
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        signals = Mutex(stream)
        wake = continuation
    }

    /// Something was queued: deliver it now rather than at the next poll.
    ///
    /// Every DM that queues a reply calls this, and the DMs of one commit call it together: only
    /// the first since the sender last woke sends a signal. The sender clears the flag before it
    /// claims, so a reply committed before a skipped signal is always in that claim or a later one.
    public func notify() {
        if !signalled.exchange(true, ordering: .sequentiallyConsistent) { wake.yield(()) }
    }

    /// Runs until `stop()`; call once.
    public func run() async {
        guard let stream = signals.withLock({ stream -> AsyncStream<Void>? in defer { stream = nil }; return stream })
        else { return }
        let wake = self.wake
        let pollInterval = self.pollInterval
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: pollInterval)
                wake.yield(())
            }
        }
        defer { ticker.cancel() }
        for await _ in stream {
            signalled.store(false, ordering: .sequentiallyConsistent)
            if stopped.load(ordering: .acquiring) { break }
            await drain()
        }
    }

    public func stop() {
        stopped.store(true, ordering: .releasing)
        wake.yield(())
        wake.finish()
    }

    /// Delivers everything due now, in rounds. A round's deliveries are recorded while the next
    /// round is claimed: both writes then share one commit of the store's writer, rather than a
    /// round waiting for two commits in turn. (The recorded rows stay leased until marked, so
    /// the next claim cannot take them again.)
    func drain() async {
        var recording: Task<Void, Never>?  // awaited on every way out: no round is left unrecorded
        while !stopped.load(ordering: .acquiring) {
            let due: [OutboxEntry]
            do {
                due = try await store.claimDue(
                    now: Instant(milliseconds: clock()), limit: Self.batchSize, leaseMilliseconds: Self.leaseMilliseconds)
            } catch {
                logger.error("outbox read failed", ["error": "\(error)"])
                await recording?.value
                return
            }
            if due.isEmpty {
                await recording?.value
                return
            }
            let ready = await holdBack(due)
            // One conversation's messages go out one after another, in outbox order (a turn's notice
            // before its menu); different conversations go out in parallel.
            let sent = SentMessages()
            await withTaskGroup(of: Void.self) { group in
                var running = 0
                for entries in Self.byConversation(ready) {
                    if running == Self.concurrency {
                        await group.next()
                        running -= 1
                    }
                    group.addTask { await self.deliverInOrder(entries, sent: sent) }
                    running += 1
                }
            }
            await recording?.value  // one record in flight at a time, in round order
            recording = Task { await self.record(sent) }
            if due.count < Self.batchSize { break }
        }
        await recording?.value
    }

    /// The entries grouped by conversation, each group and the groups in the order given.
    static func byConversation(_ entries: [OutboxEntry]) -> [[OutboxEntry]] {
        var groups: [[OutboxEntry]] = []
        var index: [ConversationRowID: Int] = [:]
        for entry in entries {
            if let position = index[entry.conversation] {
                groups[position].append(entry)
            } else {
                index[entry.conversation] = groups.count
                groups.append([entry])
            }
        }
        return groups
    }

    /// Delivers one conversation's entries in order; when one must wait for a retry, the ones after
    /// it wait with it (just after it), so the customer never reads a later message first.
    func deliverInOrder(_ entries: [OutboxEntry], sent: SentMessages) async {
        for (position, entry) in entries.enumerated() {
            guard let retryAt = await deliver(entry, sent: sent) else { continue }
            for (offset, later) in entries.dropFirst(position + 1).enumerated() {
                do {
                    try await store.markRetry(
                        later.id, error: "waiting for an earlier message to this customer",
                        nextAttemptAt: Instant(milliseconds: retryAt.milliseconds + Int64(offset) + 1))
                } catch {
                    logger.error("recording a delivery failed", ["delivery_id": later.deliveryID, "error": "\(error)"])
                }
            }
            return
        }
    }

    /// Records the round's deliveries as sent, in one write. Until then a crash would leave them
    /// pending; start-up reconciliation (`DeliveryReconciler`) finds them in X's recent messages,
    /// so they are not sent twice.
    func record(_ sent: SentMessages) async {
        let ids = sent.ids
        guard !ids.isEmpty else { return }
        do {
            for refused in try await store.markSent(ids, at: Instant(milliseconds: clock())) {
                logger.error("recording a delivery failed", ["outbox_id": String(refused.id.rawValue), "error": "\(refused)"])
            }
        } catch {
            // The leases expire and the rows are tried again: nothing is lost (the reconciler
            // settles them against X first when the process restarts).
            logger.error("recording deliveries failed", ["count": String(ids.count), "error": "\(error)"])
        }
    }

    /// Delivers one entry; returns when it is due again if it must be retried, nil otherwise.
    /// A delivered entry is added to `sent`, for `record(_:)` to mark after the round.
    @discardableResult
    func deliver(_ entry: OutboxEntry, sent: SentMessages) async -> Instant? {
        let channel = Channel.of(entry.account)
        if let resume = pauses.resumesAt(channel, now: clock()) {
            // Paused while this round was under way: wait with the others, untried.
            do {
                try await store.postpone([entry.id], until: Instant(milliseconds: resume), reason: Self.pausedReason(channel, resume))
            } catch {
                logger.error("postponing a delivery failed", ["delivery_id": entry.deliveryID, "error": "\(error)"])
            }
            return Instant(milliseconds: resume)
        }
        let decision: XRetryDecision
        do {
            let payload = try OutboxPayload.decode(entry.payloadJSON)
            switch channel {
            case .api:
                decision = await generic.deliver(entry, payload: payload)
            case .x:
                guard let x else {
                    let retryAt = Instant(milliseconds: clock() + Self.channelOffRetry)
                    try await store.markRetry(
                        entry.id, error: "the X channel is off: set the SWITCHBOARD_X_* credentials", nextAttemptAt: retryAt)
                    return retryAt
                }
                decision = await x.deliver(entry, payload: payload)
            }
        } catch {
            decision = .permanentFailure(reason: "unreadable outbox payload: \(error)")
        }
        do {
            let now = clock()
            switch decision {
            case .delivered:
                sent.append(entry.id)
                metrics.increment("switchboard_replies_sent_total", labels: ["channel": channel.rawValue])
            case .retry(let delay, let reason):
                let retryAt = Instant(milliseconds: now + delay.wholeMilliseconds)
                try await store.markRetry(entry.id, error: reason, nextAttemptAt: retryAt)
                metrics.increment("switchboard_reply_retries_total", labels: ["channel": channel.rawValue])
                logger.warning("delivery will be retried", ["delivery_id": entry.deliveryID, "reason": reason])
                return retryAt
            case .rateLimited(let delay, let reason):
                let resume = now + delay.wholeMilliseconds
                try await store.markRetry(entry.id, error: reason, nextAttemptAt: Instant(milliseconds: resume))
                metrics.increment("switchboard_reply_retries_total", labels: ["channel": channel.rawValue])
                metrics.increment("switchboard_rate_limited_total", labels: ["channel": channel.rawValue])
                let pause = pauses.pause(channel, until: resume, now: now)
                metrics.set("switchboard_channel_paused_until_seconds", Double(pause.resumesAt / 1000), labels: ["channel": channel.rawValue])
                if pause.started {
                    logger.warning(
                        "channel rate limited: sending paused", [
                            "channel": channel.rawValue, "until": ISO8601.format(milliseconds: pause.resumesAt),
                            "seconds": String(delay.components.seconds), "delivery_id": entry.deliveryID,
                        ])
                }
                return Instant(milliseconds: resume)
            case .permanentFailure(let reason):
                try await store.markFailed(entry.id, error: reason)
                metrics.increment("switchboard_replies_failed_total", labels: ["channel": channel.rawValue])
                logger.error("delivery failed for good", ["delivery_id": entry.deliveryID, "reason": reason])
            }
        } catch {
            // The lease expires and the row is tried again: nothing is lost.
            logger.error("recording a delivery failed", ["delivery_id": entry.deliveryID, "error": "\(error)"])
            return Instant(milliseconds: clock() + Self.leaseMilliseconds)
        }
        return nil
    }
}

/// The messages delivered in one round, collected from its concurrent deliveries.
final class SentMessages: Sendable {
    private let state = Mutex<[OutboxMessageID]>([])

    func append(_ id: OutboxMessageID) { state.withLock { $0.append(id) } }
    var ids: [OutboxMessageID] { state.withLock { $0 } }
}
