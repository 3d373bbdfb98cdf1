import SwitchboardServer
import Testing

@Suite struct MetricsTests {
    @Test func countersWithLabelsRenderInPrometheusText() {
        let metrics = Metrics()
        metrics.describe("switchboard_dms_received_total", type: "counter", help: "DMs received.")
        metrics.increment("switchboard_dms_received_total", labels: ["channel": "x"])
        metrics.increment("switchboard_dms_received_total", labels: ["channel": "x"])
        metrics.increment("switchboard_dms_received_total", labels: ["channel": "api"])
        let text = metrics.exposition()
        #expect(text.contains("# HELP switchboard_dms_received_total DMs received.\n"))
        #expect(text.contains("# TYPE switchboard_dms_received_total counter\n"))
        #expect(text.contains("switchboard_dms_received_total{channel=\"x\"} 2\n"))
        #expect(text.contains("switchboard_dms_received_total{channel=\"api\"} 1\n"))
    }

    @Test func histogramBucketsAreCumulative() {
        let metrics = Metrics()
        metrics.observe("latency_seconds", 0.0005)
        metrics.observe("latency_seconds", 0.02)
        metrics.observe("latency_seconds", 9)
        let text = metrics.exposition()
        #expect(text.contains("latency_seconds_bucket{le=\"0.001\"} 1\n"))
        #expect(text.contains("latency_seconds_bucket{le=\"0.025\"} 2\n"))
        #expect(text.contains("latency_seconds_bucket{le=\"+Inf\"} 3\n"))
        #expect(text.contains("latency_seconds_count 3\n"))
    }

    @Test func labelValuesAreEscaped() {
        let metrics = Metrics()
        metrics.set("queue_depth", 3, labels: ["queue": "a\"b\\c\nd"])
        #expect(metrics.exposition().contains("queue_depth{queue=\"a\\\"b\\\\c\\nd\"} 3"))
    }

    @Test func concurrentIncrementsAreAllCounted() async {
        let metrics = Metrics()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { for _ in 0..<1000 { metrics.increment("n") } }
            }
        }
        #expect(metrics.counter("n") == 8000)
    }
}
