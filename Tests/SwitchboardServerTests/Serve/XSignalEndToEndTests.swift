import Foundation
import SwitchboardCore
import SwitchboardServer
import SwitchboardStore
import Testing

/// Typing indicators and mark-read through the whole system: signed webhook or agent API →
/// signal sender → the fake X API, which records them apart from DMs.
@Suite(.serialized) struct XSignalEndToEndTests {
    static let customer = "2000000000000000002"
    static let credentials = XCredentials(
        consumerKey: "key", consumerSecret: ServeHarness.consumerSecret, accessToken: "token", accessTokenSecret: "token-secret")

    /// Waits (bounded) until `condition` holds; returns whether it did.
    static func eventually(_ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return condition()
    }

    static func markReads(_ harness: ServeHarness) -> [[String: String]] {
        harness.fakeX.signals.filter { $0.kind == .markRead }.map(\.form)
    }

    /// Registers alice on `general`, online, and returns her headers and the first escalation she got.
    static func alice(_ harness: ServeHarness) async throws -> (HTTPHeaders, Int) {
        try await harness.app.store.register(
            AgentRegistration(id: "alice", name: "alice", queues: ["general"], capacity: 3, token: "sbt_alice"),
            now: Instant(milliseconds: 1))
        let auth: HTTPHeaders = ["authorization": "Bearer sbt_alice", "content-type": "application/json"]
        let online = try await harness.request(
            .post, "/api/v1/me/availability", body: Array(#"{"availability":"online"}"#.utf8), headers: auth)
        #expect(online.status == 200)
        let list = try await harness.request(.get, "/api/v1/escalations", headers: auth)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.body)) as? [[String: Any]])
        return (auth, try #require(rows.first?["id"] as? Int))
    }

