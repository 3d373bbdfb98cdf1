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

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and arrays cannot fail.
        guard let data = try? encoder.encode(self) else { return #"{"text":""}"# }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a stored payload; a row written by this program always decodes.
    public static func decode(_ json: String) throws -> OutboxPayload {
        try JSONDecoder().decode(OutboxPayload.self, from: Data(json.utf8))
    }
}

/// Conversations are stored as JSON of the engine's `Conversation` value.
enum ConversationCodec {
    static func encode(_ conversation: Conversation) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return [UInt8](try encoder.encode(conversation))
    }

    /// Nil for an empty or unreadable state (a new customer, or a state from an incompatible
    /// version): the conversation then starts afresh instead of failing the customer's message.
    static func decode(_ bytes: [UInt8]) -> Conversation? {
        guard !bytes.isEmpty else { return nil }
        return try? JSONDecoder().decode(Conversation.self, from: Data(bytes))
    }
}
