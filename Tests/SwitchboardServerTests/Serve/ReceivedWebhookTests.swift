import Foundation
import SwitchboardCore
import SwitchboardServer
import SwitchboardStore
import Testing

/// The webhook answers 200 once its DMs' inbox rows are committed; their steps run after it, in
/// order, and a DM acknowledged just before a crash is answered at the next start, once.
@Suite(.serialized) struct ReceivedWebhookTests {
    static let customer = "2000000000000000002"

    @Test func aDMAcknowledgedBeforeACrashIsAnsweredOnceAtTheNextStart() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-received-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        // What a crash right after the 200 leaves behind: the inbox row, and no step.
        let store = try SQLiteStore(path: Application.databasePath(in: data.path))
        let key = ConversationKey(account: AccountID(ServeHarness.brandID), customer: CustomerID(Self.customer))
        #expect(
            try await store.receive(
                InboundRecord(eventID: "before-crash", key: key, text: "hi", receivedAt: Instant(milliseconds: 1_000))))
        store.close()

        try await ServeHarness.run(configure: { $0.dataDirectory = data.path }) { harness in
            let welcome = await harness.waitForDMs(1)
            #expect(welcome.first?.recipientID == Self.customer)
            #expect(welcome.first?.quickReplyLabels.first == "Billing", "the welcome menu answers the waiting 'hi'")
            #expect(try await harness.app.store.waitingInboundCount() == 0)
            // X redelivers the event it may not have seen answered: recognised, not answered again.
            #expect(try await harness.dm("hi", id: "before-crash").status == 200)
            try await Task.sleep(for: .milliseconds(200))
            #expect(harness.fakeX.received.count == 1)
        }
        // A second start finds nothing waiting and sends nothing.
        try await ServeHarness.run(configure: { $0.dataDirectory = data.path }) { harness in
            try await Task.sleep(for: .milliseconds(300))
            #expect(harness.fakeX.received.isEmpty)
        }
    }

    @Test func oneCustomersDMsAreSteppedInTheOrderTheyWereAcknowledged() async throws {
        try await ServeHarness.run { harness in
            let texts = (1...12).map { "message number \($0)" }
            // Back to back, each sent as soon as the last one's 200 came: none waits for a step.
            for (index, text) in texts.enumerated() {
                #expect(try await harness.dm(text, id: "order-\(index)", settle: false).status == 200)
            }
            try await harness.settled()
            let key = ConversationKey(account: AccountID(ServeHarness.brandID), customer: CustomerID(Self.customer))
            let conversation = try #require(try await harness.app.store.conversation(key))
            let events = try await harness.app.store.events(of: conversation.id, after: 0, limit: 500)
            let customerTexts = events.filter { $0.kind == .inbound }.map(\.text)
            #expect(customerTexts == texts)
        }
    }
}