    @Test func withMarkReadOnAnAnsweredDMIsMarkedReadOnceWithItsEventAndCustomer() async throws {
        try await ServeHarness.run(configure: { $0.xMarkRead = true }) { (harness: ServeHarness) async throws in
            #expect(try await harness.dm("hi", from: Self.customer, id: "1100000000000000003").status == 200)
            #expect(await harness.waitForDMs(1).count == 1)
            let signal = try #require(await harness.waitForSignals(1).first)
            #expect(signal.kind == .markRead)
            #expect(signal.form == ["last_read_event_id": "1100000000000000003", "recipient_id": Self.customer])
            #expect(signal.contentType == "application/x-www-form-urlencoded")
            #expect(
                OAuthHeaderCheck.verifies(
                    signal.authorization, url: harness.app.configuration.xAPIBase + XSignal.Kind.markRead.path,
                    form: signal.form, credentials: Self.credentials))
            #expect(
                await Self.eventually {
                    harness.app.metrics.counter(
                        XSignalSender.metricName, labels: ["kind": "mark_read", "result": "sent"]) == 1
                })
            let metrics = String(decoding: try await harness.request(.get, "/metrics").body, as: UTF8.self)
            #expect(metrics.contains(#"switchboard_x_signals_total{kind="mark_read",result="sent"} 1"#))
            #expect(metrics.contains("# TYPE switchboard_x_signals_total counter"))
            try await Task.sleep(for: .milliseconds(200))
            #expect(harness.fakeX.signals.count == 1)
            #expect(harness.fakeX.received.count == 1, "signals are not replies")
            #expect(harness.fakeX.requestCount == 1)
        }
    }

    @Test func withMarkReadOffByDefaultNothingIsMarkedRead() async throws {
        try await ServeHarness.run { (harness: ServeHarness) async throws in
            #expect(harness.app.configuration.xMarkRead == false)
            #expect(try await harness.dm("hi", from: Self.customer, id: "1100000000000000004").status == 200)
            #expect(await harness.waitForDMs(1).count == 1)
            try await Task.sleep(for: .milliseconds(300))
            #expect(harness.fakeX.signals.isEmpty)
        }
    }

    @Test func agentsTypingAndReplyReachXAndSilentDMsStayUnreadUntilTheReply() async throws {
        try await ServeHarness.run(configure: { $0.xMarkRead = true }) { (harness: ServeHarness) async throws in
            #expect(try await harness.dm("hi", from: Self.customer, id: "1100000000000000001").status == 200)
            #expect(try await harness.dm("agent", from: Self.customer, id: "1100000000000000002").status == 200)
            #expect(await harness.waitForDMs(2).count == 2)
            #expect(await Self.eventually { Self.markReads(harness).last?["last_read_event_id"] == "1100000000000000002" })
            // A person owns it now: the bot is silent, and "Seen" would say the customer was read and ignored.
            #expect(try await harness.dm("hello??", from: Self.customer, id: "1100000000000000003").status == 200)
            try await Task.sleep(for: .milliseconds(300))
            #expect(!Self.markReads(harness).contains { $0["last_read_event_id"] == "1100000000000000003" })

            let (auth, escalation) = try await Self.alice(harness)
            let typing = try await harness.request(.post, "/api/v1/escalations/\(escalation)/typing", headers: auth)
            #expect(typing.status == 202)
            #expect(harness.json(typing)["typing"] as? String == "queued")
            #expect(await Self.eventually { harness.fakeX.signals.contains { $0.kind == .typing } })
            let sent = try #require(harness.fakeX.signals.first { $0.kind == .typing })
            #expect(sent.form == ["recipient_id": Self.customer])
            #expect(
                OAuthHeaderCheck.verifies(
                    sent.authorization, url: harness.app.configuration.xAPIBase + XSignal.Kind.typing.path, form: sent.form,
                    credentials: Self.credentials))
            // Again within 3 s: the indicator is still on; nothing more is sent.
            let again = try await harness.request(.post, "/api/v1/escalations/\(escalation)/typing", headers: auth)
            #expect(again.status == 202)
            #expect(harness.json(again)["typing"] as? String == "coalesced")

            let reply = try await harness.request(
                .post, "/api/v1/escalations/\(escalation)/reply", body: Array(#"{"text":"Hi, Alice here."}"#.utf8), headers: auth)
            #expect(reply.status == 200)
            #expect(await Self.eventually { Self.markReads(harness).last?["last_read_event_id"] == "1100000000000000003" })
            #expect(Self.markReads(harness).last?["recipient_id"] == Self.customer)
            #expect(await harness.waitForDMs(3).count == 3)
            #expect(harness.fakeX.signals.filter { $0.kind == .typing }.count == 1)
        }
    }

    @Test func typingIsRefusedOutsideTheAgentsQueuesForUnknownEscalationsAndOffX() async throws {
        try await ServeHarness.run { (harness: ServeHarness) async throws in
            #expect(try await harness.dm("hi", from: Self.customer, id: "t1").status == 200)
            #expect(try await harness.dm("agent", from: Self.customer, id: "t2").status == 200)
            let (alice, escalation) = try await Self.alice(harness)
            try await harness.app.store.register(
                AgentRegistration(id: "bob", name: "bob", queues: ["billing"], capacity: 2, token: "sbt_bob"),
                now: Instant(milliseconds: 1))
            let bob: HTTPHeaders = ["authorization": "Bearer sbt_bob"]
            #expect(try await harness.request(.post, "/api/v1/escalations/\(escalation)/typing").status == 401)
            let forbidden = try await harness.request(.post, "/api/v1/escalations/\(escalation)/typing", headers: bob)
            #expect(forbidden.status == 403)
            #expect((harness.json(forbidden)["error"] as? [String: Any])?["code"] as? String == "forbidden")
            let unknown = try await harness.request(.post, "/api/v1/escalations/999/typing", headers: alice)
            #expect(unknown.status == 404)

            // A generic-channel escalation has no typing indicator.
            for (index, text) in ["hi", "agent"].enumerated() {
                let body = Array(#"{"customer_id":"web-1","text":"\#(text)","event_id":"g\#(index)"}"#.utf8)
                #expect(try await harness.request(.post, "/api/v1/inbound", body: body).status == 200)
            }
            let list = try await harness.request(.get, "/api/v1/escalations", headers: alice)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.body)) as? [[String: Any]])
            let generic = try #require(rows.compactMap { $0["id"] as? Int }.first { $0 != escalation })
            let notX = try await harness.request(.post, "/api/v1/escalations/\(generic)/typing", headers: alice)
            #expect(notX.status == 409)
            let error = try #require(harness.json(notX)["error"] as? [String: Any])
            #expect(error["code"] as? String == "not_x")
            #expect((error["message"] as? String)?.contains("only on X") == true)
            try await Task.sleep(for: .milliseconds(200))
            #expect(harness.fakeX.signals.isEmpty)
        }
    }

    @Test func typingIsAConflictWhenTheXChannelIsOff() async throws {
        try await ServeHarness.run(configure: { $0.x = nil }) { (harness: ServeHarness) async throws in
            // With X off the webhook is closed; the conversation comes in through the pipeline itself.
            let pipeline = InboundPipeline(
                store: harness.app.store, bots: harness.app.bots, metrics: Metrics(),
                logger: Logger(minimumLevel: .error, sink: { _ in }), outboxReady: {})
            for (index, text) in ["hi", "agent"].enumerated() {
                _ = try await pipeline.handle(
                    ChannelMessage(
                        channel: .x, eventID: "off-\(index)",
                        key: ConversationKey(account: AccountID(ServeHarness.brandID), customer: CustomerID(Self.customer)),
                        text: text, receivedAt: Instant(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))))
            }
            let (alice, escalation) = try await Self.alice(harness)
            let off = try await harness.request(.post, "/api/v1/escalations/\(escalation)/typing", headers: alice)
            #expect(off.status == 409)
            #expect((harness.json(off)["error"] as? [String: Any])?["code"] as? String == "x_channel_off")
        }
    }
}
