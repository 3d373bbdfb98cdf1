// Store benchmarks: durable inbound processing (group commit vs one transaction per message),
// the top of a 100,000-escalation queue, the database size per 1,000 conversations, and the WAL
// written per DM (what every commit's fsync and every checkpoint must move to the disk).
import Foundation
import SwitchboardCore
import SwitchboardStore
import Synchronization

enum StoreBench {
    static func run(_ arguments: [String]) throws {
        let messages = Int(option("--messages", in: arguments) ?? "") ?? 20_000
        let submitters = Int(option("--submitters", in: arguments) ?? "") ?? 64
        let openEscalations = Int(option("--escalations", in: arguments) ?? "") ?? 100_000
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-store-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        print("durable inbound: \(messages) DMs, \(submitters) concurrent submitters, synchronous=FULL, WAL")
        try blocking {
            try await inbound(folder: folder, messages: messages, submitters: submitters)
            try await queueTop(folder: folder, open: openEscalations)
            try await size(folder: folder)
            try await walPerDM(folder: folder)
        }
    }

    /// Runs async work from the synchronous benchmark entry point.
    static func blocking(_ body: @escaping @Sendable () async throws -> Void) throws {
        let outcome = Mutex<Result<Void, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let result: Result<Void, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        try outcome.withLock { $0 }?.get()
    }

    static let trivialStep: @Sendable (InboundContext) -> StepRecords = { context in
        StepRecords(
            state: Array("{\"state\":\"welcome\",\"n\":\(context.conversation?.version ?? 0)}".utf8),
            slots: ["zip": "94107"],
            outbox: [OutboundMessage(text: "Hi! How can we help?", payloadJSON: "{\"text\":\"Hi! How can we help?\"}")])
    }

    /// Messages processed before measuring.
    static let warmup = 200

    struct Run {
        var perSecond: Double
        var latencies: Samples
    }

