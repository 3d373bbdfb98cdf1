extension Instant {
    /// The instant `milliseconds` later (earlier when negative).
    public func adding(milliseconds delta: Int64) -> Instant { Instant(milliseconds: milliseconds &+ delta) }

    /// The instant `minutes` later.
    public func adding(minutes: Int64) -> Instant { adding(milliseconds: minutes * 60_000) }

    /// Milliseconds from `earlier` to `self` (negative if `earlier` is later).
    public func milliseconds(since earlier: Instant) -> Int64 { milliseconds &- earlier.milliseconds }
}
