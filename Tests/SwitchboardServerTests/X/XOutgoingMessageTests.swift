import Foundation
import SwitchboardCore
import SwitchboardServer
import Testing

@Suite struct XOutgoingMessageTests {
    static let welcome = XOutgoingMessage(
        recipientID: "2000000000000000002", text: "Hi Jane! I'm Acme's assistant. What can I help with?",
        quickReplies: [
            .init(label: "Billing", description: "Charges, refunds, statements", metadata: "opaque"),
            .init(label: "Report an outage", description: "No signal or slow data", metadata: "opaque"),
            .init(label: "Talk to a person", description: "An agent replies within 1 hour", metadata: "opaque"),
        ])

    @Test func bodyMatchesTheOutboundFixtureShape() throws {
        let encoded = try JSONSerialization.jsonObject(with: Data(try Self.welcome.jsonBody())) as? NSDictionary
        let fixture = try JSONSerialization.jsonObject(with: Data(try Fixtures.bytes("outbound-event.json"))) as? NSDictionary
        #expect(encoded != nil)
        #expect(encoded == fixture)
    }

    @Test func encodingIsDeterministic() throws {
        #expect(try Self.welcome.jsonBody() == Self.welcome.jsonBody())
    }

    @Test func plainMessageHasNoQuickReplyOrButtons() throws {
        let body = String(decoding: try XOutgoingMessage(recipientID: "5", text: "ok").jsonBody(), as: UTF8.self)
        #expect(body == #"{"event":{"message_create":{"message_data":{"text":"ok"},"target":{"recipient_id":"5"}},"type":"message_create"}}"#)
    }

    @Test func buttonsAreEncodedAsWebURLCallsToAction() throws {
        let message = XOutgoingMessage(recipientID: "5", text: "See", buttons: [.init(label: "Help Center", url: "https://example.com/help")])
        let body = String(decoding: try message.jsonBody(), as: UTF8.self)
        #expect(body.contains(#""ctas":[{"label":"Help Center","type":"web_url","url":"https://example.com/help"}]"#))
    }

    @Test func optionsWithoutDescriptionsOmitTheKey() throws {
        let message = XOutgoingMessage(recipientID: "5", text: "Pick", quickReplies: [.init(label: "A", metadata: "m")])
        let body = String(decoding: try message.jsonBody(), as: UTF8.self)
        #expect(body.contains(#""options":[{"label":"A","metadata":"m"}]"#))
    }

    @Test(arguments: [
        (XOutgoingMessage(recipientID: "@jane", text: "x"), XOutgoingMessageError.invalidRecipient("@jane")),
        (XOutgoingMessage(recipientID: "5", text: ""), .empty("text")),
        (XOutgoingMessage(recipientID: "5", text: String(repeating: "a", count: 10_001)), .tooLong("text", length: 10_001, limit: 10_000)),
        (
            XOutgoingMessage(recipientID: "5", text: "x", quickReplies: (0..<21).map { .init(label: "L\($0)", metadata: "m") }),
            .tooMany("quick reply options", count: 21, limit: 20)
        ),
        (
            XOutgoingMessage(recipientID: "5", text: "x", quickReplies: [.init(label: String(repeating: "l", count: 37), metadata: "m")]),
            .tooLong("quick reply 1 label", length: 37, limit: 36)
        ),
        (
            XOutgoingMessage(
                recipientID: "5", text: "x",
                quickReplies: [.init(label: "A", description: "d", metadata: "m"), .init(label: "B", metadata: "m")]),
            .descriptionsAllOrNone
        ),
        (
            XOutgoingMessage(
                recipientID: "5", text: "x", quickReplies: [.init(label: "A", description: String(repeating: "d", count: 73), metadata: "m")]),
            .tooLong("quick reply 1 description", length: 73, limit: 72)
        ),
        (
            XOutgoingMessage(recipientID: "5", text: "x", quickReplies: [.init(label: "A", metadata: String(repeating: "m", count: 1001))]),
            .tooLong("quick reply 1 metadata", length: 1001, limit: 1000)
        ),
        (
            XOutgoingMessage(recipientID: "5", text: "x", buttons: (0..<4).map { .init(label: "B\($0)", url: "https://e.x") }),
            .tooMany("buttons", count: 4, limit: 3)
        ),
        (
            XOutgoingMessage(recipientID: "5", text: "x", buttons: [.init(label: "B", url: "javascript:alert(1)")]),
            .invalidButtonURL("javascript:alert(1)")
        ),
    ])
    func messagesBreakingXsLimitsAreRejected(message: XOutgoingMessage, error: XOutgoingMessageError) {
        #expect(throws: error) { try message.jsonBody() }
    }

