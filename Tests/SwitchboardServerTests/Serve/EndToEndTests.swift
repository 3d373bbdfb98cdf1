import Foundation
import SwitchboardCore
import SwitchboardServer
import SwitchboardStore
import Testing

/// A signed X conversation through the whole system: webhook → store → engine → outbox → fake X,
/// a hand-off, an agent reply through the API, a resolve and the rating.
@Suite(.serialized) struct EndToEndTests {
    @Test func signedConversationWithQuickRepliesHandOffAgentReplyAndResolve() async throws {
        try await ServeHarness.run { (harness: ServeHarness) async throws in

            // CRC check.
            let crc = try await harness.request(.get, "/webhooks/x?crc_token=FAKE_CRC_TOKEN_123")
            #expect(crc.status == 200)
            #expect(String(decoding: crc.body, as: UTF8.self).contains("sha256=O2bmKskLX56+d6Pdkc8TPGeaXN4ViqrIwZCYoXLTKTI="))

            // First DM: the welcome menu with quick replies arrives at X, signed with OAuth.
            #expect(try await harness.dm("hi", id: "e1").status == 200)
            let welcome = try #require(await harness.waitForDMs(1).first)
            #expect(welcome.recipientID == "2000000000000000002")
            #expect(welcome.quickReplyLabels.first == "Billing")
            #expect(welcome.authorization?.hasPrefix("OAuth ") == true)
            #expect(welcome.authorization?.contains("oauth_signature=") == true)

            // Tap "Billing" with the metadata we wrote, then ask in free text: the classifier answers.
            let billing = try #require(welcome.quickReplyLabels.firstIndex(of: "Billing"))
            #expect(try await harness.dm("Billing", id: "e2a", metadata: welcome.quickReplyMetadata[billing]).status == 200)
            #expect(await harness.waitForDMs(2).last?.quickReplyLabels.first == "Explain my bill")
            #expect(try await harness.dm("why is my bill so high this month", id: "e2b").status == 200)
            #expect(await harness.waitForDMs(3).last?.text.hasPrefix("Your bill has three parts") == true)

            // Ask for a person: hand-off, and the customer is told what happens next.
            #expect(try await harness.dm("agent", id: "e2").status == 200)
            let handOff = await harness.waitForDMs(4)
            #expect(handOff.last?.text.contains("connecting you with a person") == true)
            #expect(handOff.last?.text.contains("You can expect a reply by") == true)

            // While the person owns it, the bot is silent.
            #expect(try await harness.dm("hello??", id: "e3").status == 200)

            // The queue's gauges, read from the store at scrape time.
            let scrape = String(decoding: try await harness.request(.get, "/metrics").body, as: UTF8.self)
            #expect(scrape.contains(#"switchboard_queue_depth{queue="general",status="waiting"} 1"#), "\(scrape)")
            #expect(scrape.contains("\nswitchboard_sla_breached 0\n"))
            #expect(scrape.contains("\nswitchboard_outbox_failed 0\n"))

            // An agent signs in, goes online (gets the escalation), replies and resolves.
            let token = "sbt_test_token"
            try await harness.app.store.register(
                AgentRegistration(id: "alice", name: "alice", queues: ["general"], capacity: 2, token: token),
                now: Instant(milliseconds: 1))
            let auth: HTTPHeaders = ["authorization": "Bearer \(token)", "content-type": "application/json"]
            let online = try await harness.request(
                .post, "/api/v1/me/availability", body: Array(#"{"availability":"online"}"#.utf8), headers: auth)
            #expect(online.status == 200)
            let list = try await harness.request(.get, "/api/v1/escalations", headers: auth)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.body)) as? [[String: Any]])
            let escalation = try #require(rows.first?["id"] as? Int)
            #expect(rows.first?["agent"] as? String == "alice")
            let detail = try await harness.request(.get, "/api/v1/escalations/\(escalation)", headers: auth)
            let transcript = String(decoding: detail.body, as: UTF8.self)
            #expect(transcript.contains("hello??"))
            #expect(transcript.contains("classifier: confident bill_explain"))
            let reply = try await harness.request(
                .post, "/api/v1/escalations/\(escalation)/reply", body: Array(#"{"text":"Hi, Alice here."}"#.utf8),
                headers: auth)
            #expect(reply.status == 200)
            let afterReply = await harness.waitForDMs(5)
            #expect(afterReply.count == 5, "the bot must not have answered 'hello??'")
            #expect(afterReply.last?.text == "Hi, Alice here.")
            let resolve = try await harness.request(.post, "/api/v1/escalations/\(escalation)/resolve", headers: auth)
            #expect(resolve.status == 200)
            let rating = await harness.waitForDMs(6)
            #expect(rating.last?.quickReplyLabels.count == 5)

            // The customer rates; then the bot is back.
            #expect(try await harness.dm("★★★★", id: "e4").status == 200)
            let thanks = await harness.waitForDMs(7)
            #expect(thanks.last?.text == "Thank you for rating us!")
            // Writing again soon after the resolution reopens the escalation: the person, not the bot, answers.
            #expect(try await harness.dm("one more thing", id: "e5").status == 200)
            let reopened = try await harness.request(.get, "/api/v1/escalations/\(escalation)", headers: auth)
            let status = (harness.json(reopened)["escalation"] as? [String: Any])?["status"] as? String
            #expect(status == "assigned" || status == "waiting")
            try await Task.sleep(for: .milliseconds(200))
            #expect(harness.fakeX.received.count == 7)
        }
    }

