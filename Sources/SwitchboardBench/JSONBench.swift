// JSON benchmark: decoding a realistic signed X webhook body with `XWebhookDecoder` (the core's
// strict `JSONReader`) against the decoder it replaced (Foundation's `JSONDecoder`, kept below
// verbatim as the baseline, only here), measured in the same run; also the raw parse against
// `JSONSerialization`, and the stored conversation and outbox rows against their old readers.
// Run: swift run -c release switchboard-bench json [--iterations N] [--shared PATH]
import Foundation
import SwitchboardCore
import SwitchboardServer

enum JSONBench {
    static func run(_ arguments: [String]) throws {
        let iterations = option("--iterations", in: arguments).flatMap { Int($0) } ?? 20_000
        let body = try webhookBody(shared: option("--shared", in: arguments))
        let legacy = LegacyWebhookDecoder()
        let decoder = XWebhookDecoder()
        guard try legacy.decode(body) == decoder.decode(body) else {
            throw HTTPBench.BenchError(description: "the old and the new decoder disagree on the benchmark body")
        }
        print("webhook body is \(body.count) bytes; \(iterations) decodes per sample")

        let old = measure("webhook: JSONDecoder (old decoder, baseline)") {
            for _ in 0..<iterations { blackHole(try? legacy.decode(body)) }
        }
        report(old, extra: rate(iterations, old))
        let new = measure("webhook: JSONReader (XWebhookDecoder)") {
            for _ in 0..<iterations { blackHole(try? decoder.decode(body)) }
        }
        report(new, baseline: old, extra: rate(iterations, new))
        let serialization = measure("webhook parse only: JSONSerialization") {
            for _ in 0..<iterations { blackHole(try? JSONSerialization.jsonObject(with: Data(body))) }
        }
        report(serialization, baseline: old, extra: rate(iterations, serialization))
        let parse = measure("webhook parse only: JSONReader.parse") {
            for _ in 0..<iterations { blackHole(try? JSONReader.parse(body)) }
        }
        report(parse, baseline: old, extra: rate(iterations, parse))

        let row = try conversationRow()
        print("conversation row is \(row.count) bytes")
        let json5 = measure("conversation row: JSON5Parser (baseline)") {
            for _ in 0..<iterations { blackHole(JSON5Parser.parse(row, file: "conversation").value) }
        }
        report(json5, extra: rate(iterations, json5))
        let rowParse = measure("conversation row: JSONReader.parse") {
            for _ in 0..<iterations { blackHole(try? JSONReader.parse(row)) }
        }
        report(rowParse, baseline: json5, extra: rate(iterations, rowParse))

        let payload = outboxPayload()
        guard try OutboxPayload.decode(payload) == JSONDecoder().decode(OutboxPayload.self, from: Data(payload.utf8)) else {
            throw HTTPBench.BenchError(description: "the old and the new outbox readers disagree")
        }
        let outboxOld = measure("outbox payload: JSONDecoder (old, baseline)") {
            for _ in 0..<iterations { blackHole(try? JSONDecoder().decode(OutboxPayload.self, from: Data(payload.utf8))) }
        }
        report(outboxOld, extra: rate(iterations, outboxOld))
        let outboxNew = measure("outbox payload: OutboxPayload.decode") {
            for _ in 0..<iterations { blackHole(try? OutboxPayload.decode(payload)) }
        }
        report(outboxNew, baseline: outboxOld, extra: rate(iterations, outboxNew))
    }

    static func rate(_ iterations: Int, _ samples: Samples) -> String {
        String(format: "%.0f decodes/s", Double(iterations) / samples.median)
    }

    /// `dm-text.json` from `--shared`, else `XWebhookFixture`'s one-DM body (what load tests send).
    static func webhookBody(shared: String?) throws -> [UInt8] {
        if let shared {
            let path = shared + "/fixtures/x/dm-text.json"
            guard let data = FileManager.default.contents(atPath: path) else {
                throw HTTPBench.BenchError(description: "cannot read \(path); pass --shared pointing at the shared folder")
            }
            return Array(data)
        }
        return XWebhookFixture.dm(
            consumerSecret: "FAKE_CONSUMER_SECRET", brandID: "1000000000000000001", customerID: "2000000000000000002",
            eventID: "1100000000000000001", text: "Hi, my bill doubled this month and I want to know why 😡",
            quickReplyMetadata: "sb1.v.7.0", customerName: "Jane Q. Customer", followers: 1834
        ).body
    }

