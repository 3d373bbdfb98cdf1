import SwitchboardServer
import Testing

@Suite struct HTTPParserFuzzTests {
    /// A few thousand seeded mutations per seed; `switchboard-bench http --fuzz N` runs longer.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func mutatedRequestsAlwaysGetADefinedAnswerWithoutLooping(seed: UInt64) {
        let report = HTTPParserFuzzer.run(seed: seed, iterations: 1500)
        #expect(report.violations == [], "\(report.violations.joined(separator: "\n"))")
        #expect(report.iterations == 1500)
        // The mutations reach both success and the error paths, or the fuzzer is not fuzzing.
        #expect(report.requests > 0)
        #expect(report.failures[400, default: 0] > 0)
        #expect(report.failures.keys.contains { $0 != 400 })
    }
}