    static func processAll(path: String, messages: Int, submitters: Int, maximumBatch: Int, label: String) async throws -> Run {
        var options = StoreOptions()
        options.maximumBatch = maximumBatch
        let store = try SQLiteStore(path: path, options: options)
        defer { store.close() }
        // Warm-up, not measured: the first commits also create the schema's pages.
        for number in 0..<warmup {
            let inbound = InboundRecord(
                eventID: "warmup-\(number)", key: ConversationKey(account: "brand", customer: CustomerID("w\(number)")),
                text: "hello", receivedAt: Instant(milliseconds: 1_600_000_000_000))
            _ = try await store.process(inbound, step: trivialStep)
        }
        let clock = ContinuousClock()
        let started = clock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for lane in 0..<submitters {
                group.addTask {
                    var seconds: [Double] = []
                    var number = lane
                    while number < messages {
                        let inbound = InboundRecord(
                            eventID: "\(label)-\(number)",
                            key: ConversationKey(account: "brand", customer: CustomerID("c\(number % 5_000)")),
                            text: "where is my order?", receivedAt: Instant(milliseconds: 1_700_000_000_000 + Int64(number)))
                        let sent = clock.now
                        _ = try await store.process(inbound, step: trivialStep)
                        let elapsed = clock.now - sent
                        seconds.append(elapsed.inSeconds)
                        number += submitters
                    }
                    return seconds
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }
        let total = clock.now - started
        let totalSeconds = total.inSeconds
        return Run(perSecond: Double(messages) / totalSeconds, latencies: Samples(name: label, seconds: latencies))
    }

    static func inbound(folder: URL, messages: Int, submitters: Int) async throws {
        var grouped: [Run] = []
        var single: [Run] = []
        for round in 0..<3 {
            grouped.append(try await processAll(
                path: folder.appendingPathComponent("group-\(round).sqlite").path, messages: messages,
                submitters: submitters, maximumBatch: 512, label: "group commit"))
            single.append(try await processAll(
                path: folder.appendingPathComponent("single-\(round).sqlite").path, messages: messages / 4,
                submitters: submitters, maximumBatch: 1, label: "one transaction per DM"))
        }
        func line(_ runs: [Run], _ name: String) -> (Double, Double) {
            let rate = runs.map(\.perSecond).sorted()[runs.count / 2]
            let p50 = runs.map { $0.latencies.percentile(0.5) }.sorted()[runs.count / 2]
            let p99 = runs.map { $0.latencies.percentile(0.99) }.sorted()[runs.count / 2]
            print(
                "\(name.padding(toLength: 44, withPad: " ", startingAt: 0)) \(String(format: "%8.0f", rate)) DMs/s  "
                    + "commit p50 \(formatDuration(p50))  p99 \(formatDuration(p99))  (median of \(runs.count) runs)")
            return (rate, p99)
        }
        let (groupRate, groupP99) = line(grouped, "group commit")
        let (singleRate, _) = line(single, "baseline: one transaction per DM")
        print(String(format: "group commit vs baseline: %.1fx throughput", groupRate / singleRate)
            + "   bars: ≥ 5,000 DMs/s \(groupRate >= 5_000 ? "met" : "MISSED"), p99 ≤ 25 ms \(groupP99 <= 0.025 ? "met" : "MISSED")")
    }

    static func queueTop(folder: URL, open: Int) async throws {
        let store = try SQLiteStore(path: folder.appendingPathComponent("queue.sqlite").path)
        defer { store.close() }
        let queues: [QueueID] = ["billing", "tech", "general", "vip"]
        let words = ["hello", "this is terrible", "very angry!!", "thanks", "where is my refund", "not happy"]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<64 {
                group.addTask {
                    var number = lane
                    while number < open {
                        let inbound = InboundRecord(
                            eventID: "q\(number)", key: ConversationKey(account: "brand", customer: CustomerID("q\(number)")),
                            text: words[number % words.count],
                            receivedAt: Instant(milliseconds: 1_700_000_000_000 + Int64(number) * 1000),
                            sender: CustomerProfile(followers: (number * 7919) % 2_000_000))
                        let escalation = EscalationRequest(
                            queue: queues[number % queues.count], reason: number % 3 == 0 ? .customerAsked : .lowConfidence)
                        _ = try await store.process(inbound) { _ in StepRecords(state: [], escalation: escalation) }
                        number += 64
                    }
                }
            }
            try await group.waitForAll()
        }
        let now = Instant(milliseconds: 1_700_000_000_000 + Int64(open) * 1000)
        var top: [EscalationSummary] = []
        let all = try await measureAsync("top 50 of \(open) open escalations", repetitions: 50) {
            top = try await store.escalations(EscalationFilter(limit: 50), now: now)
        }
        let byQueue = try await measureAsync("top 50 of one queue", repetitions: 50) {
            _ = try await store.escalations(EscalationFilter(queue: "billing", limit: 50), now: now)
        }
        let breached = try await measureAsync("top 50 breached (SLA filter)", repetitions: 50) {
            _ = try await store.escalations(EscalationFilter(sla: .breached, limit: 50), now: now)
        }
        let waiting = try await measureAsync("top 50 waiting (status filter)", repetitions: 50) {
            _ = try await store.escalations(EscalationFilter(status: .waiting, limit: 50), now: now)
        }
        report(all, extra: "p99 \(formatDuration(all.percentile(0.99)))  bar ≤ 10 ms \(all.median <= 0.010 ? "met" : "MISSED")")
        report(byQueue, baseline: all)
        report(breached, baseline: all)
        report(waiting, baseline: all)
        if let first = top.first { print("  top: #\(first.id) \(first.priority.explanation)") }
    }

    static func measureAsync(_ name: String, repetitions: Int, _ body: () async throws -> Void) async throws -> Samples {
        let clock = ContinuousClock()
        try await body()
        var samples: [Double] = []
        for _ in 0..<repetitions {
            let elapsed = try await clock.measure { try await body() }
            samples.append(elapsed.inSeconds)
        }
        return Samples(name: name, seconds: samples)
    }