    @Test func forgedUnsignedAndOversizedWebhooksAreRejectedAndNothingIsStored() async throws {
        try await ServeHarness.run(configure: { $0.maximumBodyBytes = 4_096 }) { (harness: ServeHarness) async throws in
            let (body, _) = XWebhookFixture.dm(
                consumerSecret: ServeHarness.consumerSecret, brandID: ServeHarness.brandID, customerID: "7", eventID: "f1",
                text: "hi")
            let forged = try await harness.request(
                .post, "/webhooks/x", body: body,
                headers: ["x-twitter-webhooks-signature": "sha256=6UQfEpfpm2YcXXLwsLzds62RSpJ2kb5D1Dro/U/bifA="])
            #expect(forged.status == 401)
            #expect(harness.json(forged)["error"] != nil)
            let unsigned = try await harness.request(.post, "/webhooks/x", body: body)
            #expect(unsigned.status == 401)
            let (big, bigSignature) = XWebhookFixture.dm(
                consumerSecret: ServeHarness.consumerSecret, brandID: ServeHarness.brandID, customerID: "7", eventID: "f2",
                text: String(repeating: "x", count: 8_000))
            let oversized = try await harness.request(
                .post, "/webhooks/x", body: big, headers: ["x-twitter-webhooks-signature": bigSignature])
            #expect(oversized.status == 413)
            let garbage = Array("{not json".utf8)
            let malformed = try await harness.request(
                .post, "/webhooks/x", body: garbage,
                headers: ["x-twitter-webhooks-signature": XWebhookSignatureVerifier(consumerSecret: ServeHarness.consumerSecret).signature(for: garbage)])
            #expect(malformed.status == 400)
            let key = ConversationKey(account: AccountID(ServeHarness.brandID), customer: "7")
            #expect(try await harness.app.store.conversation(key) == nil)
            #expect(harness.fakeX.received.isEmpty)
        }
    }

    @Test func routesAnswerByPathAndMethod() async throws {
        try await ServeHarness.run { harness in
            for (index, path) in ["/webhooks/x", "/webhooks/x/", "/webhooks/x?from=proxy"].enumerated() {
                let (body, signature) = XWebhookFixture.dm(
                    consumerSecret: ServeHarness.consumerSecret, brandID: ServeHarness.brandID,
                    customerID: "20000000000000000\(10 + index)", eventID: "route-\(index)", text: "hi",
                    quickReplyMetadata: nil)
                let response = try await harness.request(
                    .post, path, body: body, headers: ["x-twitter-webhooks-signature": signature])
                #expect(response.status == 200, "POST \(path)")
            }
            #expect(await harness.waitForDMs(3).count == 3, "each one a DM with its welcome")
            let put = try await harness.request(.put, "/webhooks/x")
            #expect(put.status == 405)
            #expect(String(decoding: put.body, as: UTF8.self).contains(#""method_not_allowed""#))
            #expect(try await harness.request(.get, "/nowhere").status == 404)
            #expect(try await harness.request(.get, "/healthz").status == 200)
        }
    }

