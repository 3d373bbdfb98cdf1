/// Service-level targets of a queue, counted in business time.
public struct SLAPolicy: Sendable, Equatable, Codable {
    /// Business time allowed until an agent's first reply, in milliseconds.
    public var firstResponseMilliseconds: Int64
    /// Business time allowed until resolution, in milliseconds.
    public var resolutionMilliseconds: Int64
    /// Share of a target after which the clock is "at risk" (0.75 = the last quarter is at risk).
    public var atRiskFraction: Double

    public init(firstResponseMinutes: Int64 = 60, resolutionMinutes: Int64 = 8 * 60, atRiskFraction: Double = 0.75) {
        self.firstResponseMilliseconds = firstResponseMinutes * 60_000
        self.resolutionMilliseconds = resolutionMinutes * 60_000
        self.atRiskFraction = min(1, max(0, atRiskFraction))
    }

    /// The absolute instants at which each clock turns at risk and breached, for an escalation
    /// created at `start`. Nil where the hours never open.
    public func deadlines(start: Instant, hours: BusinessHours) -> SLADeadlines {
        func at(_ fraction: Double, of target: Int64) -> Instant? {
            hours.adding(businessMilliseconds: Int64((Double(target) * fraction).rounded()), to: start)
        }
        return SLADeadlines(
            firstResponseAtRisk: at(atRiskFraction, of: firstResponseMilliseconds),
            firstResponseDue: at(1, of: firstResponseMilliseconds),
            resolutionAtRisk: at(atRiskFraction, of: resolutionMilliseconds),
            resolutionDue: at(1, of: resolutionMilliseconds))
    }
}

/// When the SLA clocks of one escalation turn at risk and breached.
public struct SLADeadlines: Sendable, Equatable {
    public var firstResponseAtRisk: Instant?
    public var firstResponseDue: Instant?
    public var resolutionAtRisk: Instant?
    public var resolutionDue: Instant?

    public init(
        firstResponseAtRisk: Instant?, firstResponseDue: Instant?, resolutionAtRisk: Instant?,
        resolutionDue: Instant?
    ) {
        self.firstResponseAtRisk = firstResponseAtRisk
        self.firstResponseDue = firstResponseDue
        self.resolutionAtRisk = resolutionAtRisk
        self.resolutionDue = resolutionDue
    }

    /// The worse of the two clocks at `now`. A clock that stopped (first reply sent, resolved)
    /// stays breached if it stopped late, and is ok otherwise.
    public func state(now: Instant, firstResponseAt: Instant?, resolvedAt: Instant?) -> SLAState {
        max(
            Self.clock(now: now, stoppedAt: firstResponseAt, atRisk: firstResponseAtRisk, due: firstResponseDue),
            Self.clock(now: now, stoppedAt: resolvedAt, atRisk: resolutionAtRisk, due: resolutionDue))
    }

    static func clock(now: Instant, stoppedAt: Instant?, atRisk: Instant?, due: Instant?) -> SLAState {
        if let stoppedAt {
            if let due, stoppedAt > due { return .breached }
            return .ok
        }
        if let due, now >= due { return .breached }
        if let atRisk, now >= atRisk { return .atRisk }
        return .ok
    }
}

/// What to tell a customer who writes while nobody is there.
public struct ReplyExpectation: Sendable, Equatable {
    /// Whether the queue is open now.
    public var isOpenNow: Bool
    /// When the queue next opens (now, if it is open); nil if it never opens.
    public var nextOpening: Instant?
    /// The first-response deadline: "you will hear back by …"; nil if the hours never open.
    public var replyBy: Instant?
    /// `replyBy` in the queue's local time, such as `Mon 09:00 (UTC+02:00)`.
    public var replyByText: String?

    /// The expectation for a customer writing at `now` to a queue with `hours` and `policy`.
    public init(now: Instant, hours: BusinessHours, policy: SLAPolicy) {
        isOpenNow = hours.isOpen(at: now)
        nextOpening = hours.nextOpening(atOrAfter: now)
        replyBy = hours.adding(businessMilliseconds: policy.firstResponseMilliseconds, to: now)
        replyByText = replyBy.map { hours.localDescription(of: $0) }
    }
}
