import Foundation
import SwitchboardCore
import Synchronization
import Testing
@testable import SwitchboardStore

/// A webhook's DM in two steps: the inbox row is committed (and the webhook answered) first, the
/// step runs after; what waits survives a restart, and nothing is processed twice.
@Suite struct ReceivedInboundTests {
    private static func count(_ sql: String, in store: SQLiteStore) async throws -> Int64 {
        try await store.read { db in try db.first(sql) { $0.int64(0) } ?? -1 }
    }

    @Test func receiveCommitsTheInboxRowOnlyAndRecognisesARedelivery() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        #expect(try await store.receive(inbound("evt-1")))
        #expect(try await store.receive(inbound("evt-1")) == false)
        #expect(try await Self.count("SELECT count(*) FROM inbox", in: store) == 1)
        #expect(try await Self.count("SELECT count(*) FROM conversations", in: store) == 0)
        #expect(try await Self.count("SELECT count(*) FROM outbox", in: store) == 0)
        #expect(try await store.waitingInboundCount() == 1)
    }

    @Test func processReceivedStepsOnceAndStopsTheRowWaiting() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        let steps = CountedStep()
        let step = steps.step
        _ = try await store.receive(inbound("evt-1", text: "where is my order"))
        let first = try await store.processReceived(inbound("evt-1", text: "where is my order"), step: step)
        let second = try await store.processReceived(inbound("evt-1", text: "where is my order"), step: step)
        guard case .processed(let processed) = first else {
            Issue.record("the received DM should be processed")
            return
        }
        #expect(second == .duplicate)
        #expect(steps.count == 1)
        #expect(processed.outbox.count == 1)
        let events = try await store.events(of: processed.conversation, after: 0, limit: 10)
        #expect(events.map(\.kind) == [.inbound, .outbound])
        #expect(events.first?.text == "where is my order")
        #expect(try await store.waitingInboundCount() == 0)
        // The text it kept while it waited is gone from the inbox (the events hold it).
        #expect(try await Self.count("SELECT count(*) FROM inbox WHERE text IS NULL AND detail IS NULL", in: store) == 1)
    }

    @Test func aDMThatWasNeverReceivedIsNotProcessed() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        let result = try await store.processReceived(inbound("never"), step: replying())
        #expect(result == .duplicate)
        #expect(try await Self.count("SELECT count(*) FROM conversations", in: store) == 0)
    }

    @Test func waitingDMsSurviveAReopenWithWhatTheirStepNeeds() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("db.sqlite")
        do {
            let store = try SQLiteStore(path: path)
            defer { store.close() }
            var first = inbound("evt-2", from: "ann", text: "second", minute: 1, followers: 42)
            first.detailJSON = #"{"channel":"x","quick_reply_metadata":"tok-1"}"#
            _ = try await store.receive(first)
            _ = try await store.receive(inbound("evt-1", from: "bob", text: "first", minute: 0))
            _ = try await store.receive(inbound("evt-3", from: "ann", text: "third", minute: 1))
            _ = try await store.processReceived(inbound("evt-3", from: "ann", text: "third", minute: 1), step: replying())
        }
        let store = try SQLiteStore(path: path)
        defer { store.close() }
        let waiting = try await store.waitingInbound(after: nil, limit: 10)
        #expect(waiting.map(\.eventID) == ["evt-1", "evt-2"])  // oldest first; evt-3 was processed
        #expect(waiting.last?.text == "second")
        #expect(waiting.last?.sender == CustomerProfile(name: "Customer ann", handle: "ann", followers: 42))
        #expect(waiting.last?.detailJSON == #"{"channel":"x","quick_reply_metadata":"tok-1"}"#)
        #expect(waiting.last?.key == key("ann"))
        #expect(waiting.last?.receivedAt == at(minutes: 1))
        // Paging on from the first one.
        let rest = try await store.waitingInbound(after: waiting.first, limit: 10)
        #expect(rest.map(\.eventID) == ["evt-2"])
    }

    @Test func anAbandonedDMStopsWaitingAndIsNotStepped() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        _ = try await store.receive(inbound("evt-1"))
        #expect(try await store.abandonReceived("evt-1"))
        #expect(try await store.abandonReceived("evt-1") == false)
        #expect(try await store.waitingInboundCount() == 0)
        #expect(try await store.processReceived(inbound("evt-1"), step: replying()) == .duplicate)
    }

    @Test func receiveRefusesWhatProcessRefuses() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        await #expect(throws: QueueError.self) { try await store.receive(inbound("")) }
        await #expect(throws: QueueError.self) {
            try await store.receive(inbound("big", text: String(repeating: "a", count: InboundRecord.maximumTextBytes + 1)))
        }
        #expect(try await Self.count("SELECT count(*) FROM inbox", in: store) == 0)
    }

    @Test func aFailingStepLeavesTheDMWaiting() async throws {
        struct StepBroke: Error {}
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        _ = try await store.receive(inbound("evt-1"))
        await #expect(throws: StepBroke.self) {
            try await store.processReceived(inbound("evt-1")) { _ in throw StepBroke() }
        }
        #expect(try await store.waitingInboundCount() == 1)
        #expect(try await Self.count("SELECT count(*) FROM conversations", in: store) == 0)
    }
}
