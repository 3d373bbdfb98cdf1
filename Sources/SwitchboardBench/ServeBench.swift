// Serve benchmark: the whole `switchboard serve` in-process (Application: HTTP server, signature
// check, durable inbox commit, engine, outbox sender to a fake X API on 127.0.0.1), driven by a
// small POSIX-socket load generator in this process (keep-alive connections, several threads, each
// connection sending request after request and timing each response).
//
// Phases (all bounded by time and counts):
//   1. rounds of `GET /healthz` (baseline) then signed webhook POSTs (each a NEW event id, spread
//      over --customers customers) on the same connections; medians over --rounds rounds.
//   2. --hold idle keep-alive connections held open while a webhook round runs; all must answer after.
//   3. webhook POST → outbound POST arriving at FakeXAPI, paced at --rate DMs/s (one new customer each).
//   4. with --sustain R1,R2,…: webhook rounds paced at each offered rate (open loop), latency counted
//      from when each request was due, not when it went out, so a server that falls behind shows it;
//      prints the highest rate whose p99 stays within --p99-bar ms (default 25).
//   VmRSS (from /proc/self/status) is sampled throughout. The load generator's pre-built requests live
//   in this process too; their size is printed so that the server's share can be read off.
//
// Run: swift run -c release switchboard-bench serve [--bot DIR] [--seconds N] [--connections N]
//        [--rounds N] [--hold N] [--rate N] [--customers N] [--threads N] [--max-rate N] [--data-root DIR]
//        [--sustain R1,R2,… [--p99-bar MS]]
//        (--data-root /dev/shm puts the SQLite file on tmpfs: fsync costs nothing, the CPU ceiling shows)
//      switchboard-bench serve --gen-webhooks N --secret S --out FILE [--customers N] [--brand ID]
//        (one `signature<TAB>body` line per request, for scripts/load/webhooks.lua and wrk)
//      switchboard-bench serve --fake-x [--port P] [--seconds S] [--limit N [--window S]]
//        (a counting fake X DM API for `switchboard serve` to send to, for scripts/load/serve.sh;
//        with --limit it accepts N DMs per window of S seconds (default 900) and answers the rest
//        429 with `x-rate-limit-reset`, as X does once an app's DM limit is reached)
//      switchboard-bench serve --drive PORT --bodies FILE --pace R [--seconds S] [--connections N]
//        (open-loop load on a running `switchboard serve`: see PacedDrive.swift)
#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Synchronization
import SwitchboardCore
import SwitchboardServer

enum ServeBench {
    static let secret = "FAKE_CONSUMER_SECRET"
    static let brandID = "1000000000000000001"
    /// Customer messages in the mix: greetings, intents of the example bot, quick-reply-like labels, noise.
    static let texts = [
        "hi", "Hello there", "I was charged twice this month", "my internet is down again",
        "I want to change my plan", "where is my order?", "Talk to a person", "can I book an appointment",
        "thanks!", "Billing", "what is the weather like on mars", "refund please", "94107",
        "my bill is higher than usual, why?", "cancel my subscription",
    ]

    static func run(_ arguments: [String]) throws {
        if let count = option("--gen-webhooks", in: arguments).flatMap({ Int($0) }) {
            try generate(count: count, arguments: arguments)
            return
        }
        if let port = option("--drive", in: arguments).flatMap({ Int($0) }) {
            try drive(port: port, arguments: arguments)
            return
        }
        if arguments.contains("--fake-x") {
            try serveFakeX(
                port: option("--port", in: arguments).flatMap { Int($0) } ?? 8090,
                seconds: min(3600, max(1, option("--seconds", in: arguments).flatMap { Int($0) } ?? 60)),
                limit: option("--limit", in: arguments).flatMap { Int($0) }.map { max(0, $0) },
                window: max(1, option("--window", in: arguments).flatMap { Int64($0) } ?? 900))
            return
        }
        let settings = Settings(arguments)
        try blocking { try await benchmark(settings) }
    }

    struct Settings: Sendable {
        var bot: String
        var seconds: Double
        var connections: Int
        var rounds: Int
        var hold: Int
        var rate: Int
        var customers: Int
        var threads: Int
        var maxRate: Int
        /// Where the temporary data folders go: a tmpfs such as /dev/shm takes fsync out of the picture.
        var dataRoot: String
        /// Offered rates (webhooks/s) for the sustained-rate rounds; empty: none.
        var sustain: [Int]
        /// The latency bar the sustained-rate rounds are held to (p99, ms).
        var p99Bar: Double

