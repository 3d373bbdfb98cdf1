// Benchmark harness: release build only (`swift run -c release switchboard-bench`).
// Reports medians and ratios against a baseline measured in the same run; the machine is noisy.
import SwitchboardCore
import Foundation

/// One measured series of samples, in seconds.
struct Samples {
    var name: String
    var seconds: [Double]

    var median: Double { percentile(0.5) }

    func percentile(_ p: Double) -> Double {
        guard !seconds.isEmpty else { return .nan }
        let sorted = seconds.sorted()
        let index = min(sorted.count - 1, max(0, Int((Double(sorted.count - 1) * p).rounded())))
        return sorted[index]
    }
}

/// Runs `body` `repetitions` times (after `warmup` unmeasured runs) and returns the wall-clock samples.
func measure(_ name: String, warmup: Int = 1, repetitions: Int = 7, _ body: () throws -> Void) rethrows -> Samples {
    let clock = ContinuousClock()
    for _ in 0..<warmup { try body() }
    var samples: [Double] = []
    samples.reserveCapacity(repetitions)
    for _ in 0..<repetitions {
        let elapsed = try clock.measure { try body() }
        samples.append(elapsed.inSeconds)
    }
    return Samples(name: name, seconds: samples)
}

/// Formats a duration in seconds with a unit a person reads at a glance.
func formatDuration(_ seconds: Double) -> String {
    if seconds >= 1 { return String(format: "%.2f s", seconds) }
    if seconds >= 1e-3 { return String(format: "%.2f ms", seconds * 1e3) }
    if seconds >= 1e-6 { return String(format: "%.2f µs", seconds * 1e6) }
    return String(format: "%.0f ns", seconds * 1e9)
}

/// Prints one result line: name, median, and an optional ratio against a baseline.
func report(_ samples: Samples, baseline: Samples? = nil, extra: String = "") {
    var line = "\(samples.name.padding(toLength: 44, withPad: " ", startingAt: 0)) median \(formatDuration(samples.median))"
    if let baseline, baseline.median > 0 {
        line += String(format: "  (%.2fx %@)", samples.median / baseline.median, baseline.name)
    }
    if !extra.isEmpty { line += "  \(extra)" }
    print(line)
}

/// Reads `--name value` from the benchmark's arguments.
func option(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
