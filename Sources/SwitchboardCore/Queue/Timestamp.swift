/// An instant in time as milliseconds since 1970-01-01T00:00:00Z.
///
/// The core never reads a clock: callers pass the current time in.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch (UTC).
    public var millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) { self.millisecondsSince1970 = millisecondsSince1970 }

    /// The instant `seconds` after the epoch.
    public init(secondsSince1970 seconds: Int64) { self.millisecondsSince1970 = seconds * 1000 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.millisecondsSince1970 < rhs.millisecondsSince1970 }

    /// The instant `milliseconds` later (earlier when negative).
    public func adding(milliseconds: Int64) -> Timestamp {
        Timestamp(millisecondsSince1970: millisecondsSince1970 &+ milliseconds)
    }

    /// The instant `minutes` later.
    public func adding(minutes: Int64) -> Timestamp { adding(milliseconds: minutes * 60_000) }

    /// Milliseconds from `earlier` to `self` (negative if `earlier` is later).
    public func milliseconds(since earlier: Timestamp) -> Int64 {
        millisecondsSince1970 &- earlier.millisecondsSince1970
    }

    public var description: String { "\(millisecondsSince1970)ms" }
}
