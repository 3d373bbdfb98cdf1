@testable import SwitchboardCore
import Testing

@Suite struct TemperatureScalingTests {
    @Test(arguments: [-700.0, -20, -1, -1e-9, 0, 0.5, 1, 2.302585092994046, 30, 700])
    func expMatchesKnownValues(x: Double) {
        let value = Elementary.exp(x)
        #expect(abs(Elementary.log(value) - x) <= 1e-12 * max(1, abs(x)))
        #expect(abs(Elementary.exp(1) - 2.718281828459045) < 2e-15)
        #expect(abs(Elementary.log(10) - 2.302585092994046) < 2e-15)
    }

    @Test func fastExpIsCloseToExp() {
        for step in 0...870 {
            let x = -Float(step) / 10
            let expected = Elementary.exp(Double(x))
            let actual = Double(Elementary.fastExp(x))
            #expect(abs(actual - expected) <= 2e-5 * expected + 1e-36, "x = \(x)")
        }
        #expect(Elementary.fastExp(-100) == 0)
    }

    @Test func fittedTemperatureRecoversTheOneThatGeneratedTheLabels() {
        var generator = SeededGenerator(seed: 42)
        let truth = 0.5
        var scores: [[Float]] = []
        var labels: [Int] = []
        for _ in 0..<4_000 {
            let row = (0..<4).map { _ in Float.random(in: -1...1, using: &generator) }
            let probabilities = TemperatureScaling.probabilities(row, temperature: truth)
            var draw = Double.random(in: 0..<1, using: &generator)
            var label = probabilities.count - 1
            for (index, p) in probabilities.enumerated() {
                if draw < p {
                    label = index
                    break
                }
                draw -= p
            }
            scores.append(row)
            labels.append(label)
        }
        let fitted = TemperatureScaling.fit(scores: scores, labels: labels)
        #expect(abs(fitted - truth) < 0.05, "fitted \(fitted)")
    }
}
