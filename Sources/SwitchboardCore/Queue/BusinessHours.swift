/// Gives the offset from UTC of a queue's local time at an instant.
///
/// The core has no time-zone database: `FixedUTCOffset` covers zones without daylight saving, and an
/// edge module can implement this protocol with Foundation's `TimeZone` for zones that have it.
public protocol UTCOffsetRule: Sendable {
    /// Seconds to add to UTC to get local time at `instant` (e.g. 7200 for UTC+02:00).
    func offsetSeconds(at instant: Instant) -> Int
}

/// A constant offset from UTC, such as UTC−05:00.
public struct FixedUTCOffset: UTCOffsetRule, Equatable {
    public var seconds: Int
    public init(seconds: Int) { self.seconds = seconds }
    /// UTC itself.
    public static let utc = FixedUTCOffset(seconds: 0)
    public func offsetSeconds(at instant: Instant) -> Int { seconds }
}

/// A day of the week.
public enum Weekday: Int, Sendable, CaseIterable, Codable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    var shortName: String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rawValue] }
}

/// One opening period of a day in local time, in minutes after midnight: `[start, end)`.
public struct BusinessPeriod: Sendable, Equatable, Codable {
    public var weekday: Weekday
    public var startMinute: Int
    public var endMinute: Int

    public init(_ weekday: Weekday, from startMinute: Int, to endMinute: Int) {
        self.weekday = weekday
        self.startMinute = startMinute
        self.endMinute = endMinute
    }
}

/// A configuration error in business hours.
public struct BusinessHoursError: Error, Sendable, Equatable, CustomStringConvertible {
    public var period: BusinessPeriod
    public var description: String {
        "business period \(period.weekday.shortName) \(period.startMinute)–\(period.endMinute) is invalid: "
            + "minutes run from 0 to 1440 and a period must end after it starts; split periods that cross midnight"
    }
}

/// A queue's weekly opening hours in its local time; answers "is it open" and counts business time.
///
/// Every walk over the calendar is bounded by `maximumDaysScanned`.
public struct BusinessHours: Sendable {
    /// Periods per weekday (index = `Weekday.rawValue`), sorted and merged.
    public let days: [[ClosedRange<Int>]]
    public let offset: any UTCOffsetRule

    /// No business deadline is further away than ten years; a schedule with no open time gives nil.
    static let maximumDaysScanned = 3_660
    static let dayMilliseconds: Int64 = 86_400_000

    /// Builds the hours from periods (several per day allowed, in any order; overlaps are merged).
    public init(periods: [BusinessPeriod], offset: any UTCOffsetRule = FixedUTCOffset.utc) throws(BusinessHoursError) {
        var days = Array(repeating: [ClosedRange<Int>](), count: 7)
        for period in periods {
            guard period.startMinute >= 0, period.endMinute <= 1440, period.startMinute < period.endMinute else {
                throw BusinessHoursError(period: period)
            }
            days[period.weekday.rawValue].append(period.startMinute...period.endMinute)
        }
        self.days = days.map(Self.merged)
        self.offset = offset
    }

    /// Open around the clock, every day.
    public static var alwaysOpen: BusinessHours {
        // Valid by construction: every period is 0–1440.
        guard let hours = try? BusinessHours(periods: Weekday.allCases.map { BusinessPeriod($0, from: 0, to: 1440) }) else {
            preconditionFailure("0–1440 is a valid period")
        }
        return hours
    }

    static func merged(_ ranges: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var result: [ClosedRange<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// Calls `body` with each open interval `[start, end)` (UTC) that ends after `instant`, clipped to
    /// start no earlier than `instant`, in order, until `body` returns false or the scan bound is hit.
    func forEachOpenInterval(from instant: Instant, _ body: (Instant, Instant) -> Bool) {
        let localNow = instant.milliseconds + Int64(offset.offsetSeconds(at: instant)) * 1000
        let firstDay = Self.floorDivide(localNow, Self.dayMilliseconds)
        for day in firstDay..<(firstDay + Int64(Self.maximumDaysScanned)) {
            let dayStartLocal = day * Self.dayMilliseconds
            let shift = Int64(offset.offsetSeconds(at: Instant(milliseconds: dayStartLocal))) * 1000
            // 1970-01-01 was a Thursday.
            let weekday = Int(Self.floorModulo(day + 3, 7))
            for range in days[weekday] {
                let start = Instant(milliseconds: dayStartLocal + Int64(range.lowerBound) * 60_000 - shift)
                let end = Instant(milliseconds: dayStartLocal + Int64(range.upperBound) * 60_000 - shift)
                guard end > instant else { continue }
                if !body(max(start, instant), end) { return }
            }
        }
    }

    /// Whether the queue is open at `instant`.
    public func isOpen(at instant: Instant) -> Bool {
        var open = false
        forEachOpenInterval(from: instant) { start, _ in
            open = start == instant
            return false
        }
        return open
    }

    /// The next instant at or after `instant` when the queue is open; nil if it never opens.
    public func nextOpening(atOrAfter instant: Instant) -> Instant? {
        var opening: Instant?
        forEachOpenInterval(from: instant) { start, _ in
            opening = start
            return false
        }
        return opening
    }

    /// The instant when `milliseconds` of business time have passed after `start`; nil if never.
    public func adding(businessMilliseconds milliseconds: Int64, to start: Instant) -> Instant? {
        var left = max(0, milliseconds)
        var result: Instant?
        forEachOpenInterval(from: start) { from, to in
            let length = to.milliseconds(since: from)
            if length >= left {
                result = from.adding(milliseconds: left)
                return false
            }
            left -= length
            return true
        }
        return result
    }

    /// Business time between two instants, in milliseconds (0 if `end` is not after `start`).
    public func businessMilliseconds(from start: Instant, to end: Instant) -> Int64 {
        guard end > start else { return 0 }
        var total: Int64 = 0
        forEachOpenInterval(from: start) { from, to in
            guard from < end else { return false }
            total += min(to, end).milliseconds(since: from)
            return to < end
        }
        return total
    }

    /// The instant in the queue's local time, such as `Mon 09:00 (UTC+02:00)`.
    public func localDescription(of instant: Instant) -> String {
        let offsetSeconds = offset.offsetSeconds(at: instant)
        let local = instant.milliseconds + Int64(offsetSeconds) * 1000
        let day = Self.floorDivide(local, Self.dayMilliseconds)
        let minuteOfDay = Int(Self.floorModulo(local, Self.dayMilliseconds) / 60_000)
        let weekday = Weekday(rawValue: Int(Self.floorModulo(day + 3, 7))) ?? .monday
        let sign = offsetSeconds < 0 ? "−" : "+"
        let absolute = abs(offsetSeconds) / 60
        return "\(weekday.shortName) \(Self.twoDigits(minuteOfDay / 60)):\(Self.twoDigits(minuteOfDay % 60)) "
            + "(UTC\(sign)\(Self.twoDigits(absolute / 60)):\(Self.twoDigits(absolute % 60)))"
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
    static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 { a - floorDivide(a, b) * b }
}