    @Test func limitsAreInclusive() {
        let message = XOutgoingMessage(
            recipientID: "5", text: String(repeating: "a", count: 10_000),
            quickReplies: (0..<20).map {
                .init(label: String(repeating: "l", count: 34) + "\($0 % 10)_", description: String(repeating: "d", count: 72),
                      metadata: String(repeating: "m", count: 1000))
            },
            buttons: (0..<3).map { .init(label: String(repeating: "b", count: 36), url: "http://e.x/\($0)") })
        #expect(throws: Never.self) { try message.jsonBody() }
    }

    /// Limits count Unicode scalars, not bytes: text that is long in UTF-8 but within the limit in
    /// scalars passes, one scalar over fails with the scalar count (the byte-length shortcut must
    /// not decide either way when it cannot tell).
    @Test func limitsCountScalarsNotBytes() {
        let label = String(repeating: "é", count: 36)  // 72 bytes, 36 scalars
        let within = XOutgoingMessage(recipientID: "5", text: String(repeating: "😀", count: 10_000),
                                      quickReplies: [.init(label: label, metadata: "m")])
        #expect(throws: Never.self) { try within.jsonBody() }
        let over = XOutgoingMessage(recipientID: "5", text: "x", quickReplies: [.init(label: label + "é", metadata: "m")])
        #expect(throws: XOutgoingMessageError.tooLong("quick reply 1 label", length: 37, limit: 36)) { try over.jsonBody() }
        let emoji = XOutgoingMessage(recipientID: "5", text: String(repeating: "😀", count: 10_001))
        #expect(throws: XOutgoingMessageError.tooLong("text", length: 10_001, limit: 10_000)) { try emoji.jsonBody() }
        #expect(XLimits.isWithin("", limit: 0))
        #expect(!XLimits.isWithin("ab", limit: 1))
        #expect(XLimits.isWithin("😀", limit: 1) && !XLimits.isWithin("😀😀", limit: 1))
    }

    @Test func textWithQuotesAndNewlinesIsEscaped() throws {
        let body = try XOutgoingMessage(recipientID: "5", text: "say \"hi\"\nnow").jsonBody()
        let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        let event = object?["event"] as? [String: Any]
        let create = event?["message_create"] as? [String: Any]
        let data = create?["message_data"] as? [String: Any]
        #expect(data?["text"] as? String == "say \"hi\"\nnow")
    }

    @Test func everyFieldSurvivesAStandardJSONParser() throws {
        let awkward = "a\\b \"c\" \u{1}\t/ 😀 مرحبا"
        let message = XOutgoingMessage(
            recipientID: "5", text: awkward,
            quickReplies: [.init(label: "L\"1", description: "d\\1", metadata: "sb1.v.1.0"), .init(label: "L2", description: "d2", metadata: "m2")],
            buttons: [.init(label: "Help/FAQ", url: "https://example.com/a?b=c&d=\"e\"")])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try message.jsonBody())) as? [String: Any])
        let event = try #require(object["event"] as? [String: Any])
        #expect(event["type"] as? String == "message_create")
        let create = try #require(event["message_create"] as? [String: Any])
        #expect((create["target"] as? [String: Any])?["recipient_id"] as? String == "5")
        let data = try #require(create["message_data"] as? [String: Any])
        #expect(data["text"] as? String == awkward)
        let quickReply = try #require(data["quick_reply"] as? [String: Any])
        #expect(quickReply["type"] as? String == "options")
        let options = try #require(quickReply["options"] as? [[String: String]])
        #expect(options == [["label": "L\"1", "description": "d\\1", "metadata": "sb1.v.1.0"], ["label": "L2", "description": "d2", "metadata": "m2"]])
        let buttons = try #require(data["ctas"] as? [[String: String]])
        #expect(buttons == [["label": "Help/FAQ", "type": "web_url", "url": "https://example.com/a?b=c&d=\"e\""]])
    }
}
