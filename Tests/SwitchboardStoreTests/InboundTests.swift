import Foundation
import SwitchboardCore
import Synchronization
import Testing
@testable import SwitchboardStore

@Suite struct InboundTests {
    @Test func redeliveredEventIsProcessedOnce() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        let steps = CountedStep()
        let step = steps.step
        let first = try await store.process(inbound("evt-1"), step: step)
        let second = try await store.process(inbound("evt-1"), step: step)
        guard case .processed(let processed) = first else {
            Issue.record("first delivery should be processed")
            return
        }
        #expect(processed.outbox.count == 1)
        #expect(second == .duplicate)
        #expect(steps.count == 1)
        let events = try await store.events(of: processed.conversation, after: 0, limit: 100)
        #expect(events.map(\.kind) == [.inbound, .outbound])
    }

    @Test func concurrentRedeliveriesOfOneEventCommitOnce() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        let results = try await withThrowingTaskGroup(of: ProcessResult.self) { group in
            for _ in 0..<20 { group.addTask { try await store.process(inbound("same"), step: replying()) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { $0 == .duplicate }.count == 19)
        let outbox = try await store.read { db in try db.first("SELECT count(*) FROM outbox") { $0.int64(0) } }
        #expect(outbox == 1)
    }

    @Test func failingStepLeavesNothingBehindAndCanBeRetried() async throws {
        struct EngineFailed: Error {}
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        await #expect(throws: EngineFailed.self) {
            try await store.process(inbound("evt-1")) { _ in throw EngineFailed() }
        }
        let counts = try await store.read { db in
            try ["inbox", "conversations", "events", "outbox", "tones", "contacts"].map { table in
                try db.first("SELECT count(*) FROM \(table)") { $0.int64(0) } ?? -1
            }
        }
        #expect(counts == [0, 0, 0, 0, 0, 0])
        let retried = try await store.process(inbound("evt-1"), step: replying())
        #expect(retried != .duplicate)
    }

    @Test func oneFailingMessageDoesNotSinkItsBatch() async throws {
        struct EngineFailed: Error {}
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<50 {
                group.addTask {
                    do {
                        _ = try await store.process(inbound("e\(index)", from: "c\(index)")) { context in
                            if index % 5 == 0 { throw EngineFailed() }
                            return replying()(context)
                        }
                        return true
                    } catch { return false }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 40)
        let inbox = try await store.read { db in try db.first("SELECT count(*) FROM inbox") { $0.int64(0) } }
        #expect(inbox == 40)
    }

    @Test func stepSeesThePreviousStateAndSlots() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        _ = try await store.process(inbound("e1", minute: 0), step: replying("one"))
        let seen = Mutex<ConversationSnapshot?>(nil)
        _ = try await store.process(inbound("e2", minute: 1)) { context in
            seen.withLock { $0 = context.conversation }
            return replying("two")(context)
        }
        let snapshot = try #require(seen.withLock { $0 })
        #expect(snapshot.state == Array("state-0".utf8))
        #expect(snapshot.slots == ["last": "one"])
        #expect(snapshot.owner == .bot)
        #expect(snapshot.lastInboundAt == at(minutes: 0))
        let stored = try #require(try await store.conversation(key("c1")))
        #expect(stored.slots == ["last": "two"])
        #expect(stored.version == 2)
    }

    @Test(arguments: [0, InboundRecord.maximumEventIDLength + 1])
    func eventIDOutsideLimitsIsRefused(length: Int) async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        await #expect(throws: QueueError.self) {
            try await store.process(inbound(String(repeating: "x", count: length)), step: replying())
        }
    }

    @Test func oversizedStepOutputIsRefusedAtomically() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        await #expect(throws: QueueError.self) {
            try await store.process(inbound("e1")) { _ in
                StepRecords(
                    state: [],
                    outbox: Array(
                        repeating: OutboundMessage(text: "x", payloadJSON: "{}"), count: SQLiteStore.maximumOutboxPerStep + 1))
            }
        }
        #expect(try await store.conversation(key("c1")) == nil)
    }

    @Test func closedStoreRefusesWork() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        store.close()
        await #expect(throws: StoreClosedError.self) { try await store.process(inbound("e1"), step: replying()) }
    }
}
