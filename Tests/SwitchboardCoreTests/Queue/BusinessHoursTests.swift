import SwitchboardCore
import Testing

/// Monday 2023-11-13 00:00 UTC plus `minutes`.
private func monday(_ minutes: Int64) -> Instant {
    Instant(milliseconds: 1_699_833_600_000 + minutes * 60_000)
}

/// 09:00–12:00 and 13:00–17:00 on weekdays.
private func officeHours(offset: Int = 0) throws -> BusinessHours {
    let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
    return try BusinessHours(
        periods: weekdays.flatMap { [BusinessPeriod($0, from: 9 * 60, to: 12 * 60), BusinessPeriod($0, from: 13 * 60, to: 17 * 60)] },
        offset: FixedUTCOffset(seconds: offset))
}

@Suite struct BusinessHoursTests {
    @Test func openOnlyDuringPeriods() throws {
        let hours = try officeHours()
        #expect(hours.isOpen(at: monday(9 * 60)))
        #expect(!hours.isOpen(at: monday(12 * 60 + 30)))
        #expect(!hours.isOpen(at: monday(17 * 60)))
        #expect(!hours.isOpen(at: monday(5 * 24 * 60 + 10 * 60)))  // Saturday
    }

    @Test func nextOpeningSkipsLunchNightsAndWeekends() throws {
        let hours = try officeHours()
        #expect(hours.nextOpening(atOrAfter: monday(12 * 60 + 5)) == monday(13 * 60))
        #expect(hours.nextOpening(atOrAfter: monday(4 * 24 * 60 + 18 * 60)) == monday(7 * 24 * 60 + 9 * 60))
    }

    @Test func businessTimeSkipsClosedTime() throws {
        let hours = try officeHours()
        // Friday 16:30 + 60 business minutes = Monday 09:30.
        let friday1630 = monday(4 * 24 * 60 + 16 * 60 + 30)
        #expect(hours.adding(businessMilliseconds: 60 * 60_000, to: friday1630) == monday(7 * 24 * 60 + 9 * 60 + 30))
        #expect(hours.businessMilliseconds(from: friday1630, to: monday(7 * 24 * 60 + 9 * 60 + 30)) == 60 * 60_000)
        // Monday 11:30 + 60 min = 13:30 (lunch skipped).
        #expect(hours.adding(businessMilliseconds: 60 * 60_000, to: monday(11 * 60 + 30)) == monday(13 * 60 + 30))
    }

    @Test func timeZoneOffsetShiftsTheDay() throws {
        // UTC+02:00: 09:00 local is 07:00 UTC.
        let hours = try officeHours(offset: 7200)
        #expect(hours.isOpen(at: monday(7 * 60)))
        #expect(!hours.isOpen(at: monday(16 * 60)))
        #expect(hours.localDescription(of: monday(7 * 60)) == "Mon 09:00 (UTC+02:00)")
    }

    @Test func overlappingPeriodsMerge() throws {
        let hours = try BusinessHours(periods: [BusinessPeriod(.monday, from: 60, to: 120), BusinessPeriod(.monday, from: 90, to: 180)])
        #expect(hours.days[0] == [60...180])
    }

    @Test(arguments: [(-1, 60), (60, 60), (0, 1441)])
    func invalidPeriodsAreRefused(start: Int, end: Int) {
        #expect(throws: BusinessHoursError.self) { try BusinessHours(periods: [BusinessPeriod(.monday, from: start, to: end)]) }
    }

    @Test func neverOpenGivesNoDeadline() throws {
        let closed = try BusinessHours(periods: [])
        #expect(closed.nextOpening(atOrAfter: monday(0)) == nil)
        #expect(closed.adding(businessMilliseconds: 1, to: monday(0)) == nil)
    }

    @Test func slaStatesFollowBusinessTime() throws {
        let hours = try officeHours()
        let policy = SLAPolicy(firstResponseMinutes: 60, resolutionMinutes: 8 * 60, atRiskFraction: 0.75)
        let created = monday(16 * 60 + 30)  // 30 business minutes left today
        let deadlines = policy.deadlines(start: created, hours: hours)
        #expect(deadlines.firstResponseAtRisk == monday(24 * 60 + 9 * 60 + 15))
        #expect(deadlines.firstResponseDue == monday(24 * 60 + 9 * 60 + 30))
        #expect(deadlines.state(now: monday(20 * 60), firstResponseAt: nil, resolvedAt: nil) == .ok)
        #expect(deadlines.state(now: monday(24 * 60 + 9 * 60 + 20), firstResponseAt: nil, resolvedAt: nil) == .atRisk)
        #expect(deadlines.state(now: monday(24 * 60 + 10 * 60), firstResponseAt: nil, resolvedAt: nil) == .breached)
        #expect(deadlines.state(now: monday(24 * 60 + 10 * 60), firstResponseAt: monday(17 * 60), resolvedAt: nil) == .ok)
    }

    @Test func offHoursMessageSaysWhenTheyWillHearBack() throws {
        let hours = try officeHours(offset: 7200)
        let saturday = monday(5 * 24 * 60 + 12 * 60)
        let expectation = ReplyExpectation(now: saturday, hours: hours, policy: SLAPolicy(firstResponseMinutes: 30))
        #expect(!expectation.isOpenNow)
        #expect(expectation.replyByText == "Mon 09:30 (UTC+02:00)")
    }
}