    @Test func replayedWebhookIsAnsweredButProcessedOnce() async throws {
        try await ServeHarness.run { (harness: ServeHarness) async throws in
            for _ in 0..<3 { #expect(try await harness.dm("hi", from: "55", id: "same-event").status == 200) }
            _ = await harness.waitForDMs(1)
            try await Task.sleep(for: .milliseconds(300))
            #expect(harness.fakeX.received.count == 1)
            let metrics = String(decoding: try await harness.request(.get, "/metrics").body, as: UTF8.self)
            #expect(metrics.contains("switchboard_dms_duplicate_total{channel=\"x\"} 2"))
            #expect(metrics.contains("switchboard_webhook_seconds_count"))
        }
    }

    @Test func rateLimitedAndFailingSendsAreRetriedUntilDelivered() async throws {
        try await ServeHarness.run { (harness: ServeHarness) async throws in
            harness.fakeX.failNext(with: [503, 500])
            #expect(try await harness.dm("hi", from: "66", id: "r1").status == 200)
            let delivered = await harness.waitForDMs(1, timeout: .seconds(15))
            #expect(delivered.count == 1)
            #expect(harness.fakeX.requestCount == 3)
        }
    }

    @Test func permanentFailureIsKeptWithItsReasonAndCounted() async throws {
        try await ServeHarness.run { (harness: ServeHarness) async throws in
            harness.fakeX.failNext(with: [403])
            #expect(try await harness.dm("hi", from: "77", id: "p1").status == 200)
            let deadline = ContinuousClock.now + .seconds(10)
            var metrics = ""
            while ContinuousClock.now < deadline {
                metrics = String(decoding: try await harness.request(.get, "/metrics").body, as: UTF8.self)
                if metrics.contains("switchboard_outbox_failed 1") { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(metrics.contains("switchboard_replies_failed_total{channel=\"x\"} 1"))
            #expect(metrics.contains("switchboard_outbox_failed 1"))
            // The transcript an agent reads says the customer never got it, and why.
            let conversation = try #require(
                try await harness.app.store.conversation(ConversationKey(account: AccountID(ServeHarness.brandID), customer: "77")))
            let events = try await harness.app.store.events(of: conversation.id, after: 0, limit: 50)
            #expect(events.contains { $0.text.hasPrefix("not delivered: HTTP 403") })
        }
    }

    @Test func agentAPIRequiresATokenAndStaysInsideTheAgentsQueues() async throws {
        try await ServeHarness.run { (harness: ServeHarness) async throws in
            #expect(try await harness.dm("hi", from: "88", id: "a1").status == 200)
            #expect(try await harness.dm("agent", from: "88", id: "a2").status == 200)
            try await harness.app.store.register(
                AgentRegistration(id: "bob", name: "bob", queues: ["billing"], capacity: 2, token: "sbt_bob"),
                now: Instant(milliseconds: 1))
            #expect(try await harness.request(.get, "/api/v1/escalations").status == 401)
            #expect(
                try await harness.request(.get, "/api/v1/escalations", headers: ["authorization": "Bearer nope"]).status == 401)
            let bob: HTTPHeaders = ["authorization": "Bearer sbt_bob"]
            #expect(try await harness.request(.get, "/api/v1/escalations/1", headers: bob).status == 403)
            #expect(try await harness.request(.post, "/api/v1/escalations/1/claim", headers: bob).status == 403)
            #expect(try await harness.request(.get, "/api/v1/escalations/999", headers: bob).status == 404)
            let unknown = try await harness.request(.post, "/api/v1/escalations/1/fly", headers: bob)
            #expect(unknown.status == 403 || unknown.status == 404)
        }
    }

    @Test func genericChannelRequiresAValidSignatureWhenASecretIsSet() async throws {
        try await ServeHarness.run(configure: { $0.genericWebhookSecret = "s3cret" }) { (harness: ServeHarness) async throws in
            let body = Array(#"{"customer_id":"9","text":"hi","event_id":"g1"}"#.utf8)
            #expect(try await harness.request(.post, "/api/v1/inbound", body: body).status == 401)
            let timestamp = String(Int(Date().timeIntervalSince1970))
            var signed: HTTPHeaders = ["x-switchboard-timestamp": timestamp]
            signed.add(name: "x-switchboard-signature", value: "sha256=" + GenericSignature.sign(secret: "s3cret", timestamp: timestamp, body: body))
            let accepted = try await harness.request(.post, "/api/v1/inbound", body: body, headers: signed)
            #expect(accepted.status == 200)
            let replies = try #require(harness.json(accepted)["replies"] as? [[String: Any]])
            #expect((replies.first?["text"] as? String)?.contains("Acme") == true)
            var stale: HTTPHeaders = ["x-switchboard-timestamp": "1000"]
            stale.add(name: "x-switchboard-signature", value: "sha256=" + GenericSignature.sign(secret: "s3cret", timestamp: "1000", body: body))
            #expect(try await harness.request(.post, "/api/v1/inbound", body: body, headers: stale).status == 401)
        }
    }

    @Test func aRetriedMessageIsNotOvertakenByTheNextOneToTheSameCustomer() async throws {
        try await ServeHarness.run { (harness: ServeHarness) async throws in
            #expect(try await harness.dm("hi", from: "99", id: "o1").status == 200)
            let welcome = try #require(await harness.waitForDMs(1).first)
            let billing = try #require(welcome.quickReplyLabels.firstIndex(of: "Billing"))
            let outage = try #require(welcome.quickReplyLabels.firstIndex(of: "Report an outage"))
            #expect(try await harness.dm("Billing", from: "99", id: "o2", metadata: welcome.quickReplyMetadata[billing]).status == 200)
            _ = await harness.waitForDMs(2)
            // A stale tap gets two messages (a notice, then the current menu); the first send fails once.
            harness.fakeX.failNext(with: [503])
            #expect(
                try await harness.dm("Report an outage", from: "99", id: "o3", metadata: welcome.quickReplyMetadata[outage])
                    .status == 200)
            let all = await harness.waitForDMs(4, timeout: .seconds(15))
            #expect(all.count == 4)
            #expect(all.count == 4 && all[2].text.contains("earlier message"))
            #expect(all.count == 4 && all[3].quickReplyLabels.first == "Explain my bill")
        }
    }
}
