import Foundation
import SwitchboardCore
import SwitchboardServer
import Testing

@Suite struct OutboxPayloadTests {
    /// The hand-written JSON reads back as the same payload, whatever the text holds.
    @Test(arguments: ["plain", "quote \" backslash \\ newline \n tab \t", "emoji 😀 and control \u{1}", ""])
    func jsonRoundTrips(text: String) throws {
        let message = OutgoingMessage(
            text: text,
            quickReplies: [
                OutgoingQuickReply(label: "A \"one\"", description: "first", metadata: "sb1.v.1.0"),
                OutgoingQuickReply(label: "B", metadata: "sb1.v.1.1"),
            ],
            buttons: [URLButton(label: "Help", url: "https://example.com/a?b=c&d=\"e\"")])
        let payload = OutboxPayload(message)
        #expect(try OutboxPayload.decode(payload.json()) == payload)
        #expect(try JSONSerialization.jsonObject(with: Data(payload.json().utf8)) is [String: Any])
    }

    @Test func aPayloadWithoutOptionalDescriptionsOrWithNullOnesReads() throws {
        let json = #"{"buttons":[],"quick_replies":[{"label":"A","metadata":"m"},{"description":null,"label":"B","metadata":"n"}],"text":"hi"}"#
        let payload = try OutboxPayload.decode(json)
        #expect(payload.quickReplies.map(\.description) == [nil, nil])
        #expect(payload.text == "hi")
    }

    @Test(arguments: [
        (#"{"buttons":[],"quick_replies":[],"text":1}"#, "text"),
        (#"{"buttons":[],"text":"a"}"#, "quick_replies"),
        (#"{"quick_replies":[],"text":"a"}"#, "buttons"),
        (#"{"buttons":[],"quick_replies":[{"label":"A"}],"text":"a"}"#, "quick_replies[0].metadata"),
        (#"{"buttons":[],"quick_replies":[{"label":"A","metadata":"m","description":3}],"text":"a"}"#, "quick_replies[0].description"),
        (#"{"buttons":[{"label":"A","url":"u"},{"label":"B"}],"quick_replies":[],"text":"a"}"#, "buttons[1].url"),
    ])
    func aMalformedRowNamesTheField(json: String, path: String) {
        #expect(throws: OutboxPayload.MalformedRow.self) { try OutboxPayload.decode(json) }
        do {
            _ = try OutboxPayload.decode(json)
        } catch {
            #expect("\(error)".contains("'\(path)'"))
        }
    }

    @Test(arguments: ["", "{", "{\"text\":\"a\",}", "[1]"])
    func invalidJSONIsAnError(json: String) {
        #expect(throws: (any Error).self) { try OutboxPayload.decode(json) }
    }
}