        init(_ arguments: [String]) {
            func int(_ name: String, _ fallback: Int, _ range: ClosedRange<Int>) -> Int {
                min(range.upperBound, max(range.lowerBound, option(name, in: arguments).flatMap { Int($0) } ?? fallback))
            }
            bot = option("--bot", in: arguments) ?? "."
            seconds = Double(int("--seconds", 5, 1...120))
            connections = int("--connections", 64, 1...2000)
            rounds = int("--rounds", 3, 1...20)
            hold = int("--hold", 1000, 0...10_000)
            rate = int("--rate", 200, 1...5000)
            customers = int("--customers", 10_000, 1...1_000_000)
            threads = int("--threads", 2, 1...16)
            // Bounds the pre-built requests per round (memory): rounds end early if the server is faster.
            maxRate = int("--max-rate", 12_000, 100...100_000)
            dataRoot = option("--data-root", in: arguments) ?? FileManager.default.temporaryDirectory.path
            sustain = (option("--sustain", in: arguments) ?? "").split(separator: ",")
                .compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { min(50_000, max(1, $0)) }
            p99Bar = Double(int("--p99-bar", 25, 1...10_000))
        }
    }

    // MARK: The benchmark

    static func benchmark(_ settings: Settings) async throws {
        print("serve bench: \(settings.connections) connections × \(settings.threads) threads, \(settings.seconds) s rounds, "
            + "\(settings.rounds) rounds, \(settings.customers) customers, bot in \(settings.bot), data in \(settings.dataRoot)")
        let bot = try loadBot(settings.bot)
        let rss = RSSSampler()
        print(String(format: "VmRSS before start: %.1f MB", rss.current()))

        // Throughput: a counting fake X (FakeXAPI keeps every DM, which would grow with the load).
        let counting = CountingXAPI()
        let system = try await System.start(bot: bot, fakeX: counting, dataRoot: settings.dataRoot)
        rss.reset()
        print(String(format: "VmRSS idle after start: %.1f MB", rss.current()))
        let health = RequestPool(repeating: httpRequest(method: "GET", path: "/healthz", headers: [], body: []))
        let clients = try ClientConnection.open(count: settings.connections, port: system.app.port)
        defer { clients.forEach { $0.close() } }
        var healthRounds: [RoundResult] = []
        var webhookRounds: [RoundResult] = []
        var poolBytes = 0
        _ = LoadGenerator.run(clients, pool: health, seconds: 1, threads: settings.threads)  // warm-up
        for round in 0..<settings.rounds {
            // Built first, so that the healthz and webhook rounds run back to back under the same conditions.
            let pool = webhookPool(
                count: Int(settings.seconds) * settings.maxRate, tag: UInt32(90 + round), customers: settings.customers)
            poolBytes = pool.bytes.count
            healthRounds.append(LoadGenerator.run(clients, pool: health, seconds: settings.seconds, threads: settings.threads))
            print("  round \(round + 1): webhook round starts")
            webhookRounds.append(LoadGenerator.run(clients, pool: pool, seconds: settings.seconds, threads: settings.threads))
            print("  round \(round + 1): healthz \(healthRounds[round].summary)")
            print("  round \(round + 1): webhook \(webhookRounds[round].summary)")
        }
        let peakRSS = rss.peak
        let healthRate = median(healthRounds.map(\.rate))
        let webhookRate = median(webhookRounds.map(\.rate))
        print("")
        print("| measure (median of \(settings.rounds) rounds)".padding(toLength: 42, withPad: " ", startingAt: 0)
            + "| req/s   | p50 ms | p90 ms | p99 ms | errors | vs healthz | CPU µs/req | cores busy |")
        print("|-----------------------------------------|---------|--------|--------|--------|--------|------------|------------|------------|")
        for (name, results) in [("GET /healthz (baseline)", healthRounds), ("signed webhook POST, durable commit", webhookRounds)] {
            let rate = median(results.map(\.rate))
            print(String(format: "| %@ | %7.0f | %6.2f | %6.2f | %6.2f | %6d | %9.2fx | %10.0f | %10.2f |",
                name.padding(toLength: 39, withPad: " ", startingAt: 0), rate,
                median(results.map(\.p50)), median(results.map(\.p90)), median(results.map(\.p99)),
                results.reduce(0) { $0 + $1.errors }, rate / healthRate, median(results.map(\.cpuPerRequest)),
                median(results.map { $0.cpuSeconds / $0.elapsed })))
        }
        let sent = system.app.metrics.counter("switchboard_replies_sent_total", labels: ["channel": "x"])
        let webhookCPU = median(webhookRounds.map(\.cpuPerRequest))
        print(String(format: "CPU per webhook %.0f µs (whole process incl. load generator and outbox delivery) → "
            + "at most %.0f webhooks/s if %d cores were ours alone", webhookCPU, Double(ProcessInfo.processInfo.activeProcessorCount) * 1e6 / webhookCPU,
            ProcessInfo.processInfo.activeProcessorCount))
        print(String(format: "webhook/healthz throughput ratio %.2f; replies sent to fake X so far %.0f (fake saw %d)",
            webhookRate / healthRate, sent, counting.count.load(ordering: .relaxed)))
        try await deliveryCost(system)
        print(String(format: "VmRSS peak while serving: %.1f MB (includes this round's pre-built requests, %.1f MB)",
            peakRSS, Double(poolBytes) / 1_048_576))

        if !settings.sustain.isEmpty {
            try await sustainPhase(settings, system: system, clients: clients)
        }

        // Held connections.
        if settings.hold > 0 {
            try await holdPhase(settings, system: system, clients: clients, rss: rss)
        }
        await system.stop()

        // Latency to the fake X API at a moderate, paced rate.
        try await latencyPhase(settings, bot: bot, rss: rss)
        print(String(format: "VmRSS peak over the whole run: %.1f MB", rss.peak))
        rss.stop()
    }

