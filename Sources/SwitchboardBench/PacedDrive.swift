// Open-loop load against a running `switchboard serve` (scripts/load/serve.sh uses it with PACE=R):
//
//   switchboard-bench serve --drive PORT --bodies FILE --pace R [--seconds S] [--connections N]
//     [--threads T] [--p99-bar MS]
//
// FILE holds `signature<TAB>body` lines (from --gen-webhooks); each is POSTed once to /webhooks/x on
// 127.0.0.1:PORT. Requests are offered at R per second whatever the server does (open loop), and
// each one's latency counts from when it was due, not from when a free connection sent it: a
// server that falls behind shows it in p99 (wrk, a closed loop, measures latency at saturation
// instead, where it is connections ÷ throughput).
import Foundation

extension ServeBench {
    static func drive(port: Int, arguments: [String]) throws {
        guard let path = option("--bodies", in: arguments) else {
            throw HTTPBench.BenchError(description: "--drive needs --bodies FILE (signature<TAB>body lines from --gen-webhooks)")
        }
        guard let rate = option("--pace", in: arguments).flatMap({ Int($0) }), (1...100_000).contains(rate) else {
            throw HTTPBench.BenchError(description: "--drive needs --pace R: webhooks offered per second, 1…100000")
        }
        let seconds = min(600, max(1, option("--seconds", in: arguments).flatMap { Double($0) } ?? 10))
        let connections = min(2000, max(1, option("--connections", in: arguments).flatMap { Int($0) } ?? 64))
        let threads = min(16, max(1, option("--threads", in: arguments).flatMap { Int($0) } ?? 2))
        let bar = option("--p99-bar", in: arguments).flatMap { Double($0) } ?? 25
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HTTPBench.BenchError(description: "cannot read \(path)")
        }
        let pool = try signedPool(Array(data), file: path)
        let needed = Int(seconds * Double(rate))
        if pool.count < needed {
            print("WARNING: \(path) holds \(pool.count) bodies, fewer than the \(needed) this run offers: the round ends early")
        }
        let clients = try ClientConnection.open(count: connections, port: port)
        defer { for client in clients { client.close() } }
        let result = LoadGenerator.run(clients, pool: pool, seconds: seconds, threads: threads, mode: .paced(perSecond: rate))
        let within = result.p99 <= bar && result.errors == 0 && result.rate >= Double(rate) * 0.97
        print(String(format: "Requests/sec: %.2f", result.rate))
        print("status 200: \(result.count - result.errors)")
        if result.errors > 0 { print("errors (not 200, or no answer): \(result.errors)") }
        print(String(format: "latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms (from each request's due time)",
            result.p50, result.p90, result.p99))
        print(String(format: "offered %d/s for %.0f s on %d connections, achieved %.0f/s: %@ the bar (p99 ≤ %.0f ms, ≥ 97%% of the offer, no errors)",
            rate, seconds, connections, result.rate, within ? "within" : "NOT within", bar))
        print(String(format: "load generator's own CPU: %.0f µs per request", result.cpuPerRequest))
        print("per second of the round (by due time), p99 / max ms: " + timeline(result.timed, seconds: Int(seconds.rounded(.up))))
        if result.exhausted { print("WARNING: the bodies ran out before the round's end: generate more") }
    }

    /// `p99/max` for each second of the round: a stall shows as one bad second, a server that
    /// cannot keep up as latencies that grow second after second.
    static func timeline(_ timed: [(due: Double, latency: Double)], seconds: Int) -> String {
        var buckets = [[Double]](repeating: [], count: max(1, seconds))
        for sample in timed {
            buckets[min(buckets.count - 1, max(0, Int(sample.due)))].append(sample.latency)
        }
        return buckets.map { bucket in
            let sorted = bucket.sorted()
            guard let last = sorted.last else { return "-" }
            return String(format: "%.0f/%.0f", percentile(sorted, 0.99), last)
        }.joined(separator: " ")
    }

    /// Requests for `signature<TAB>body` lines; a line without a tab is an error, with its line number.
    static func signedPool(_ text: [UInt8], file: String) throws -> RequestPool {
        var bytes: [UInt8] = []
        var offsets = [0]
        bytes.reserveCapacity(text.count + text.count / 2)
        var lineNumber = 0
        for line in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            lineNumber += 1
            guard let tab = line.firstIndex(of: UInt8(ascii: "\t")) else {
                throw HTTPBench.BenchError(description: "\(file):\(lineNumber): expected signature<TAB>body (from --gen-webhooks)")
            }
            let signature = String(decoding: line[line.startIndex..<tab], as: UTF8.self)
            bytes += httpRequest(
                method: "POST", path: "/webhooks/x",
                headers: [("Content-Type", "application/json; charset=utf-8"), ("x-twitter-webhooks-signature", signature)],
                body: Array(line[(tab + 1)...]))
            offsets.append(bytes.count)
        }
        guard offsets.count > 1 else { throw HTTPBench.BenchError(description: "\(file) holds no bodies") }
        return RequestPool(bytes: bytes, offsets: offsets, customers: [])
    }
}
