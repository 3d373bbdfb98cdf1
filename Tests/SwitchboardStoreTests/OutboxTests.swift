import SwitchboardCore
import Testing
@testable import SwitchboardStore

@Suite struct OutboxTests {
    @Test func aClaimLargerThanOneLeaseStatementLeasesEveryRowOnce() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        let count = SQLiteStore.leaseChunk * 2 + 7  // two full statements and a short one
        for index in 0..<count {
            _ = try await store.process(inbound("evt-\(index)", from: "c\(index)"), step: replying("hello"))
        }
        let claimed = try await store.claimDue(now: at(minutes: 0), limit: 500, leaseMilliseconds: 60_000)
        #expect(claimed.count == count)
        #expect(Set(claimed.map(\.id)).count == count)
        #expect(try await store.claimDue(now: at(minutes: 0), limit: 500, leaseMilliseconds: 60_000).isEmpty, "every row leased")
        let again = try await store.claimDue(now: at(minutes: 2), limit: 500, leaseMilliseconds: 60_000)
        #expect(again.count == count)
        #expect(again.allSatisfy { $0.attempts == 2 }, "each row's attempts counted once per claim")
    }

    @Test func claimedMessagesAreLeasedThenRetriedThenSent() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        _ = try await store.process(inbound("evt-9"), step: replying("hello"))
        let claimed = try await store.claimDue(now: at(minutes: 0), limit: 10, leaseMilliseconds: 60_000)
        #expect(claimed.count == 1)
        let message = try #require(claimed.first)
        #expect(message.deliveryID == "evt-9#0")
        #expect(message.recipient == "c1")
        #expect(message.account == "brand")
        #expect(message.attempts == 1)
        // Leased: not handed out again before the lease ends.
        #expect(try await store.claimDue(now: at(minutes: 0), limit: 10, leaseMilliseconds: 60_000).isEmpty)
        // A sender that died mid-send: the lease ends, the message is due again.
        #expect(try await store.claimDue(now: at(minutes: 2), limit: 10, leaseMilliseconds: 60_000).map(\.attempts) == [2])
        try await store.markRetry(message.id, error: "HTTP 503", nextAttemptAt: at(minutes: 10))
        #expect(try await store.claimDue(now: at(minutes: 5), limit: 10, leaseMilliseconds: 60_000).isEmpty)
        let again = try await store.claimDue(now: at(minutes: 10), limit: 10, leaseMilliseconds: 60_000)
        #expect(again.first?.lastError == "HTTP 503")
        try await store.markSent(message.id, at: at(minutes: 10))
        #expect(try await store.claimDue(now: at(minutes: 100), limit: 10, leaseMilliseconds: 0).isEmpty)
        await #expect(throws: OutboxError(id: message.id, status: "sent")) {
            try await store.markFailed(message.id, error: "late")
        }
    }

    @Test func postponedMessagesKeepTheirOrderGetTheirAttemptBackAndStayUnleased() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        for index in 0..<3 {
            _ = try await store.process(inbound("p\(index)", from: "c\(index)", minute: Int64(index)), step: replying())
        }
        let claimed = try await store.claimDue(now: at(minutes: 5), limit: 10, leaseMilliseconds: 60_000)
        #expect(claimed.map(\.attempts) == [1, 1, 1])
        // The last one was sent meanwhile: postponing leaves it as it is.
        try await store.markSent(claimed[2].id, at: at(minutes: 5))
        try await store.postpone(claimed.map(\.id), until: at(minutes: 30), reason: "not sent: x answered 429")
        #expect(try await store.unsettledDeliveries().isEmpty, "postponed rows are not in flight: nothing to settle after a crash")
        #expect(try await store.claimDue(now: Instant(milliseconds: at(minutes: 30).milliseconds - 1), limit: 10, leaseMilliseconds: 0).isEmpty)
        let due = try await store.claimDue(now: at(minutes: 31), limit: 10, leaseMilliseconds: 60_000)
        #expect(due.map(\.deliveryID) == ["p0#0", "p1#0"], "in their order, the sent one not again")
        #expect(due.map(\.attempts) == [1, 1], "a postponement is not an attempt")
        #expect(due.allSatisfy { $0.lastError == "not sent: x answered 429" })
    }

    @Test func aMessageQueuedWhileItsChannelIsPausedIsNotDueBeforeThePauseEnds() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        _ = try await store.process(inbound("n0", from: "c0", minute: 0)) { context in
            var records = replying("first")(context)
            records.outbox[0].notBefore = at(minutes: 20)
            return records
        }
        _ = try await store.process(inbound("n1", from: "c0", minute: 1), step: replying("second"))
        // Queued at minute 0 and 1; the first waits for the pause, the second (no pause) does not.
        #expect(try await store.claimDue(now: at(minutes: 5), limit: 10, leaseMilliseconds: 0).map(\.deliveryID) == ["n1#0"])
        #expect(Set(try await store.claimDue(now: at(minutes: 20), limit: 10, leaseMilliseconds: 0).map(\.deliveryID)) == ["n0#0", "n1#0"])
    }

    @Test func failedMessagesAreNotRetried() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        _ = try await store.process(inbound("e1"), step: replying())
        let message = try #require(try await store.claimDue(now: at(minutes: 0), limit: 1, leaseMilliseconds: 0).first)
        try await store.markFailed(message.id, error: "HTTP 403: you cannot send messages to this user")
        #expect(try await store.claimDue(now: at(minutes: 60), limit: 10, leaseMilliseconds: 0).isEmpty)
        await #expect(throws: OutboxError(id: OutboxMessageID(999), status: nil)) {
            try await store.markSent(OutboxMessageID(999), at: at(minutes: 1))
        }
    }

    @Test func claimIsOldestFirstAndBounded() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        for index in 0..<5 {
            _ = try await store.process(inbound("e\(index)", from: "c\(index)", minute: Int64(index)), step: replying())
        }
        let claimed = try await store.claimDue(now: at(minutes: 10), limit: 3, leaseMilliseconds: 1000)
        #expect(claimed.map(\.deliveryID) == ["e0#0", "e1#0", "e2#0"])
    }

    @Test func manyMessagesAreMarkedSentInOneWriteAndTheOddOnesAreReported() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        defer { store.close() }
        for index in 0..<4 {
            _ = try await store.process(inbound("e\(index)", from: "c\(index)", minute: Int64(index)), step: replying())
        }
        let claimed = try await store.claimDue(now: at(minutes: 10), limit: 10, leaseMilliseconds: 0)
        #expect(claimed.count == 4)
        try await store.markFailed(claimed[3].id, error: "HTTP 403")
        let refused = try await store.markSent(claimed.map(\.id) + [OutboxMessageID(999)], at: at(minutes: 11))
        #expect(refused == [OutboxError(id: claimed[3].id, status: "failed"), OutboxError(id: OutboxMessageID(999), status: nil)])
        #expect(try await store.claimDue(now: at(minutes: 100), limit: 10, leaseMilliseconds: 0).isEmpty)
        #expect(try await store.markSent([], at: at(minutes: 12)).isEmpty)
    }
}