    /// After the rounds the outbox is behind: lets it catch up (bounded) with no inbound load and
    /// prints the CPU per delivered reply (OAuth signing, URLSession, and the fake X in this process).
    static func deliveryCost(_ system: System) async throws {
        func sent() -> Double { system.app.metrics.counter("switchboard_replies_sent_total", labels: ["channel": "x"]) }
        let before = sent()
        let cpuBefore = LoadGenerator.processCPUSeconds()
        let started = ContinuousClock.now
        var last = before
        var stableSince = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(60) && ContinuousClock.now - stableSince < .seconds(1) {
            try await Task.sleep(for: .milliseconds(100))
            let now = sent()
            if now != last { last = now; stableSince = ContinuousClock.now }
        }
        let delivered = last - before
        let cpu = LoadGenerator.processCPUSeconds() - cpuBefore
        guard delivered > 0 else { return print("outbox was not behind after the rounds") }
        print(String(format: "outbox catch-up after the rounds: %.0f replies in %.1f s, %.0f µs CPU per reply (sender + fake X)",
            delivered, seconds(stableSince - started), cpu / delivered * 1e6))
    }

    /// Open-loop rounds at each offered rate: the capacity a brand can count on within the latency bar.
    static func sustainPhase(_ settings: Settings, system: System, clients: [ClientConnection]) async throws {
        print("")
        print(String(format: "sustained rates: %d connections, %.0f s a rate, latency from each request's due time, bar p99 ≤ %.0f ms",
            clients.count, settings.seconds, settings.p99Bar))
        print("| offered/s | achieved/s | p50 ms | p90 ms | p99 ms | errors | CPU µs/req | within bar |")
        print("|-----------|------------|--------|--------|--------|--------|------------|------------|")
        var best: Int?
        for (index, rate) in settings.sustain.enumerated() {
            let pool = webhookPool(
                count: Int(settings.seconds) * rate + rate / 2 + 100, tag: UInt32(40 + index), customers: settings.customers)
            let result = LoadGenerator.run(
                clients, pool: pool, seconds: settings.seconds, threads: settings.threads, mode: .paced(perSecond: rate))
            // Within the bar: p99 met, nothing failed, and the server kept up with what was offered.
            let within = result.p99 <= settings.p99Bar && result.errors == 0 && result.rate >= Double(rate) * 0.97
            if within { best = max(best ?? 0, rate) }
            print(String(format: "| %9d | %10.0f | %6.2f | %6.2f | %6.2f | %6d | %10.0f | %@ |", rate, result.rate,
                result.p50, result.p90, result.p99, result.errors, result.cpuPerRequest,
                (within ? "yes" : "no").padding(toLength: 10, withPad: " ", startingAt: 0)))
            try await Task.sleep(for: .seconds(1))  // let the outbox catch up a little between rates
        }
        if let best {
            print(String(format: "highest sustained rate within p99 ≤ %.0f ms: %d webhooks/s", settings.p99Bar, best))
        } else {
            print(String(format: "no offered rate stayed within p99 ≤ %.0f ms", settings.p99Bar))
        }
    }

