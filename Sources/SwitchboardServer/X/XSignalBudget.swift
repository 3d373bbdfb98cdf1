/// A token bucket that keeps one X signal endpoint under X's rate limit, and a pause X can order.
///
/// X allows 1,000 calls per 15 minutes to `indicate_typing.json` and to `mark_read.json` (each
/// its own limit). A plain bucket of 900 that refills 900 per window could spend 1,800 in one of
/// X's windows (a full bucket at its start, the refill during it), so the default splits the 900:
/// a burst of 150 and a refill of 750 per window (one token every 1.2 s). In any 15 minutes it
/// spends at most 150 + 750 = 900, leaving 100 calls of headroom for clock drift between us and
/// X, a second instance during a deploy, or an operator's manual call with the same tokens.
///
/// Pure: time is a parameter (milliseconds since 1970), so tests drive it with any clock. Not
/// thread-safe on its own: the sender keeps it behind its lock.
public struct XSignalBudget: Sendable, Equatable {
    /// X's limit per endpoint and window.
    public static let xLimitPerWindow = 1_000
    /// X's rate-limit window: 15 minutes.
    public static let windowMilliseconds: Int64 = 15 * 60_000
    /// Default burst (see the type's comment for why 150 + 750).
    public static let defaultCapacity = 150
    /// Default refill per window.
    public static let defaultRefillPerWindow = 750
    /// A 429 whose reset time is already past (our clock is ahead of X's) still pauses this long,
    /// so a skewed clock cannot turn into a burst of refused calls.
    public static let minimumPauseMilliseconds: Int64 = 10_000

    /// What `take(now:)` decided.
    public enum Decision: Sendable, Equatable {
        /// A token was spent: send.
        case allowed
        /// No token left: drop the signal.
        case exhausted
        /// X said to wait (429) until this time: drop the signal.
        case paused(untilMilliseconds: Int64)
    }

    /// Most tokens held at once (the burst).
    public let capacity: Int
    /// Milliseconds to earn one token.
    public let refillInterval: Int64
    public private(set) var tokens: Int
    /// When tokens were last credited; the time since then, modulo `refillInterval`, is kept.
    private var refilledAt: Int64
    /// Set by a 429: nothing is sent before this time.
    public private(set) var pausedUntil: Int64?

    /// A full bucket at `now`.
    ///
    /// - Parameters:
    ///   - capacity: the burst, at least 1.
    ///   - refillPerWindow: tokens earned per 15 minutes, at least 1.
    public init(
        capacity: Int = XSignalBudget.defaultCapacity, refillPerWindow: Int = XSignalBudget.defaultRefillPerWindow,
        now: Int64
    ) {
        precondition(capacity >= 1 && refillPerWindow >= 1, "a signal budget needs a capacity and a refill of at least 1")
        self.capacity = capacity
        refillInterval = max(1, Self.windowMilliseconds / Int64(refillPerWindow))
        tokens = capacity
        refilledAt = now
    }

    /// The most this budget can spend in any 15 minutes: the burst plus one window's refill.
    public var maximumPerWindow: Int { capacity + Int(Self.windowMilliseconds / refillInterval) }

    /// Spends a token if there is one and X has not asked us to wait.
    public mutating func take(now: Int64) -> Decision {
        if let until = pausedUntil {
            guard now >= until else { return .paused(untilMilliseconds: until) }
            pausedUntil = nil
        }
        refill(now: now)
        guard tokens > 0 else { return .exhausted }
        tokens -= 1
        return .allowed
    }

    /// The tokens available at `now`, without spending one.
    public func available(now: Int64) -> Int {
        var copy = self
        copy.refill(now: now)
        return copy.tokens
    }

    /// X answered 429: send nothing until `x-rate-limit-reset` (Unix seconds), or for one window
    /// when the header is missing or unreadable. The pause is at least `minimumPauseMilliseconds`
    /// and at most one window (X's windows are 15 minutes, so a later reset is a bad header).
    public mutating func pause(resetEpochSeconds: Int64?, now: Int64) {
        let milliseconds = resetEpochSeconds.map { $0.multipliedReportingOverflow(by: 1000) }
        let requested =
            milliseconds.flatMap { $0.overflow ? nil : $0.partialValue } ?? now + Self.windowMilliseconds
        let until = min(max(requested, now + Self.minimumPauseMilliseconds), now + Self.windowMilliseconds)
        pausedUntil = max(pausedUntil ?? until, until)
    }

    /// Credits the whole tokens earned since the last credit; a clock that went back earns nothing.
    private mutating func refill(now: Int64) {
        guard now > refilledAt else { return }
        let earned = (now - refilledAt) / refillInterval
        guard earned > 0 else { return }
        if earned >= Int64(capacity - tokens) {
            tokens = capacity
            refilledAt = now  // a full bucket banks nothing
        } else {
            tokens += Int(earned)
            refilledAt += earned * refillInterval
        }
    }
}
