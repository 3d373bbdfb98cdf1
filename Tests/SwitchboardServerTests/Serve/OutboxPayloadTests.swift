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
}
