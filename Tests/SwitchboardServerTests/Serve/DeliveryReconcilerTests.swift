import Foundation
import SwitchboardCore
import SwitchboardStore
import Testing

@testable import SwitchboardServer

/// After a crash mid-send, what X already has is marked sent; the rest is sent again.
@Suite struct DeliveryReconcilerTests {
    @Test func interruptedSendsThatReachedXAreNotSentAgain() async throws {
        try await withStoreAndFakeX { store, fakeX, x, now in
            let key = ConversationKey(account: "1000", customer: "2000")
            _ = try await store.process(
                InboundRecord(eventID: "e1", key: key, text: "hi", receivedAt: Instant(milliseconds: now))
            ) { _ in
                StepRecords(
                    state: [],
                    outbox: ["reached X", "never sent"].map { text in
                        OutboundMessage(
                            text: text, payloadJSON: OutboxPayload(text: text).json(), deliveryID: "e1-\(text)")
                    })
            }
            // A sender leases both rows, gets the first to X, and dies.
            let leased = try await store.claimDue(
                now: Instant(milliseconds: now), limit: 10, leaseMilliseconds: 60_000)
            #expect(leased.count == 2)
            #expect(await x.deliver(leased[0], payload: OutboxPayload(text: "reached X")) == .delivered)
            #expect(try await store.unsettledDeliveries().count == 2)

            try await DeliveryReconciler(
                store: store, x: x, logger: Logger(minimumLevel: .error, sink: { _ in }), clock: { now }
            ).settle()

            #expect(try await store.unsettledDeliveries().isEmpty)
            let due = try await store.claimDue(
                now: Instant(milliseconds: now), limit: 10, leaseMilliseconds: 60_000)
            #expect(due.map(\.deliveryID) == ["e1-never sent"])
            #expect(fakeX.received.map(\.text) == ["reached X"])
        }
    }

    @Test func moreInterruptedSendsThanOnePageOfXsListAreAllFound() async throws {
        try await withStoreAndFakeX { store, fakeX, x, now in
            let count = 130  // two sender rounds in flight, and more than X's page of 50
            for index in 0..<count {
                let key = ConversationKey(account: "1000", customer: CustomerID("\(2000 + index)"))
                _ = try await store.process(
                    InboundRecord(
                        eventID: "e\(index)", key: key, text: "hi", receivedAt: Instant(milliseconds: now))
                ) { _ in
                    StepRecords(
                        state: [],
                        outbox: [
                            OutboundMessage(
                                text: "reply \(index)", payloadJSON: OutboxPayload(text: "reply \(index)").json(),
                                deliveryID: "e\(index)#0")
                        ])
                }
            }
            let leased = try await store.claimDue(
                now: Instant(milliseconds: now), limit: 500, leaseMilliseconds: 60_000)
            #expect(leased.count == count)
            // Every one reached X; the process died before any was marked sent.
            for entry in leased {
                let payload = try OutboxPayload.decode(entry.payloadJSON)
                #expect(await x.deliver(entry, payload: payload) == .delivered)
            }

            try await DeliveryReconciler(
                store: store, x: x, logger: Logger(minimumLevel: .error, sink: { _ in }), clock: { now }
            ).settle()

            #expect(try await store.unsettledDeliveries().isEmpty)
            #expect(
                try await store.claimDue(
                    now: Instant(milliseconds: now), limit: 500, leaseMilliseconds: 60_000
                ).isEmpty)
            #expect(fakeX.received.count == count, "none sent twice")
        }
    }

    /// A fresh store, a fake X on loopback and an X channel pointed at it, for `body`.
    func withStoreAndFakeX(
        _ body: (SQLiteStore, FakeXAPI, XChannel, Int64) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "reconcile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("db.sqlite").path)
        defer { store.close() }
        let fakeX = FakeXAPI()
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), responder: fakeX)
        let port = try server.start()
        defer { Task { await server.shutdown() } }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let delivery = Delivery(
            transport: URLSessionTransport(), policy: XRetryPolicy(), clock: { now })
        let x = XChannel(
            credentials: XCredentials(
                consumerKey: "k", consumerSecret: "s", accessToken: "t", accessTokenSecret: "ts"),
            apiBase: "http://127.0.0.1:\(port)", delivery: delivery)
        try await body(store, fakeX, x, now)
    }
}
