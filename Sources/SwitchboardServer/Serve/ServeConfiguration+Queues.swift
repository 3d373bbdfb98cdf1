public import SwitchboardCore
import SwitchboardStore

/// The `queues` and `priority` sections of the config file: business hours, SLA targets and the
/// priority weights.
///
/// ```json5
/// queues: {
///   general: { utcOffset: "-05:00", firstResponseMinutes: 60, resolutionMinutes: 480,
///              hours: [ { days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "12:30" },
///                       { days: ["mon", "tue", "wed", "thu", "fri"], from: "13:30", to: "18:00" } ] },
/// },
/// priority: { negativeTone: 30, veryNegativeTone: 40, waitingPerHour: 20, repeatContact: 5,
///             repeatContactCap: 20, askedForPerson: 25 },
/// ```
/// A queue without `hours` is always open; SLA clocks count open time only.
public struct QueueSettings: Sendable {
    public var hours: [QueueID: BusinessHours] = [:]
    public var sla: [QueueID: SLAPolicy] = [:]
    public var weights = PriorityWeights()

    public init() {}

    static let weekdays: [String: Weekday] = [
        "mon": .monday, "tue": .tuesday, "wed": .wednesday, "thu": .thursday, "fri": .friday, "sat": .saturday,
        "sun": .sunday,
    ]

    /// Reads the `queues` section.
    mutating func apply(queues reader: ConfigReader) throws(ConfigurationError) {
        for member in reader.object.members {
            let queue = QueueID(member.key)
            guard let settings = try reader.object(
                member.key, allowed: ["hours", "utcOffset", "firstResponseMinutes", "resolutionMinutes"])
            else { continue }
            let first = try settings.integer("firstResponseMinutes", in: 1...(60 * 24 * 14)) ?? 60
            let resolution = try settings.integer("resolutionMinutes", in: 1...(60 * 24 * 60)) ?? 480
            sla[queue] = SLAPolicy(firstResponseMinutes: Int64(first), resolutionMinutes: Int64(resolution))
            let offset = try Self.offset(try settings.string("utcOffset") ?? "+00:00", settings)
            guard let periods = settings.object["hours"] else { continue }
            guard case .array(let items) = periods.kind else { throw settings.error("hours", "must be a list of periods") }
            var all: [BusinessPeriod] = []
            for item in items {
                guard case .object(let object) = item.kind else {
                    throw ConfigurationError("\(item.location): error: a period is { days: [\"mon\"], from: \"09:00\", to: \"17:00\" }")
                }
                let period = ConfigReader(object: object, path: "\(settings.path)hours.", allowed: ["days", "from", "to"])
                try period.checkKeys()
                let from = try Self.minute(try period.string("from"), period, "from")
                let to = try Self.minute(try period.string("to"), period, "to")
                guard let days = object["days"], case .array(let names) = days.kind else {
                    throw period.error("days", "must list weekdays such as [\"mon\", \"tue\"]")
                }
                for name in names {
                    guard case .string(let text) = name.kind, let day = Self.weekdays[text.lowercased().prefix(3).description] else {
                        throw ConfigurationError("\(name.location): error: a weekday is one of mon, tue, wed, thu, fri, sat, sun")
                    }
                    all.append(BusinessPeriod(day, from: from, to: to))
                }
            }
            do {
                hours[queue] = try BusinessHours(periods: all, offset: offset)
            } catch {
                throw settings.error("hours", "\(error)")
            }
        }
    }

    /// Reads the `priority` section.
    mutating func apply(priority reader: ConfigReader) throws(ConfigurationError) {
        func weight(_ key: String) throws(ConfigurationError) -> Double? {
            try reader.integer(key, in: 0...1_000).map(Double.init)
        }
        if let value = try weight("negativeTone") { weights.negativeTone = value }
        if let value = try weight("veryNegativeTone") { weights.veryNegativeTone = value }
        if let value = try weight("waitingPerHour") { weights.waitingPerHour = value }
        if let value = try weight("repeatContact") { weights.repeatContact = value }
        if let value = try weight("repeatContactCap") { weights.repeatContactCap = value }
        if let value = try weight("askedForPerson") { weights.askedForPerson = value }
    }

    static func minute(_ text: String?, _ reader: ConfigReader, _ key: String) throws(ConfigurationError) -> Int {
        let parts = (text ?? "").split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...24).contains(hour),
            (0...59).contains(minute), hour * 60 + minute <= 24 * 60
        else { throw reader.error(key, "must be a time like \"09:30\"") }
        return hour * 60 + minute
    }

    static func offset(_ text: String, _ reader: ConfigReader) throws(ConfigurationError) -> FixedUTCOffset {
        let sign = text.hasPrefix("-") ? -1 : 1
        let digits = text.drop { $0 == "+" || $0 == "-" }.split(separator: ":")
        guard digits.count == 2, let hours = Int(digits[0]), let minutes = Int(digits[1]), (0...14).contains(hours),
            (0...59).contains(minutes)
        else { throw reader.error("utcOffset", "must look like \"+02:00\" or \"-05:00\"") }
        return FixedUTCOffset(seconds: sign * (hours * 3600 + minutes * 60))
    }

    /// The store's queue policy with these settings.
    func apply(to policy: inout QueuePolicy) {
        policy.hours.merge(hours) { _, new in new }
        policy.sla.merge(sla) { _, new in new }
        policy.priority.weights = weights
    }
}