    static func holdPhase(_ settings: Settings, system: System, clients: [ClientConnection], rss: RSSSampler) async throws {
        let held = try ClientConnection.open(count: settings.hold, port: system.app.port)
        defer { held.forEach { $0.close() } }
        let health = RequestPool(repeating: httpRequest(method: "GET", path: "/healthz", headers: [], body: []))
        let before = LoadGenerator.oneEach(held, pool: health)
        let pool = webhookPool(count: Int(settings.seconds) * settings.maxRate, tag: 80, customers: settings.customers)
        let during = LoadGenerator.run(clients, pool: pool, seconds: settings.seconds, threads: settings.threads)
        let after = LoadGenerator.oneEach(held, pool: health)
        print("")
        print("held \(settings.hold) idle keep-alive connections (+\(clients.count) busy): "
            + "answered \(before)/\(settings.hold) before and \(after)/\(settings.hold) after a webhook round")
        print("  webhook round while held: \(during.summary)")
        print(String(format: "  VmRSS now %.1f MB", rss.current()))
    }

    static func latencyPhase(_ settings: Settings, bot: Bot, rss: RSSSampler) async throws {
        let fake = FakeXAPI()
        let system = try await System.start(bot: bot, fakeX: fake, dataRoot: settings.dataRoot)
        let count = Int(settings.seconds) * settings.rate
        let pool = webhookPool(count: count, tag: 70, customers: count, customerBase: 3_000_000_000_000_000_000)
        let clients = try ClientConnection.open(count: 8, port: system.app.port)
        defer { clients.forEach { $0.close() } }
        let result = LoadGenerator.run(clients, pool: pool, seconds: settings.seconds + 2, threads: 1, mode: .paced(perSecond: settings.rate))
        // Wait (bounded) for the replies, then match each request's customer to its first outbound DM.
        let deadline = ContinuousClock.now + .seconds(10)
        while Set(fake.received.map(\.recipientID)).count < result.sends.count && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        var firstArrival: [String: ContinuousClock.Instant] = [:]
        for dm in fake.received where firstArrival[dm.recipientID] == nil { firstArrival[dm.recipientID] = dm.receivedAt }
        var latencies: [Double] = []
        for send in result.sends {
            guard let arrived = firstArrival[pool.customers[send.index]] else { continue }
            latencies.append(seconds(arrived - send.at) * 1000)
        }
        await system.stop()
        latencies.sort()
        print("")
        print(String(format: "POST → outbound at fake X, paced %d DMs/s for %.0f s: %d sent, %d answered, %d errors",
            settings.rate, settings.seconds, result.sends.count, latencies.count, result.errors))
        print(String(format: "| webhook → fake X  | p50 %.2f ms | p90 %.2f ms | p99 %.2f ms | max %.2f ms |",
            percentile(latencies, 0.5), percentile(latencies, 0.9), percentile(latencies, 0.99), latencies.last ?? .nan))
        print(String(format: "| webhook response  | p50 %.2f ms | p90 %.2f ms | p99 %.2f ms | achieved %.0f req/s |",
            result.p50, result.p90, result.p99, result.rate))
    }

    /// The Application and its fake X API, in a temporary data folder.
    struct System: Sendable {
        let app: Application
        let fakeServer: HTTPServer
        let folder: URL

