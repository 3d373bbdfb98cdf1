import Foundation
import Synchronization
import Testing
@testable import SwitchboardStore

/// The writer's commit gathering: concurrent writes share a commit, a lone write never waits.
@Suite struct CommitGatherTests {
    /// A writer thread on a fresh file with table `t(n)`, counting its batches.
    private static func writer(in folder: TemporaryFolder, gather: Duration, batches: Batches) throws -> DatabaseThread {
        let connection = try SQLiteConnection(path: folder.file("gather.sqlite"), create: true)
        try connection.execute("PRAGMA journal_mode = WAL")
        try connection.execute("CREATE TABLE t (n INTEGER NOT NULL)")
        return DatabaseThread(
            name: "test-writer", connection: connection,
            mode: .groupCommit(maximumBatch: 512, gather: gather, afterBatch: { _ in batches.count.add(1, ordering: .relaxed) }))
    }

    final class Batches: Sendable {
        let count = Atomic<Int>(0)
        var value: Int { count.load(ordering: .relaxed) }
    }

    final class Flag: Sendable {
        let value = Atomic<Bool>(false)
    }

    private static func insert(_ n: Int, on writer: DatabaseThread) async throws -> Int {
        try await writer.perform { db in
            _ = try db.run("INSERT INTO t (n) VALUES (?1)", [n])
            return n
        }
    }

    /// One held write keeps the thread busy while two queue up (so writes are concurrent), then
    /// eight more come 20 ms apart: with gathering they share a commit; without, each has its own.
    private static func staggeredWrites(gather: Duration) async throws -> (
        batches: Int, gatherings: Int, results: [Int], rows: Int
    ) {
        let folder = try TemporaryFolder()
        let batches = Batches()
        let writer = try Self.writer(in: folder, gather: gather, batches: batches)
        defer { writer.close() }
        let release = DispatchSemaphore(value: 0)
        let started = Flag()
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                try await writer.perform { db in
                    started.value.store(true, ordering: .releasing)
                    release.wait()
                    _ = try db.run("INSERT INTO t (n) VALUES (0)")
                    return 0
                }
            }
            while !started.value.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(1)) }
            for n in 1...2 { group.addTask { try await Self.insert(n, on: writer) } }
            while writer.queuedJobs < 2 { try await Task.sleep(for: .milliseconds(1)) }
            release.signal()  // the held write commits; 1 and 2 are taken together and gather
            for n in 3...10 {
                try await Task.sleep(for: .milliseconds(20))
                group.addTask { try await Self.insert(n, on: writer) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let rows = try await writer.perform { db in try db.first("SELECT count(*) FROM t") { Int($0.int64(0)) } ?? -1 }
        return (batches.value, writer.gatherings.load(ordering: .relaxed), results.sorted(), rows)
    }

    @Test func concurrentWritesShareACommit() async throws {
        let gathered = try await Self.staggeredWrites(gather: .seconds(2))
        #expect(gathered.results == Array(0...10))
        #expect(gathered.rows == 11)
        // The held write, then one batch for the ten (a slow scheduler may split it once or twice).
        #expect(gathered.batches <= 4, "batches: \(gathered.batches)")
        #expect(gathered.gatherings >= 1)
        let immediate = try await Self.staggeredWrites(gather: .zero)
        #expect(immediate.rows == 11)
        #expect(immediate.batches >= 7, "without gathering each spaced write commits alone: \(immediate.batches)")
        #expect(immediate.gatherings == 0)
    }

    @Test func aLoneWriteNeverWaits() async throws {
        let folder = try TemporaryFolder()
        let batches = Batches()
        let writer = try Self.writer(in: folder, gather: .seconds(5), batches: batches)
        defer { writer.close() }
        for n in 1...20 { #expect(try await Self.insert(n, on: writer) == n) }
        // Sequential writes, as from one agent or a test: none waits for company.
        #expect(writer.gatherings.load(ordering: .relaxed) == 0)
        _ = try await writer.perform { _ in 0 }  // the last insert's batch has been counted once this runs
        #expect(batches.value >= 20, "each sequential write is its own commit")
    }

    @Test func aFailingWriteInAGatheredBatchFailsAlone() async throws {
        let folder = try TemporaryFolder()
        let batches = Batches()
        let writer = try Self.writer(in: folder, gather: .milliseconds(200), batches: batches)
        defer { writer.close() }
        struct Refused: Error {}
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for n in 1...6 {
                group.addTask {
                    do {
                        _ = try await writer.perform { db in
                            _ = try db.run("INSERT INTO t (n) VALUES (?1)", [n])
                            if n == 4 { throw Refused() }
                            return n
                        }
                        return (n, true)
                    } catch {
                        return (n, false)
                    }
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(outcomes == [1: true, 2: true, 3: true, 4: false, 5: true, 6: true])
        let stored = try await writer.perform { db in try db.query("SELECT n FROM t ORDER BY n") { Int($0.int64(0)) } }
        #expect(stored == [1, 2, 3, 5, 6])
    }

    @Test func closingWhileGatheringCommitsWhatIsQueued() async throws {
        let folder = try TemporaryFolder()
        let batches = Batches()
        let writer = try Self.writer(in: folder, gather: .seconds(120), batches: batches)
        let start = ContinuousClock.now
        // A held write keeps the thread busy while two more queue, so the next batch gathers (120 s).
        let started = Flag()
        let release = DispatchSemaphore(value: 0)
        async let first = writer.perform { db in
            started.value.store(true, ordering: .releasing)
            release.wait()
            _ = try db.run("INSERT INTO t (n) VALUES (1)")
            return 1
        }
        while !started.value.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(1)) }
        async let second = Self.insert(2, on: writer)
        async let third = Self.insert(3, on: writer)
        while writer.queuedJobs < 2 { try await Task.sleep(for: .milliseconds(1)) }
        release.signal()
        while writer.gatherings.load(ordering: .relaxed) == 0 { try await Task.sleep(for: .milliseconds(1)) }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {  // close blocks: keep it off the cooperative pool
                writer.close()
                done.resume()
            }
        }
        let values = try await [first, second, third]
        #expect(values == [1, 2, 3])
        // Generous for a loaded test run; without the close ending the wait this takes 120 s.
        #expect(ContinuousClock.now - start < .seconds(60), "close does not wait out the gathering")
        let connection = try SQLiteConnection(path: folder.file("gather.sqlite"), create: false)
        #expect(try connection.first("SELECT count(*) FROM t") { $0.int64(0) } == 3)
    }
}
