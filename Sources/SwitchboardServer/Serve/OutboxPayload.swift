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
            text += "{"
            if let description = reply.description {
                text += "\"description\":"
                JSONString.append(description, to: &text)
                text += ","
            }
            text += "\"label\":"
            JSONString.append(reply.label, to: &text)
            text += ",\"metadata\":"
            JSONString.append(reply.metadata, to: &text)
            text += "}"
        }
        text += "],\"text\":"
        JSONString.append(self.text, to: &text)
        return text + "}"
    }

    /// Reads a stored payload; a row written by this program always decodes.
    public static func decode(_ json: String) throws -> OutboxPayload {
        try JSONDecoder().decode(OutboxPayload.self, from: Data(json.utf8))
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
