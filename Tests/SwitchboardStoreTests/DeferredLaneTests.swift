import Foundation
import Synchronization
import Testing
@testable import SwitchboardStore

/// The writer's deferred lane: quick writes go first, deferred ones keep their order, commit in
/// bounded batches without waiting for the disk, and are all finished when the writer closes.
@Suite struct DeferredLaneTests {
    final class Order: Sendable {
        let names = Mutex<[String]>([])
        let batches = Atomic<Int>(0)
        func add(_ name: String) { names.withLock { $0.append(name) } }
        var value: [String] { names.withLock { $0 } }
    }

    final class Flag: Sendable {
        let value = Atomic<Bool>(false)
    }

    private static func writer(in folder: TemporaryFolder, order: Order, deferredBatch: Int) throws -> DatabaseThread {
        let connection = try SQLiteConnection(path: folder.file("lane.sqlite"), create: true)
        try connection.execute("PRAGMA journal_mode = WAL")
        try connection.execute("PRAGMA synchronous = FULL")
        try connection.execute("CREATE TABLE t (name TEXT NOT NULL, synchronous INTEGER NOT NULL)")
        return DatabaseThread(
            name: "test-writer", connection: connection,
            mode: .groupCommit(
                maximumBatch: 512, deferredBatch: deferredBatch, deferredSynchronous: (relaxed: "NORMAL", normal: "FULL"),
                afterBatch: { _ in order.batches.add(1, ordering: .relaxed) }))
    }

    /// Records the job's name, and the synchronous level its transaction commits with (1 NORMAL, 2 FULL).
    private static func job(_ name: String, deferred: Bool, on writer: DatabaseThread, order: Order) async throws -> Int64 {
        try await writer.perform(deferred: deferred) { db in
            order.add(name)
            let level = try db.first("PRAGMA synchronous") { $0.int64(0) } ?? -1
            _ = try db.run("INSERT INTO t (name, synchronous) VALUES (?1, ?2)", [name, level])
            return level
        }
    }

    @Test func quickWritesGoBeforeQueuedDeferredOnesWhichKeepTheirOrder() async throws {
        let folder = try TemporaryFolder()
        let order = Order()
        let writer = try Self.writer(in: folder, order: order, deferredBatch: 2)
        defer { writer.close() }
        let release = DispatchSemaphore(value: 0)
        let started = Flag()
        let levels = try await withThrowingTaskGroup(of: (String, Int64).self) { group in
            group.addTask {
                let level = try await writer.perform { db in
                    started.value.store(true, ordering: .releasing)
                    release.wait()
                    order.add("held")
                    return try db.first("PRAGMA synchronous") { $0.int64(0) } ?? -1
                }
                return ("held", level)
            }
            while !started.value.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(1)) }
            // Deferred jobs queue one by one, so their order is known; then two quick ones.
            for n in 1...5 {
                group.addTask { ("d\(n)", try await Self.job("d\(n)", deferred: true, on: writer, order: order)) }
                while writer.queuedJobs < n { try await Task.sleep(for: .milliseconds(1)) }
            }
            for n in 1...2 { group.addTask { ("q\(n)", try await Self.job("q\(n)", deferred: false, on: writer, order: order)) } }
            while writer.queuedJobs < 7 { try await Task.sleep(for: .milliseconds(1)) }
            release.signal()
            return try await group.reduce(into: [String: Int64]()) { $0[$1.0] = $1.1 }
        }
        let names = order.value
        #expect(names.first == "held")
        #expect(Set(names[1...2]) == ["q1", "q2"])  // taken together, before any deferred job
        #expect(Array(names[3...]) == ["d1", "d2", "d3", "d4", "d5"])
        // held; q1+q2; then d1+d2, d3+d4, d5: batches of at most two.
        #expect(order.batches.load(ordering: .relaxed) == 5)
        // Deferred batches commit without waiting for the disk; quick writes with it, as before.
        #expect(levels["held"] == 2 && levels["q1"] == 2 && levels["q2"] == 2)
        #expect((1...5).allSatisfy { levels["d\($0)"] == 1 })
    }

    @Test func closingFinishesEveryDeferredJob() async throws {
        let folder = try TemporaryFolder()
        let order = Order()
        let writer = try Self.writer(in: folder, order: order, deferredBatch: 3)
        let results = try await withThrowingTaskGroup(of: Int64.self) { group in
            for n in 1...20 { group.addTask { try await Self.job("d\(n)", deferred: true, on: writer, order: order) } }
            while writer.queuedJobs < 20 && order.value.count < 20 { try await Task.sleep(for: .milliseconds(1)) }
            writer.close()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 20)
        #expect(order.value.count == 20)
        await #expect(throws: StoreClosedError.self) { try await Self.job("late", deferred: true, on: writer, order: order) }
    }
}