        static func start(bot: Bot, fakeX: any HTTPResponder, dataRoot: String) async throws -> System {
            let folder = URL(fileURLWithPath: dataRoot).appendingPathComponent("switchboard-servebench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let fakeServer = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), responder: fakeX)
            let fakePort = try fakeServer.start()
            var configuration = ServeConfiguration()
            configuration.port = 0
            configuration.dataDirectory = folder.appendingPathComponent("data").path
            configuration.xAPIBase = "http://127.0.0.1:\(fakePort)"
            configuration.x = XCredentials(
                consumerKey: "key", consumerSecret: ServeBench.secret, accessToken: "token", accessTokenSecret: "token-secret")
            // Info level as `serve` logs by default, formatted but not written (the terminal is not the subject).
            let logger = Logger(minimumLevel: .info, sink: { _ in })
            let app = try await Application(configuration: configuration, bot: bot, logger: logger)
            return System(app: app, fakeServer: fakeServer, folder: folder)
        }

        func stop() async {
            await app.shutdown()
            await fakeServer.shutdown()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    static func loadBot(_ directory: String) throws -> Bot {
        let root = directory.hasSuffix("/") ? directory : directory + "/"
        let loaded = try BotDirectory.load(flows: root + "flows", intents: root + "intents")
        guard let bot = loaded.bot else {
            throw HTTPBench.BenchError(description: "the bot in \(root) does not load; run `switchboard check` there")
        }
        return bot
    }

    // MARK: Requests

    /// Event ids as X makes them: 19-digit snowflakes that grow with time (the tag keeps pools and
    /// files apart), so the inbox's key is appended to, as in production.
    static func eventID(tag: UInt32, index: Int) -> String {
        String(1_100_000_000_000_000_000 + UInt64(tag) * 1_000_000_000 + UInt64(index))
    }

    /// `count` signed webhook POSTs with distinct event ids (`eventID(tag:index:)`), customers spread over `customers`.
    static func webhookPool(count: Int, tag: UInt32, customers: Int, customerBase: UInt64 = 2_000_000_000_000_000_000)
        -> RequestPool
    {
        var bytes: [UInt8] = []
        var offsets = [0]
        var customerIDs: [String] = []
        offsets.reserveCapacity(count + 1)
        customerIDs.reserveCapacity(count)
        bytes.reserveCapacity(count * 900)
        for index in 0..<count {
            // A multiplicative spread so that neighbouring requests are different customers.
            let customer = String(customerBase + UInt64((index &* 7919) % customers))
            let (body, signature) = XWebhookFixture.dm(
                consumerSecret: secret, brandID: brandID, customerID: customer, eventID: eventID(tag: tag, index: index),
                text: texts[index % texts.count], customerName: "Customer \(customer.suffix(5))", followers: index % 5000)
            bytes += httpRequest(
                method: "POST", path: "/webhooks/x",
                headers: [("Content-Type", "application/json; charset=utf-8"), ("x-twitter-webhooks-signature", signature)],
                body: body)
            offsets.append(bytes.count)
            customerIDs.append(customer)
        }
        return RequestPool(bytes: bytes, offsets: offsets, customers: customerIDs)
    }

    static func httpRequest(method: String, path: String, headers: [(String, String)], body: [UInt8]) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: switchboard-bench\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if method != "GET" { head += "Content-Length: \(body.count)\r\n" }
        return Array((head + "\r\n").utf8) + body
    }

    /// `--gen-webhooks N --secret S --out FILE`: one `signature<TAB>body` line per request for wrk.
    static func generate(count: Int, arguments: [String]) throws {
        guard (1...2_000_000).contains(count) else {
            throw HTTPBench.BenchError(description: "--gen-webhooks takes 1…2000000 (bodies are ~700 bytes each)")
        }
        guard let out = option("--out", in: arguments) else {
            throw HTTPBench.BenchError(description: "--gen-webhooks needs --out FILE")
        }
        let secret = option("--secret", in: arguments) ?? Self.secret
        let brand = option("--brand", in: arguments) ?? brandID
        let customers = max(1, option("--customers", in: arguments).flatMap { Int($0) } ?? 10_000)
        let tag = option("--tag", in: arguments).flatMap { UInt32($0) } ?? UInt32.random(in: 1...UInt32.max)
        var text: [UInt8] = []
        text.reserveCapacity(count * 800)
        for index in 0..<count {
            let customer = String(2_000_000_000_000_000_000 + UInt64((index &* 7919) % customers))
            let (body, signature) = XWebhookFixture.dm(
                consumerSecret: secret, brandID: brand, customerID: customer, eventID: eventID(tag: tag, index: index),
                text: texts[index % texts.count], customerName: "Customer \(customer.suffix(5))", followers: index % 5000)
            text += Array(signature.utf8)
            text.append(UInt8(ascii: "\t"))
            text += body
            text.append(UInt8(ascii: "\n"))
        }
        guard FileManager.default.createFile(atPath: out, contents: Data(text)) else {
            throw HTTPBench.BenchError(description: "cannot write \(out)")
        }
        print("wrote \(count) signed webhook bodies (event ids \(eventID(tag: tag, index: 0))…, \(customers) customers) to \(out)")
    }

    /// `--fake-x`: answers X's DM endpoint with 200 for `seconds`, then prints how many it took.
    static func serveFakeX(port: Int, seconds: Int, limit: Int?, window: Int64) throws {
        let fake = CountingXAPI(limit: limit, windowSeconds: window)
        let server = HTTPServer(configuration: HTTPServerConfiguration(port: port, maxConnections: 1024), responder: fake)
        let bound = try server.start()
        print("fake X API on 127.0.0.1:\(bound) for \(seconds) s")
        Thread.sleep(forTimeInterval: Double(seconds))
        try blocking { await server.shutdown() }
        print("fake X API received \(fake.count.load(ordering: .relaxed)) DMs, refused \(fake.refused.load(ordering: .relaxed)) with 429")
    }

    // MARK: Helpers

    /// Runs async work from this synchronous entry point.
    static func blocking(_ body: @escaping @Sendable () async throws -> Void) throws {
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await body() } catch { outcome.error.withLock { $0 = "\(error)" } }
            done.signal()
        }
        done.wait()
        if let error = outcome.error.withLock({ $0 }) { throw HTTPBench.BenchError(description: error) }
    }