    static func size(folder: URL) async throws {
        let path = folder.appendingPathComponent("size.sqlite").path
        let store = try SQLiteStore(path: path)
        for message in 0..<10 {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for customer in 0..<1_000 {
                    group.addTask {
                        let inbound = InboundRecord(
                            eventID: "s\(customer)-\(message)", key: ConversationKey(account: "brand", customer: CustomerID("\(1_000_000_000 + customer)")),
                            text: "Hi, my order #\(customer) has not arrived yet, can you check?",
                            receivedAt: Instant(milliseconds: 1_700_000_000_000 + Int64(message) * 60_000),
                            sender: CustomerProfile(name: "Customer \(customer)", handle: "customer\(customer)", followers: customer))
                        _ = try await store.process(inbound, step: trivialStep)
                    }
                }
                try await group.waitForAll()
            }
        }
        store.close()
        let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(String(format: "database size per 1,000 conversations of 10 messages (+10 replies each): %.2f MB", Double(bytes) / 1e6))
    }

    /// WAL bytes per DM, new customers and returning ones, over a database that already holds 20,000
    /// customers (so that index inserts land on pages of their own, as in production). The checkpointer
    /// is held off, so the WAL keeps every frame the commits wrote. Deterministic: no clock, seeded ids.
    static func walPerDM(folder: URL) async throws {
        let path = folder.appendingPathComponent("wal.sqlite").path
        var generator = SeededGenerator(seed: 42)
        let existing = (0..<20_000).map { _ in String(1_000_000_000_000_000 + generator.next() % 8_000_000_000_000_000_000) }
        let fresh = (0..<2_000).map { _ in String(1_000_000_000_000_000 + generator.next() % 8_000_000_000_000_000_000) }
        func send(_ store: SQLiteStore, _ customers: ArraySlice<String>, tag: String, minute: Int64) async throws {
            var start = customers.startIndex
            while start < customers.endIndex {
                let batch = customers[start..<min(customers.endIndex, start + 64)]
                let base = start
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (offset, customer) in batch.enumerated() {
                        group.addTask {
                            let inbound = InboundRecord(
                                eventID: "\(tag)-\(base + offset)", key: ConversationKey(account: "brand", customer: CustomerID(customer)),
                                text: "Hi, my order has not arrived yet, can you check?",
                                receivedAt: Instant(milliseconds: 1_700_000_000_000 + minute * 60_000),
                                sender: CustomerProfile(name: "Customer", handle: "customer\(customer.suffix(6))", followers: 10))
                            _ = try await store.process(inbound, step: trivialStep)
                        }
                    }
                    try await group.waitForAll()
                }
                start += batch.count
            }
        }
        let seed = try SQLiteStore(path: path)
        try await send(seed, existing[...], tag: "seed", minute: 0)
        seed.close()  // closing checkpoints the WAL into the database and removes it
        var options = StoreOptions()
        options.checkpointInterval = .seconds(3600)
        options.walRestartFrames = .max
        let walPath = path + "-wal"
        func walBytes() -> Int { (try? FileManager.default.attributesOfItem(atPath: walPath)[.size] as? Int) ?? 0 }
        for (label, customers, minute) in [("new customers", fresh[...], Int64(10_000)), ("returning customers", existing[0..<2_000], Int64(20_000))] {
            let store = try SQLiteStore(path: path, options: options)
            let before = walBytes()
            try await send(store, customers, tag: label, minute: minute)
            let written = walBytes() - before
            store.close()
            print(String(format: "WAL written per DM, %@ (batches of 64, 20,000 customers stored): %.1f KB (%.1f pages)",
                label, Double(written) / Double(customers.count) / 1000, Double(written) / Double(customers.count) / 4120))
        }
    }
}
