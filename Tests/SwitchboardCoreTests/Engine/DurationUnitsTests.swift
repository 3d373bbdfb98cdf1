import SwitchboardCore
import Testing

/// The one conversion of `Duration` the edges use for timeouts, deadlines and metrics.
@Suite struct DurationUnitsTests {
    @Test func wholeMillisecondsRoundTowardZero() {
        #expect(Duration.milliseconds(1_500).wholeMilliseconds == 1_500)
        #expect(Duration.microseconds(1_999).wholeMilliseconds == 1)
        #expect(Duration.microseconds(999).wholeMilliseconds == 0)
        #expect(Duration.seconds(90).wholeMilliseconds == 90_000)
        #expect(Duration.microseconds(-1_500).wholeMilliseconds == -1)
    }

    @Test func inSecondsKeepsTheFraction() {
        #expect(Duration.milliseconds(1_500).inSeconds == 1.5)
        #expect(abs(Duration.microseconds(250).inSeconds - 0.000_25) < 1e-12)
        #expect(Duration.zero.inSeconds == 0)
        #expect(Duration.seconds(-2).inSeconds == -2)
    }
}