    final class Outcome: Sendable { let error = Mutex<String?>(nil) }

    static func median(_ values: [Double]) -> Double { percentile(values.sorted(), 0.5) }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count - 1) * p).rounded())))]
    }

    static func seconds(_ duration: Duration) -> Double {
        duration.inSeconds
    }
}

/// A fake X DM API that only counts (FakeXAPI records every DM, which grows with a long run).
/// With a limit, it accepts that many DMs per window and refuses the others with 429 and the
/// window's end in `x-rate-limit-reset` (Unix seconds), as X does.
final class CountingXAPI: HTTPResponder {
    let count = Atomic<Int>(0)
    let refused = Atomic<Int>(0)
    let limit: Int?
    let windowSeconds: Int64
    /// The current window's start (Unix seconds) and the DMs accepted in it.
    private let window = Mutex<(start: Int64, accepted: Int)>((0, 0))

    init(limit: Int? = nil, windowSeconds: Int64 = 900) {
        self.limit = limit
        self.windowSeconds = windowSeconds
    }

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        if let limit {
            let now = Int64(Date().timeIntervalSince1970)
            let reset = window.withLock { window -> Int64? in
                if now >= window.start + windowSeconds { window = (now, 0) }
                guard window.accepted < limit else { return window.start + windowSeconds }
                window.accepted += 1
                return nil
            }
            if let reset {
                refused.add(1, ordering: .relaxed)
                return HTTPResponse(
                    status: .tooManyRequests, headers: ["x-rate-limit-reset": String(reset), "content-type": "application/json"],
                    body: Array(#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#.utf8))
            }
        }
        count.add(1, ordering: .relaxed)
        return .json(Array(#"{"event":{"type":"message_create","id":"fake"}}"#.utf8))
    }
}

/// Pre-built raw HTTP requests in one buffer, handed out once each (or round-robin when repeating).
final class RequestPool: Sendable {
    let bytes: [UInt8]
    let offsets: [Int]
    let customers: [String]
    let repeating: Bool
    private let next = Atomic<Int>(0)

    init(bytes: [UInt8], offsets: [Int], customers: [String]) {
        self.bytes = bytes
        self.offsets = offsets
        self.customers = customers
        repeating = false
    }

    init(repeating request: [UInt8]) {
        bytes = request
        offsets = [0, request.count]
        customers = []
        repeating = true
    }

    var count: Int { offsets.count - 1 }

    /// The next request's index, or nil when a one-shot pool is used up.
    func take() -> Int? {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        if repeating { return index % count }
        return index < count ? index : nil
    }
}

/// One keep-alive client connection (blocking socket, TCP_NODELAY). Used by one thread at a time.
final class ClientConnection: @unchecked Sendable {
    let descriptor: Int32
    // Small: a thousand held connections must not inflate the VmRSS this benchmark reports; grows on demand.
    var buffer = [UInt8](repeating: 0, count: 4 * 1024)
    var filled = 0
    var sentAt: ContinuousClock.Instant?

    init(descriptor: Int32) { self.descriptor = descriptor }

    static func open(count: Int, port: Int) throws -> [ClientConnection] {
        var connections: [ClientConnection] = []
        for _ in 0..<count {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw HTTPBench.BenchError(description: "socket: errno \(errno)") }
            var one: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard result == 0 else {
                Glibc.close(descriptor)
                throw HTTPBench.BenchError(description: "connect to 127.0.0.1:\(port): errno \(errno)")
            }
            connections.append(ClientConnection(descriptor: descriptor))
        }
        return connections
    }

    func close() { Glibc.close(descriptor) }

    /// Sends all of `bytes[range]`; false on error.
    func send(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        sentAt = ContinuousClock.now
        return bytes.withUnsafeBytes { raw in
            var offset = range.lowerBound
            while offset < range.upperBound {
                let sent = Glibc.send(descriptor, raw.baseAddress.map { $0 + offset }, range.upperBound - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 && errno == EINTR { continue }
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }
    }

    /// Reads what is available (the socket is readable); nil on close/error.
    func receive() -> Bool {
        if filled == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
        let received = buffer.withUnsafeMutableBytes { raw in
            recv(descriptor, raw.baseAddress.map { $0 + filled }, raw.count - filled, Int32(MSG_DONTWAIT))
        }
        if received < 0 && (errno == EAGAIN || errno == EINTR) { return true }
        if received <= 0 { return false }
        filled += received
        return true
    }

    /// The status of the complete response at the front of the buffer (removed), or nil if incomplete.
    func takeResponse() -> Int? {
        guard filled >= 12 else { return nil }
        let filled = self.filled
        let taken = buffer.withUnsafeMutableBytes { raw -> (status: Int, total: Int)? in
            guard let base = raw.baseAddress else { return nil }
            let bytes = raw.bindMemory(to: UInt8.self)
            var end = -1
            var index = 3
            while index < filled {
                if bytes[index] == 10 && bytes[index - 1] == 13 && bytes[index - 2] == 10 && bytes[index - 3] == 13 {
                    end = index + 1
                    break
                }
                index += 1
            }
            guard end > 0 else { return nil }
            // Content-Length, read from the bytes (this runs for every answer, on the cores the server uses).
            let name = Array("content-length:".utf8)
            var length = 0
            var line = 0
            while line < end {
                var next = line
                while next < end && bytes[next] != 10 { next += 1 }
                if next - line > name.count
                    && (0..<name.count).allSatisfy({ (bytes[line + $0] | (bytes[line + $0] >= 65 && bytes[line + $0] <= 90 ? 0x20 : 0)) == name[$0] })
                {
                    for index in (line + name.count)..<next where bytes[index] >= 48 && bytes[index] <= 57 {
                        length = length * 10 + Int(bytes[index] - 48)
                    }
                }
                line = next + 1
            }
            guard filled >= end + length else { return nil }
            var status = 0
            for index in 9..<12 where bytes[index] >= 48 && bytes[index] <= 57 { status = status * 10 + Int(bytes[index] - 48) }
            let total = end + length
            memmove(base, base + total, filled - total)
            return (status, total)
        }
        guard let taken else { return nil }
        self.filled -= taken.total
        return taken.status
    }
}

/// What one load round measured.
struct RoundResult {
    var count: Int
    var errors: Int
    var elapsed: Double
    var latencies: [Double]  // milliseconds, sorted
    var sends: [(index: Int, at: ContinuousClock.Instant)]
    var exhausted: Bool
    /// Process CPU time (user + system, all threads: server, store, sender, fake X and this client).
    var cpuSeconds: Double = 0
    /// Paced rounds: each answer's due time (seconds into the round) and latency (ms), for a timeline.
    var timed: [(due: Double, latency: Double)] = []

    /// CPU microseconds the whole process spent per answered request.
    var cpuPerRequest: Double { count > 0 ? cpuSeconds / Double(count) * 1e6 : .nan }

    var rate: Double { Double(count) / elapsed }
    var p50: Double { ServeBench.percentile(latencies, 0.5) }
    var p90: Double { ServeBench.percentile(latencies, 0.9) }
    var p99: Double { ServeBench.percentile(latencies, 0.99) }
    var summary: String {
        String(format: "%.0f req/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, %d ok, %d errors, %.0f µs CPU/req%@",
            rate, p50, p90, p99, count, errors, cpuPerRequest, exhausted ? " (pool used up early: raise --max-rate)" : "")
    }
}

/// How a round sends: closed loop (next request as soon as the previous is answered), paced at
/// a rate (across the round), or one request per connection.
enum LoadMode: Sendable, Equatable {
    case closedLoop
    case paced(perSecond: Int)
    case once
}

/// A small load generator: threads share the connections; each thread polls its own.
enum LoadGenerator {
    /// Longest wait for outstanding responses after the round's time is up.
    static let drainTimeout: Duration = .seconds(10)

    static func run(_ connections: [ClientConnection], pool: RequestPool, seconds: Double, threads: Int, mode: LoadMode = .closedLoop)
        -> RoundResult
    {
        let threadCount = max(1, min(threads, connections.count))
        let results = Mutex<[RoundResult]>([])
        let group = DispatchGroup()
        let started = ContinuousClock.now
        let cpuBefore = processCPUSeconds()
        let deadline = started + .milliseconds(Int(seconds * 1000))
        for thread in 0..<threadCount {
            let mine = connections.enumerated().filter { $0.offset % threadCount == thread }.map(\.element)
            var share = mode
            if case .paced(let rate) = mode { share = .paced(perSecond: max(1, rate / threadCount)) }
            group.enter()
            let worker = Thread { [share] in
                let result = work(mine, pool: pool, started: started, deadline: deadline, mode: share)
                results.withLock { $0.append(result) }
                group.leave()
            }
            worker.start()
        }
        group.wait()
        let all = results.withLock { $0 }
        let elapsed = ServeBench.seconds(min(ContinuousClock.now, deadline) - started)
        return RoundResult(
            count: all.reduce(0) { $0 + $1.count }, errors: all.reduce(0) { $0 + $1.errors }, elapsed: elapsed,
            latencies: all.flatMap(\.latencies).sorted(), sends: all.flatMap(\.sends), exhausted: all.contains { $0.exhausted },
            cpuSeconds: processCPUSeconds() - cpuBefore, timed: all.flatMap(\.timed))
    }

    /// User + system CPU seconds of this process so far (all threads).
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return .nan }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// One request on each connection at once; returns how many were answered with 200.
    static func oneEach(_ connections: [ClientConnection], pool: RequestPool) -> Int {
        let result = run(connections, pool: pool, seconds: 10, threads: 1, mode: .once)
        return result.count - result.errors
    }

    static func work(
        _ connections: [ClientConnection], pool: RequestPool, started: ContinuousClock.Instant,
        deadline: ContinuousClock.Instant, mode: LoadMode
    ) -> RoundResult {
        var result = RoundResult(count: 0, errors: 0, elapsed: 0, latencies: [], sends: [], exhausted: false)
        result.latencies.reserveCapacity(100_000)
        var outstanding = Set<Int>()
        var dead = Set<Int>()
        var issued = 0
        // Paced: when each slot's request was due; its latency counts from then (no coordinated omission).
        var dueAt = [ContinuousClock.Instant?](repeating: nil, count: connections.count)
        func dueTime(_ count: Int) -> ContinuousClock.Instant? {
            guard case .paced(let rate) = mode else { return nil }
            return started + .microseconds(count * 1_000_000 / rate)
        }
        func issue(_ slot: Int) {
            guard mode == .once || ContinuousClock.now < deadline, let index = pool.take() else {
                if ContinuousClock.now < deadline { result.exhausted = true }
                return
            }
            let range = pool.offsets[index]..<pool.offsets[index + 1]
            if connections[slot].send(pool.bytes, range) {
                outstanding.insert(slot)
                dueAt[slot] = dueTime(issued)
                issued += 1
                if case .paced = mode, let at = connections[slot].sentAt { result.sends.append((index, at)) }
            } else {
                result.errors += 1
                dead.insert(slot)
            }
        }
        func due() -> Bool {
            guard let next = dueTime(issued) else { return true }
            return ContinuousClock.now >= next
        }
        for slot in connections.indices where due() { issue(slot) }
        var descriptors = connections.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
        let drainUntil = (mode == .once ? started : deadline) + drainTimeout
        while true {
            let now = ContinuousClock.now
            let sending = mode != .once && now < deadline && !result.exhausted
            if !sending && outstanding.isEmpty { break }
            if now >= drainUntil { break }
            if case .paced = mode, sending {
                for slot in connections.indices where !outstanding.contains(slot) && !dead.contains(slot) && due() { issue(slot) }
            }
            let timeout: Int32 = if case .paced = mode { 1 } else { 50 }
            if poll(&descriptors, nfds_t(descriptors.count), timeout) <= 0 { continue }
            for slot in descriptors.indices where descriptors[slot].revents != 0 {
                let connection = connections[slot]
                guard connection.receive() else {
                    if outstanding.remove(slot) != nil { result.errors += 1 }
                    dead.insert(slot)
                    descriptors[slot].fd = -1
                    continue
                }
                while let status = connection.takeResponse() {
                    outstanding.remove(slot)
                    let answered = ContinuousClock.now
                    if let from = dueAt[slot] ?? connection.sentAt {
                        let latency = ServeBench.seconds(answered - from) * 1000
                        result.latencies.append(latency)
                        if dueAt[slot] != nil { result.timed.append((ServeBench.seconds(from - started), latency)) }
                    }
                    // Throughput counts answers inside the round's window; late ones only count as errors if bad.
                    if answered < deadline || mode == .once { result.count += 1 }
                    if status != 200 { result.errors += 1 }
                    if mode == .closedLoop { issue(slot) }
                }
            }
        }
        result.errors += outstanding.count
        return result
    }
}

/// Samples VmRSS from /proc/self/status every 100 ms and keeps the peak.
final class RSSSampler: Sendable {
    private let peakMegabytes = Mutex<Double>(0)
    private let stopped = Atomic<Bool>(false)

    init() {
        let thread = Thread { [self] in
            while !stopped.load(ordering: .relaxed) {
                let now = current()
                peakMegabytes.withLock { $0 = max($0, now) }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        thread.start()
    }

    var peak: Double { peakMegabytes.withLock { $0 } }
    func reset() { peakMegabytes.withLock { $0 = 0 } }
    func stop() { stopped.store(true, ordering: .relaxed) }

    /// VmRSS in MB, or 0 where /proc is not available.
    func current() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
            return kilobytes / 1024
        }
        return 0
    }
}
