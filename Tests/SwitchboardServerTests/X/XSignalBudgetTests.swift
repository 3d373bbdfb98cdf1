import SwitchboardServer
import Testing

@Suite struct XSignalBudgetTests {
    static let start: Int64 = 1_700_000_000_000
    static let window = XSignalBudget.windowMilliseconds

    @Test func defaultsStayUnderXsLimitWithHeadroom() {
        let budget = XSignalBudget(now: Self.start)
        #expect(budget.capacity == 150)
        #expect(budget.refillInterval == 1_200)
        #expect(budget.maximumPerWindow == 900)
        #expect(budget.maximumPerWindow < XSignalBudget.xLimitPerWindow)
    }

    @Test func aFullBucketSpendsItsBurstThenWaitsForTheNextToken() {
        var budget = XSignalBudget(now: Self.start)
        for _ in 0..<150 { #expect(budget.take(now: Self.start) == .allowed) }
        #expect(budget.take(now: Self.start) == .exhausted)
        #expect(budget.take(now: Self.start + 1_199) == .exhausted)
        #expect(budget.take(now: Self.start + 1_200) == .allowed)
        #expect(budget.take(now: Self.start + 1_200) == .exhausted)
        // Time between tokens is kept: 1,199 ms + 1 ms earn the next one.
        #expect(budget.take(now: Self.start + 2_399) == .exhausted)
        #expect(budget.take(now: Self.start + 2_400) == .allowed)
    }

    @Test func afterAWindowTheBucketIsFullAgainButBanksNoMore() {
        var budget = XSignalBudget(now: Self.start)
        for _ in 0..<150 { _ = budget.take(now: Self.start) }
        #expect(budget.available(now: Self.start) == 0)
        #expect(budget.available(now: Self.start + Self.window) == 150)
        #expect(budget.available(now: Self.start + 10 * Self.window) == 150)
        var refilled = budget
        for _ in 0..<150 { #expect(refilled.take(now: Self.start + Self.window) == .allowed) }
        #expect(refilled.take(now: Self.start + Self.window) == .exhausted)
    }

    /// A greedy caller, every 100 ms for three windows: no 15-minute span ever holds more than 900.
    @Test func anyFifteenMinutesHoldAtMostNineHundredCalls() {
        var budget = XSignalBudget(now: Self.start)
        var spent: [Int64] = []
        var now = Self.start
        while now < Self.start + 3 * Self.window {
            while budget.take(now: now) == .allowed { spent.append(now) }
            now += 100
        }
        var low = 0
        var busiest = 0
        for high in spent.indices {
            while spent[high] - spent[low] >= Self.window { low += 1 }
            busiest = max(busiest, high - low + 1)
        }
        #expect(busiest <= 900)
        #expect(busiest > 850, "the budget should be usable, not just safe")
    }

    @Test func aSmallBudgetRefillsEvenly() {
        var budget = XSignalBudget(capacity: 1, refillPerWindow: 1, now: Self.start)
        #expect(budget.take(now: Self.start) == .allowed)
        #expect(budget.take(now: Self.start + Self.window - 1) == .exhausted)
        #expect(budget.take(now: Self.start + Self.window) == .allowed)
        #expect(budget.maximumPerWindow == 2)
    }

    @Test func aClockThatGoesBackEarnsNothing() {
        var budget = XSignalBudget(capacity: 2, refillPerWindow: 750, now: Self.start)
        _ = budget.take(now: Self.start)
        _ = budget.take(now: Self.start)
        #expect(budget.take(now: Self.start - 60_000) == .exhausted)
        #expect(budget.take(now: Self.start + 1_200) == .allowed)
    }

    @Test func a429PausesUntilXsResetThenSpendingResumes() {
        var budget = XSignalBudget(now: Self.start)
        let reset = Self.start / 1000 + 120
        budget.pause(resetEpochSeconds: reset, now: Self.start)
        #expect(budget.take(now: Self.start) == .paused(untilMilliseconds: reset * 1000))
        #expect(budget.take(now: reset * 1000 - 1) == .paused(untilMilliseconds: reset * 1000))
        #expect(budget.take(now: reset * 1000) == .allowed)
        #expect(budget.pausedUntil == nil)
    }

    @Test(arguments: [
        // No header: one window.
        (nil, XSignalBudget.windowMilliseconds),
        // A reset already past (our clock ahead of X's): the minimum pause.
        (Int64(1_700_000_000 - 30), XSignalBudget.minimumPauseMilliseconds),
        // A reset a day away is not X's 15-minute window: capped at one window.
        (Int64(1_700_000_000 + 86_400), XSignalBudget.windowMilliseconds),
        // Garbage that would overflow in milliseconds: unreadable, so one window (and no crash).
        (Int64.max, XSignalBudget.windowMilliseconds),
    ] as [(Int64?, Int64)])
    func unreadableOrUnlikelyResetsPauseWithinBounds(reset: Int64?, pause: Int64) {
        var budget = XSignalBudget(now: Self.start)
        budget.pause(resetEpochSeconds: reset, now: Self.start)
        #expect(budget.pausedUntil == Self.start + pause)
    }

    @Test func aShorterSecondPauseDoesNotCutTheFirstShort() {
        var budget = XSignalBudget(now: Self.start)
        budget.pause(resetEpochSeconds: Self.start / 1000 + 300, now: Self.start)
        budget.pause(resetEpochSeconds: Self.start / 1000 + 60, now: Self.start)
        #expect(budget.pausedUntil == Self.start + 300_000)
    }
}
