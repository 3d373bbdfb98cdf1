/// A `Duration` in the units the edges need (SQLite, poll(2), Dispatch, URLSession, metrics),
/// converted in one place.
extension Duration {
    /// Whole milliseconds, rounded toward zero.
    public var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }

    /// Seconds, with the fraction (for metrics and APIs that take a `Double`).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
