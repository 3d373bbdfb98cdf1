public import SwitchboardCore

/// The human queue's rules as the store applies them.
public struct QueuePolicy: Sendable {
    /// Priority weights.
    public var priority = PriorityPolicy()
    /// Opening hours per queue; queues not listed use `defaultHours`.
    public var hours: [QueueID: BusinessHours] = [:]
    public var defaultHours = BusinessHours.alwaysOpen
    /// SLA targets per queue; queues not listed use `defaultSLA`.
    public var sla: [QueueID: SLAPolicy] = [:]
    public var defaultSLA = SLAPolicy()
    /// A customer writing within this time after resolution reopens the escalation.
    public var reopenWindowMinutes: Int64 = 24 * 60
    /// An inbound message after this much silence starts a new contact.
    public var contactGapMinutes: Int64 = 4 * 60
    /// Contacts counted for "third contact this week".
    public var contactWindowDays: Int64 = 7
    /// Recent messages whose most negative tone counts for priority.
    public var recentTones = 3
    /// Assign new and freed work to online agents automatically.
    public var autoAssign = true

    public init() {}

    func hours(for queue: QueueID) -> BusinessHours { hours[queue] ?? defaultHours }
    func sla(for queue: QueueID) -> SLAPolicy { sla[queue] ?? defaultSLA }

    /// What to tell a customer about `queue` at `now` ("you will hear back by Mon 09:00").
    public func replyExpectation(for queue: QueueID, now: Instant) -> ReplyExpectation {
        ReplyExpectation(now: now, hours: hours(for: queue), policy: sla(for: queue))
    }
}
