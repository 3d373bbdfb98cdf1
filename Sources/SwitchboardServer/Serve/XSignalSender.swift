import Foundation
import Synchronization

/// Sends X signals (typing indicators, mark-read) best-effort, beside the outbox.
///
/// Signals never enter the durable outbox: no exactly-once, no retries. `enqueue` is O(1) and
/// never waits (a lock around a dictionary write and a wake-up), so the webhook path and the
/// agent API never slow down for X. One background task (`run()`) sends what is waiting, a few
/// at a time, each under its endpoint's `XSignalBudget`; a 429 pauses that endpoint until X's
/// `x-rate-limit-reset`; any other failure is logged and the signal dropped.
///
/// Every signal ends in `switchboard_x_signals_total{kind, result}` with result `sent`,
/// `dropped_budget` (no token, or paused after a 429), `dropped_queue` (queue full, a typing
/// signal gone stale while waiting, or left at shutdown) or `failed` (X refused it or did not
/// answer). Coalesced signals (see `XSignalQueue`) are not counted: nothing was lost.
public final class XSignalSender: Sendable {
    /// A signal is worth little after a few seconds: don't wait long for X.
    static let requestTimeout: Duration = .seconds(5)
    /// Requests in flight at once; the budget allows about one a second on average.
    static let concurrency = 4
    /// The metric every signal is counted in.
    public static let metricName = "switchboard_x_signals_total"

    /// The metric's `result` label.
    public enum Outcome: String, Sendable, CaseIterable {
        case sent
        case droppedBudget = "dropped_budget"
        case droppedQueue = "dropped_queue"
        case failed
    }

    struct State: Sendable {
        var queue = XSignalQueue()
        var budgets: [XSignal.Kind: XSignalBudget]
        var stopped = false
    }

    let channel: XChannel
    let metrics: Metrics
    let logger: Logger
    let clock: @Sendable () -> Int64
    private let state: Mutex<State>
    private let wake: AsyncStream<Void>.Continuation
    private let signals: Mutex<AsyncStream<Void>?>

    /// - Parameters:
    ///   - credentials: the X app's OAuth 1.0a secrets; every request is signed over its form body.
    ///   - apiBase: where X's API lives (`https://api.twitter.com`, or a fake in tests).
    ///   - clock: milliseconds since 1970 (budgets, pauses and OAuth timestamps).
    ///   - budget: each endpoint's bucket, made fresh for each kind at `clock()`.
    public init(
        credentials: XCredentials, apiBase: String, transport: any HTTPTransport, metrics: Metrics, logger: Logger,
        clock: @escaping @Sendable () -> Int64,
        budget: (Int64) -> XSignalBudget = { XSignalBudget(now: $0) }
    ) {
        channel = XChannel(
            credentials: credentials, apiBase: apiBase,
            delivery: Delivery(transport: transport, policy: XRetryPolicy(), clock: clock))
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
        let now = clock()
        state = Mutex(State(budgets: Dictionary(uniqueKeysWithValues: XSignal.Kind.allCases.map { ($0, budget(now)) })))
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        signals = Mutex(stream)
        wake = continuation
    }

    /// Declares the metric's help text.
    static func describe(_ metrics: Metrics) {
        metrics.describe(
            metricName, type: "counter",
            help: "X typing and mark-read signals, by kind and result (sent, dropped_budget, dropped_queue, failed).")
    }

    /// Queues a signal; returns at once. After `stop()`, signals are dropped.
    @discardableResult
    public func enqueue(_ signal: XSignal) -> XSignalQueue.Admission {
        let now = clock()
        let admission = state.withLock { state -> XSignalQueue.Admission in
            state.stopped ? .droppedFull : state.queue.enqueue(signal, now: now)
        }
        switch admission {
        case .queued: wake.yield(())
        case .coalesced: break
        case .droppedFull: count(signal.kind, .droppedQueue)
        }
        return admission
    }

    /// Sends signals as they are queued, until `stop()`; call once.
    public func run() async {
        guard let stream = signals.withLock({ stream -> AsyncStream<Void>? in defer { stream = nil }; return stream })
        else { return }
        for await _ in stream {
            if isStopped { break }
            await drain()
        }
    }

