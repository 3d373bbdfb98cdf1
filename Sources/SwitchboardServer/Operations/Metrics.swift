import Synchronization
import SwitchboardCore

/// Counters, gauges and histograms for `/metrics`, in the Prometheus text format.
///
/// Thread-safe: a `Mutex` guards the table; each update is a dictionary write, cheap enough for
/// the request path.
public final class Metrics: Sendable {
    /// Latency buckets in seconds for the webhook histogram (1 ms … 2.5 s).
    public static let latencyBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    /// Every hand-off reason, for sums over `switchboard_handoffs_total`.
    public static let handOffReasons = EscalationReason.allCases.map(\.rawValue)

    struct Series: Hashable {
        var name: String
        var labels: [String]  // "key=value" pairs, sorted
    }

    struct Histogram {
        var buckets: [Double]
        var counts: [Int]
        var sum: Double = 0
        var count: Int = 0

        mutating func record(_ value: Double) {
            for index in buckets.indices where value <= buckets[index] { counts[index] += 1 }
            sum += value
            count += 1
        }
    }

    struct Table {
        var counters: [Series: Double] = [:]
        var gauges: [Series: Double] = [:]
        var histograms: [Series: Histogram] = [:]
        var help: [String: (type: String, text: String)] = [:]
    }

    private let table = Mutex(Table())

    public init() {}

    /// Declares a metric's help text and type, printed once above its series.
    public func describe(_ name: String, type: String, help: String) {
        table.withLock { $0.help[name] = (type, help) }
    }

    public func increment(_ name: String, by amount: Double = 1, labels: [String: String] = [:]) {
        let series = Series(name: name, labels: Self.flatten(labels))
        table.withLock { $0.counters[series, default: 0] += amount }
    }

    public func set(_ name: String, _ value: Double, labels: [String: String] = [:]) {
        let series = Series(name: name, labels: Self.flatten(labels))
        table.withLock { $0.gauges[series] = value }
    }

    public func observe(_ name: String, _ value: Double, buckets: [Double] = Metrics.latencyBuckets) {
        let series = Series(name: name, labels: [])
        table.withLock { table in
            // Updated in place in the table (a copy taken out and put back would copy its counts).
            table.histograms[series, default: Histogram(buckets: buckets, counts: Array(repeating: 0, count: buckets.count))]
                .record(value)
        }
    }

    /// The current value of a counter (for tests and the containment ratio).
    public func counter(_ name: String, labels: [String: String] = [:]) -> Double {
        let series = Series(name: name, labels: Self.flatten(labels))
        return table.withLock { $0.counters[series] ?? 0 }
    }

    /// The Prometheus text exposition format (version 0.0.4).
    public func exposition() -> String {
        let snapshot = table.withLock { $0 }
        var lines: [String] = []
        var described: Set<String> = []
        func header(_ name: String, _ fallbackType: String) {
            guard described.insert(name).inserted else { return }
            let info = snapshot.help[name]
            lines.append("# HELP \(name) \(info?.text ?? name)")
            lines.append("# TYPE \(name) \(info?.type ?? fallbackType)")
        }
        for (series, value) in snapshot.counters.sorted(by: { Self.order($0.key, $1.key) }) {
            header(series.name, "counter")
            lines.append("\(series.name)\(Self.render(series.labels)) \(Self.format(value))")
        }
        for (series, value) in snapshot.gauges.sorted(by: { Self.order($0.key, $1.key) }) {
            header(series.name, "gauge")
            lines.append("\(series.name)\(Self.render(series.labels)) \(Self.format(value))")
        }
        for (series, histogram) in snapshot.histograms.sorted(by: { Self.order($0.key, $1.key) }) {
            header(series.name, "histogram")
            for (bound, count) in zip(histogram.buckets, histogram.counts) {
                lines.append("\(series.name)_bucket{le=\"\(Self.format(bound))\"} \(count)")
            }
            lines.append("\(series.name)_bucket{le=\"+Inf\"} \(histogram.count)")
            lines.append("\(series.name)_sum \(Self.format(histogram.sum))")
            lines.append("\(series.name)_count \(histogram.count)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func flatten(_ labels: [String: String]) -> [String] {
        // Most series have one label or none (every DM counts a few): no sort for those.
        if labels.count <= 1 { return labels.map { $0.key + "=" + $0.value } }
        return labels.sorted { $0.key < $1.key }.map { $0.key + "=" + $0.value }
    }

    static func order(_ a: Series, _ b: Series) -> Bool {
        (a.name, a.labels.joined(separator: ",")) < (b.name, b.labels.joined(separator: ","))
    }

    static func render(_ labels: [String]) -> String {
        guard !labels.isEmpty else { return "" }
        let pairs = labels.map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let value = (parts.count > 1 ? parts[1] : "")
                .replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
            return "\(parts[0])=\"\(value)\""
        }
        return "{\(pairs.joined(separator: ","))}"
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
