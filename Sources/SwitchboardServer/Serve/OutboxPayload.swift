public import SwitchboardCore
import Foundation

/// A message in the outbox, independent of the channel: what the sender turns into an X event or
/// a generic-webhook delivery. Stored as JSON in the outbox row.
public struct OutboxPayload: Codable, Sendable, Equatable {
    public struct QuickReply: Codable, Sendable, Equatable {
        public var label: String
        public var description: String?
        public var metadata: String
    }

    public struct Button: Codable, Sendable, Equatable {
        public var label: String
        public var url: String
    }

    public var text: String
    public var quickReplies: [QuickReply]
    public var buttons: [Button]

    enum CodingKeys: String, CodingKey {
        case text
        case quickReplies = "quick_replies"
        case buttons
    }

    public init(_ message: OutgoingMessage) {
        text = message.text
        quickReplies = message.quickReplies.map {
            QuickReply(label: $0.label, description: $0.description, metadata: $0.metadata)
        }
        buttons = message.buttons.map { Button(label: $0.label, url: $0.url) }
    }

    public init(text: String) {
        self.text = text
        quickReplies = []
        buttons = []
    }

    /// The payload as compact JSON with sorted keys, written by hand: this runs for every reply,
    /// on the store's writer thread, where JSONEncoder would cost more than the SQL around it.
    public func json() -> String {
        var text = "{\"buttons\":["
        for (index, button) in buttons.enumerated() {
            if index > 0 { text += "," }
            text += "{\"label\":"
            JSONString.append(button.label, to: &text)
            text += ",\"url\":"
            JSONString.append(button.url, to: &text)
            text += "}"
        }
        text += "],\"quick_replies\":["
        for (index, reply) in quickReplies.enumerated() {
            if index > 0 { text += "," }
            QuickReplyOptionJSON.append(label: reply.label, description: reply.description, metadata: reply.metadata, to: &text)
        }
        text += "],\"text\":"
        JSONString.append(self.text, to: &text)
        return text + "}"
    }

    /// Reads a stored payload with the core's `JSONReader`; a row written by this program always
    /// decodes. Throws `OutboxPayload.MalformedRow` (or the reader's `JSONReaderError`) otherwise.
    public static func decode(_ json: String) throws -> OutboxPayload {
        let root = try JSONReader.parse(json)
        func string(_ value: JSONValue?, _ path: @autoclosure () -> String) throws(MalformedRow) -> String {
            guard let text = value?.string else { throw MalformedRow(path: path(), expected: "a string") }
            return text
        }
        func array(_ key: String) throws(MalformedRow) -> [JSONValue] {
            guard let elements = root[key]?.array else { throw MalformedRow(path: key, expected: "an array") }
            return elements
        }
        var payload = OutboxPayload(text: try string(root["text"], "text"))
        for (index, reply) in try array("quick_replies").enumerated() {
            func path() -> String { "quick_replies[\(index)]" }
            let description = reply["description"]
            guard description?.string != nil || description?.isNull ?? true else {
                throw MalformedRow(path: path() + ".description", expected: "a string or null")
            }
            payload.quickReplies.append(
                QuickReply(
                    label: try string(reply["label"], path() + ".label"), description: description?.string,
                    metadata: try string(reply["metadata"], path() + ".metadata")))
        }
        for (index, button) in try array("buttons").enumerated() {
            func path() -> String { "buttons[\(index)]" }
            payload.buttons.append(Button(label: try string(button["label"], path() + ".label"), url: try string(button["url"], path() + ".url")))
        }
        return payload
    }

    /// A stored payload without a field the sender needs, or with a field of the wrong type.
    public struct MalformedRow: Error, Sendable, CustomStringConvertible {
        /// Where, like `quick_replies[0].label`.
        public var path: String
        public var expected: String

        public var description: String {
            "outbox payload field '\(path)' is missing or not \(expected); the row was not written by this version of switchboard"
        }
    }
}

/// Conversations are stored as JSON of the engine's `Conversation` value.
enum ConversationCodec {
    static func encode(_ conversation: Conversation) throws -> [UInt8] {
        Array(ConversationJSON.encode(conversation).utf8)
    }

    /// Nil for an empty or unreadable state (a new customer, or a state from an incompatible
    /// version): the conversation then starts afresh instead of failing the customer's message.
    static func decode(_ bytes: [UInt8]) -> Conversation? {
        guard !bytes.isEmpty else { return nil }
        return ConversationJSON.decode(bytes) ?? (try? JSONDecoder().decode(Conversation.self, from: Data(bytes)))
    }
}
