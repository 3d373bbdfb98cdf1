import Foundation

/// Decodes Account Activity webhook bodies into an `XWebhookBatch`. Verify the signature first.
///
/// Skips the brand's own messages, lists other event kinds as ignored, and rejects malformed,
/// oversized or incomplete bodies with an `XWebhookError` (never a crash).
public struct XWebhookDecoder: Sendable {
    /// Largest body accepted; matches the HTTP server's default body limit.
    public var maxPayloadBytes: Int
    /// Most events per delivery; X batches a handful, so more means abuse.
    public var maxEvents: Int

    public init(maxPayloadBytes: Int = 1 << 20, maxEvents: Int = 500) {
        self.maxPayloadBytes = maxPayloadBytes
        self.maxEvents = maxEvents
    }

    public func decode(_ body: [UInt8]) throws(XWebhookError) -> XWebhookBatch {
        guard body.count <= maxPayloadBytes else { throw .payloadTooLarge(bytes: body.count, limit: maxPayloadBytes) }
        let payload: WirePayload
        do {
            payload = try JSONDecoder().decode(WirePayload.self, from: Data(body))
        } catch let error as XWebhookError {
            throw error
        } catch let error as DecodingError {
            throw Self.translate(error)
        } catch {
            throw .malformedJSON(detail: "\(error)")
        }
        let events = payload.directMessageEvents
        let eventCount = events.count + payload.otherEventCount
        guard eventCount <= maxEvents else { throw .tooManyEvents(count: eventCount, limit: maxEvents) }
        guard !payload.forUserID.isEmpty else { throw .invalidField(path: "for_user_id", reason: "empty") }

        var batch = XWebhookBatch(forUserID: payload.forUserID, messages: [], ignored: payload.otherEventKinds)
        var seen = Set<String>()
        for (index, event) in events.enumerated() {
            guard let message = event.message else {
                batch.ignored.append("direct_message_events:\(event.type)")
                continue
            }
            let path = "direct_message_events[\(index)]"
            guard seen.insert(message.id).inserted else { continue }
            if message.senderID == payload.forUserID {
                batch.ownMessageIDs.append(message.id)
                continue
            }
            try Self.checkLength(message.text, path: path + ".message_create.message_data.text", limit: XLimits.maxTextCharacters)
            if let metadata = message.quickReplyMetadata {
                try Self.checkLength(
                    metadata, path: path + ".message_create.message_data.quick_reply_response.metadata",
                    limit: XLimits.maxQuickReplyMetadataCharacters)
            }
            guard let created = Int64(message.createdTimestamp), created >= 0 else {
                throw .invalidField(path: path + ".created_timestamp", reason: "'\(message.createdTimestamp)' is not epoch milliseconds")
            }
            for (field, value) in [("id", message.id), ("message_create.sender_id", message.senderID),
                                   ("message_create.target.recipient_id", message.recipientID)] where value.isEmpty {
                throw .invalidField(path: path + "." + field, reason: "empty")
            }
            batch.messages.append(
                XDirectMessage(
                    eventID: message.id, createdAtMilliseconds: created, senderID: message.senderID,
                    recipientID: message.recipientID, text: message.text, quickReplyMetadata: message.quickReplyMetadata,
                    welcomeMessageID: message.welcomeMessageID, sender: payload.users[message.senderID]?.profile))
        }
        return batch
    }

    private static func checkLength(_ text: String, path: String, limit: Int) throws(XWebhookError) {
        let length = XLimits.characterCount(text)
        guard length <= limit else { throw .fieldTooLong(path: path, length: length, limit: limit) }
    }

    private static func translate(_ error: DecodingError) -> XWebhookError {
        switch error {
        case .keyNotFound(let key, let context):
            return .missingField(path: path(context.codingPath + [key]))
        case .valueNotFound(_, let context):
            return .missingField(path: path(context.codingPath))
        case .typeMismatch(let type, let context):
            return .malformedJSON(detail: "'\(path(context.codingPath))' should be \(type)")
        case .dataCorrupted(let context):
            return .malformedJSON(detail: context.codingPath.isEmpty ? "not valid JSON" : "'\(path(context.codingPath))' is corrupted")
        @unknown default:
            return .malformedJSON(detail: "\(error)")
        }
    }

    /// `a.b[0].c` from a coding path.
    private static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }
}

// MARK: Wire format (only the fields we read)

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

private struct WirePayload: Decodable {
    var forUserID: String
    var directMessageEvents: [WireEvent]
    var users: [String: WireUser]
    var otherEventKinds: [String]
    var otherEventCount: Int

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        forUserID = try container.decode(String.self, forKey: AnyKey("for_user_id"))
        directMessageEvents = try container.decodeIfPresent([WireEvent].self, forKey: AnyKey("direct_message_events")) ?? []
        users = try container.decodeIfPresent([String: WireUser].self, forKey: AnyKey("users")) ?? [:]
        let others = container.allKeys.filter { $0.stringValue.hasSuffix("_events") && $0.stringValue != "direct_message_events" }
        otherEventKinds = others.map(\.stringValue).sorted()
        otherEventCount = others.reduce(0) { count, key in
            count + ((try? container.decode([IgnoredValue].self, forKey: key))?.count ?? 1)
        }
    }
}

/// Decodes and discards any JSON value (to count events we do not read).
private struct IgnoredValue: Decodable {
    init(from decoder: any Decoder) throws {}
}

private struct WireEvent: Decodable {
    /// A `message_create` event's fields; nil for other event types.
    struct Message {
        var id: String
        var createdTimestamp: String
        var senderID: String
        var recipientID: String
        var text: String
        var quickReplyMetadata: String?
        var welcomeMessageID: String?
    }

    var type: String
    var message: Message?

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        type = try container.decode(String.self, forKey: AnyKey("type"))
        guard type == "message_create" else { return }
        let create = try container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("message_create"))
        let target = try create.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("target"))
        let data = try create.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("message_data"))
        let quickReply = try data.decodeIfPresent(WireQuickReplyResponse.self, forKey: AnyKey("quick_reply_response"))
        let initiatedVia = try container.decodeIfPresent(WireInitiatedVia.self, forKey: AnyKey("initiated_via"))
        message = Message(
            id: try container.decode(String.self, forKey: AnyKey("id")),
            createdTimestamp: try container.decode(String.self, forKey: AnyKey("created_timestamp")),
            senderID: try create.decode(String.self, forKey: AnyKey("sender_id")),
            recipientID: try target.decode(String.self, forKey: AnyKey("recipient_id")),
            text: try data.decode(String.self, forKey: AnyKey("text")),
            quickReplyMetadata: quickReply?.metadata,
            welcomeMessageID: initiatedVia?.welcomeMessageID)
    }
}

private struct WireQuickReplyResponse: Decodable {
    var metadata: String?
}

private struct WireInitiatedVia: Decodable {
    var welcomeMessageID: String?

    enum CodingKeys: String, CodingKey {
        case welcomeMessageID = "welcome_message_id"
    }
}

private struct WireUser: Decodable {
    var id: String
    var name: String?
    var screenName: String?
    var followersCount: Int?

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case screenName = "screen_name"
        case followersCount = "followers_count"
    }

    var profile: XUserProfile {
        XUserProfile(id: id, name: name, screenName: screenName, followersCount: followersCount)
    }
}