    /// Stops `run()` after the requests in flight; signals still waiting are dropped and counted.
    public func stop() {
        let dropped = state.withLock { state -> [XSignal.Kind: Int] in
            state.stopped = true
            return state.queue.removeAll()
        }
        for (kind, number) in dropped { metrics.increment(Self.metricName, by: Double(number), labels: labels(kind, .droppedQueue)) }
        if !dropped.isEmpty {
            logger.debug("X signals dropped at shutdown", ["count": String(dropped.values.reduce(0, +))])
        }
        wake.yield(())
        wake.finish()
    }

    var isStopped: Bool { state.withLock { $0.stopped } }

    /// Sends everything waiting now, `concurrency` requests at a time.
    func drain() async {
        while true {
            let batch = takeBatch()
            if batch.isEmpty { return }
            await withTaskGroup(of: Void.self) { group in
                for signal in batch { group.addTask { await self.send(signal) } }
            }
        }
    }

    /// Up to `concurrency` signals that are fresh and within their endpoint's budget; the others
    /// are dropped and counted on the way.
    func takeBatch() -> [XSignal] {
        let now = clock()
        var dropped: [(XSignal.Kind, Outcome)] = []
        let batch = state.withLock { state -> [XSignal] in
            var batch: [XSignal] = []
            while !state.stopped, batch.count < Self.concurrency, let output = state.queue.dequeue(now: now) {
                switch output {
                case .stale(let signal):
                    dropped.append((signal.kind, .droppedQueue))
                case .send(let signal):
                    switch state.budgets[signal.kind]?.take(now: now) ?? .allowed {
                    case .allowed: batch.append(signal)
                    case .exhausted, .paused: dropped.append((signal.kind, .droppedBudget))
                    }
                }
            }
            return batch
        }
        for (kind, result) in dropped { count(kind, result) }
        return batch
    }

    /// One request to X, its outcome counted and, when it failed, logged without secrets.
    func send(_ signal: XSignal) async {
        let url = channel.url(signal.kind.path)
        let request = signal.request(
            url: url, authorization: channel.authorization(method: "POST", url: url, parameters: signal.formParameters),
            timeout: Self.requestTimeout)
        let response: HTTPClientResponse
        do {
            response = try await channel.delivery.transport.send(request)
        } catch {
            count(signal.kind, .failed)
            logger.debug("X signal not delivered", ["kind": signal.kind.rawValue, "reason": "\(error)"])
            return
        }
        let reset = response.headers["x-rate-limit-reset"].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        switch response.status {
        case 200..<300:
            count(signal.kind, .sent)
            // X says this window is used up: wait for the reset rather than collect 429s.
            if response.headers["x-rate-limit-remaining"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) == 0 {
                pause(signal.kind, resetEpochSeconds: reset)
            }
        case 429:
            count(signal.kind, .failed)
            let until = pause(signal.kind, resetEpochSeconds: reset)
            logger.warning(
                "X rate-limited signals; pausing them", ["kind": signal.kind.rawValue, "until_ms": String(until)])
        default:
            count(signal.kind, .failed)
            logger.warning("X refused a signal", ["kind": signal.kind.rawValue, "status": String(response.status)])
        }
    }

    /// Pauses one endpoint's budget; returns until when.
    @discardableResult
    func pause(_ kind: XSignal.Kind, resetEpochSeconds: Int64?) -> Int64 {
        let now = clock()
        return state.withLock { state in
            state.budgets[kind]?.pause(resetEpochSeconds: resetEpochSeconds, now: now)
            return state.budgets[kind]?.pausedUntil ?? now
        }
    }

    func count(_ kind: XSignal.Kind, _ result: Outcome) {
        metrics.increment(Self.metricName, labels: labels(kind, result))
    }

    func labels(_ kind: XSignal.Kind, _ result: Outcome) -> [String: String] {
        ["kind": kind.rawValue, "result": result.rawValue]
    }
}