    /// A conversation mid-flow as the store keeps it (the synthesized encoding, same shape as ConversationJSON).
    static func conversationRow() throws -> [UInt8] {
        var conversation = Conversation(
            key: ConversationKey(account: "1000000000000000001", customer: "2000000000000000002"),
            profile: CustomerProfile(name: "Jane Q. Customer", handle: "jane_fake", followers: 1834))
        conversation.phase = .capturing("outage.zip", failures: 1)
        conversation.slots = ["zip": "78701", "topic": "billing"]
        conversation.turn = 4
        conversation.lastActivity = Instant(milliseconds: 1_700_000_000_123)
        conversation.offered = [
            OfferedOption(token: "sb1.v.4.0", label: "Billing", choice: .stateOption("welcome", index: 0)),
            OfferedOption(token: "sb1.v.4.1", label: "Talk to a person", choice: .somethingElse),
        ]
        return Array(try JSONEncoder().encode(conversation))
    }

    static func outboxPayload() -> String {
        OutboxPayload(
            OutgoingMessage(
                text: "Sorry about that! What's your ZIP code?",
                quickReplies: [
                    OutgoingQuickReply(label: "Billing", description: "Charges, refunds", metadata: "sb1.v.4.0"),
                    OutgoingQuickReply(label: "Talk to a person", metadata: "sb1.v.4.1"),
                ],
                buttons: [URLButton(label: "Status page", url: "https://status.example.com")])
        ).json()
    }

    /// Keeps the optimiser from dropping a result.
    @inline(never)
    static func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }
}

/// The `XWebhookDecoder` this benchmark replaced, verbatim but for names: `JSONDecoder` over
/// `Decodable` wire types. The baseline only; nothing else may use it.
private struct LegacyWebhookDecoder {
    let maxPayloadBytes = 1 << 20
    let maxEvents = 500

    func decode(_ body: [UInt8]) throws(XWebhookError) -> XWebhookBatch {
        guard body.count <= maxPayloadBytes else { throw .payloadTooLarge(bytes: body.count, limit: maxPayloadBytes) }
        let payload: LegacyWirePayload
        do {
            payload = try JSONDecoder().decode(LegacyWirePayload.self, from: Data(body))
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

// MARK: The old wire format (only the fields the decoder read)

private struct LegacyAnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

private struct LegacyWirePayload: Decodable {
    var forUserID: String
    var directMessageEvents: [LegacyWireEvent]
    var users: [String: LegacyWireUser]
    var otherEventKinds: [String]
    var otherEventCount: Int

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: LegacyAnyKey.self)
        forUserID = try container.decode(String.self, forKey: LegacyAnyKey("for_user_id"))
        directMessageEvents = try container.decodeIfPresent([LegacyWireEvent].self, forKey: LegacyAnyKey("direct_message_events")) ?? []
        users = try container.decodeIfPresent([String: LegacyWireUser].self, forKey: LegacyAnyKey("users")) ?? [:]
        let others = container.allKeys.filter { $0.stringValue.hasSuffix("_events") && $0.stringValue != "direct_message_events" }
        otherEventKinds = others.map(\.stringValue).sorted()
        otherEventCount = others.reduce(0) { count, key in
            count + ((try? container.decode([LegacyIgnoredValue].self, forKey: key))?.count ?? 1)
        }
    }
}

/// Decodes and discards any JSON value (to count events we do not read).
private struct LegacyIgnoredValue: Decodable {
    init(from decoder: any Decoder) throws {}
}

private struct LegacyWireEvent: Decodable {
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
        let container = try decoder.container(keyedBy: LegacyAnyKey.self)
        type = try container.decode(String.self, forKey: LegacyAnyKey("type"))
        guard type == "message_create" else { return }
        let create = try container.nestedContainer(keyedBy: LegacyAnyKey.self, forKey: LegacyAnyKey("message_create"))
        let target = try create.nestedContainer(keyedBy: LegacyAnyKey.self, forKey: LegacyAnyKey("target"))
        let data = try create.nestedContainer(keyedBy: LegacyAnyKey.self, forKey: LegacyAnyKey("message_data"))
        let quickReply = try data.decodeIfPresent(LegacyWireQuickReplyResponse.self, forKey: LegacyAnyKey("quick_reply_response"))
        let initiatedVia = try container.decodeIfPresent(LegacyWireInitiatedVia.self, forKey: LegacyAnyKey("initiated_via"))
        message = Message(
            id: try container.decode(String.self, forKey: LegacyAnyKey("id")),
            createdTimestamp: try container.decode(String.self, forKey: LegacyAnyKey("created_timestamp")),
            senderID: try create.decode(String.self, forKey: LegacyAnyKey("sender_id")),
            recipientID: try target.decode(String.self, forKey: LegacyAnyKey("recipient_id")),
            text: try data.decode(String.self, forKey: LegacyAnyKey("text")),
            quickReplyMetadata: quickReply?.metadata,
            welcomeMessageID: initiatedVia?.welcomeMessageID)
    }
}

private struct LegacyWireQuickReplyResponse: Decodable {
    var metadata: String?
}

private struct LegacyWireInitiatedVia: Decodable {
    var welcomeMessageID: String?

    enum CodingKeys: String, CodingKey {
        case welcomeMessageID = "welcome_message_id"
    }
}

private struct LegacyWireUser: Decodable {
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
