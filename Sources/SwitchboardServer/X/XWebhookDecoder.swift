import SwitchboardCore

/// Decodes Account Activity webhook bodies into an `XWebhookBatch`. Verify the signature first.
///
/// Skips the brand's own messages, lists other event kinds as ignored, and rejects malformed,
/// oversized or incomplete bodies with an `XWebhookError` (never a crash). Reads the body with the
/// core's strict `JSONReader` (this runs for every delivery; `JSONDecoder` was the largest cost).
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
        let root: JSONValue
        do {
            root = try JSONReader.parse(body)
        } catch {
            throw .malformedJSON(detail: "not valid JSON at byte \(error.offset): \(error.message)")
        }
        let payload = try WirePayload(root)
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
            // One event cannot repeat itself: skip the set (and its allocation) for the usual delivery.
            guard events.count == 1 || seen.insert(message.id).inserted else { continue }
            if message.senderID == payload.forUserID {
                batch.ownMessageIDs.append(message.id)
                continue
            }
            func path() -> String { "direct_message_events[\(index)]" }
            try Self.checkLength(message.text, path: path() + ".message_create.message_data.text", limit: XLimits.maxTextCharacters)
            if let metadata = message.quickReplyMetadata {
                try Self.checkLength(
                    metadata, path: path() + ".message_create.message_data.quick_reply_response.metadata",
                    limit: XLimits.maxQuickReplyMetadataCharacters)
            }
            guard let created = Int64(message.createdTimestamp), created >= 0 else {
                throw .invalidField(path: path() + ".created_timestamp", reason: "'\(message.createdTimestamp)' is not epoch milliseconds")
            }
            if message.id.isEmpty { throw .invalidField(path: path() + ".id", reason: "empty") }
            if message.senderID.isEmpty { throw .invalidField(path: path() + ".message_create.sender_id", reason: "empty") }
            if message.recipientID.isEmpty {
                throw .invalidField(path: path() + ".message_create.target.recipient_id", reason: "empty")
            }
            batch.messages.append(
                XDirectMessage(
                    eventID: message.id, createdAtMilliseconds: created, senderID: message.senderID,
                    recipientID: message.recipientID, text: message.text, quickReplyMetadata: message.quickReplyMetadata,
                    welcomeMessageID: message.welcomeMessageID, sender: payload.users.profile(of: message.senderID)))
        }
        return batch
    }

    private static func checkLength(_ text: String, path: @autoclosure () -> String, limit: Int) throws(XWebhookError) {
        // A text has at most as many characters as UTF-8 bytes, and a native string knows its byte count.
        guard text.utf8.count > limit else { return }
        let length = XLimits.characterCount(text)
        guard length <= limit else { throw .fieldTooLong(path: path(), length: length, limit: limit) }
    }
}

// MARK: Wire format (only the fields we read)

private struct WirePayload {
    var forUserID: String
    var directMessageEvents: [WireEvent]
    var users: WireUsers
    var otherEventKinds: [String]
    var otherEventCount: Int

    init(_ root: JSONValue) throws(XWebhookError) {
        guard case .object(let body) = root else {
            throw .malformedJSON(detail: "the body should be an object, not \(root.typeDescription)")
        }
        forUserID = try Wire.string("for_user_id", in: body, at: "")
        let events = try Wire.optionalArray("direct_message_events", in: body, at: "") ?? []
        directMessageEvents = []
        directMessageEvents.reserveCapacity(events.count)
        for (index, event) in events.enumerated() {
            directMessageEvents.append(try WireEvent(event, index: index))
        }
        var profiles: [(id: String, profile: XUserProfile)] = []
        if let members = try Wire.optionalObject("users", in: body, at: "")?.members {
            profiles.reserveCapacity(members.count)
            for member in members {
                profiles.append((member.key, try Self.profile(member.value, at: "users." + member.key)))
            }
        }
        users = WireUsers(profiles)
        var others = Set<String>()
        for member in body.members where member.key.hasSuffix("_events") && member.key != "direct_message_events" {
            others.insert(member.key)
        }
        otherEventKinds = others.sorted()
        otherEventCount = otherEventKinds.reduce(0) { count, key in count + (body[key]?.array?.count ?? 1) }
    }

    /// The parts of an X user object we read; `id` is required, the rest optional.
    static func profile(_ value: JSONValue, at path: @autoclosure () -> String) throws(XWebhookError) -> XUserProfile {
        guard case .object(let user) = value else { throw Wire.mismatch(path(), "an object", value) }
        return XUserProfile(
            id: try Wire.string("id", in: user, at: path()), name: try Wire.optionalString("name", in: user, at: path()),
            screenName: try Wire.optionalString("screen_name", in: user, at: path()),
            followersCount: try Wire.optionalInt("followers_count", in: user, at: path()))
    }
}

/// The delivery's `users` map. A delivery names one or two users, where a scan beats hashing; a
/// dictionary is built only for many, so a hostile body cannot make lookups quadratic.
private struct WireUsers {
    /// Above this many users, look up through a dictionary.
    static let scanLimit = 16
    private var list: [(id: String, profile: XUserProfile)]
    private var byID: [String: XUserProfile] = [:]

    init(_ list: [(id: String, profile: XUserProfile)]) {
        self.list = list
        if list.count > Self.scanLimit {
            byID = Dictionary(list.map { ($0.id, $0.profile) }, uniquingKeysWith: { _, last in last })
            self.list = []
        }
    }

    /// The profile for `id`, the last one when the map repeats the key (like every repeated key
    /// read through `JSONReader`; the old `JSONDecoder` path kept the first).
    func profile(of id: String) -> XUserProfile? {
        if !byID.isEmpty { return byID[id] }
        return list.last { $0.id == id }?.profile
    }
}

private struct WireEvent {
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

    /// Reads `direct_message_events[index]`, checking members in the order `JSONDecoder` did, so
    /// the first problem reported is the same.
    init(_ value: JSONValue, index: Int) throws(XWebhookError) {
        func path() -> String { "direct_message_events[\(index)]" }
        guard case .object(let event) = value else { throw Wire.mismatch(path(), "an object", value) }
        type = try Wire.string("type", in: event, at: path())
        guard type == "message_create" else { return }
        let create = try Wire.object("message_create", in: event, at: path())
        let target = try Wire.object("target", in: create, at: path() + ".message_create")
        let data = try Wire.object("message_data", in: create, at: path() + ".message_create")
        var metadata: String?
        if let quickReply = try Wire.optionalObject("quick_reply_response", in: data, at: path() + ".message_create.message_data") {
            metadata = try Wire.optionalString("metadata", in: quickReply, at: path() + ".message_create.message_data.quick_reply_response")
        }
        var welcomeMessageID: String?
        if let initiatedVia = try Wire.optionalObject("initiated_via", in: event, at: path()) {
            welcomeMessageID = try Wire.optionalString("welcome_message_id", in: initiatedVia, at: path() + ".initiated_via")
        }
        message = Message(
            id: try Wire.string("id", in: event, at: path()),
            createdTimestamp: try Wire.string("created_timestamp", in: event, at: path()),
            senderID: try Wire.string("sender_id", in: create, at: path() + ".message_create"),
            recipientID: try Wire.string("recipient_id", in: target, at: path() + ".message_create.target"),
            text: try Wire.string("text", in: data, at: path() + ".message_create.message_data"),
            quickReplyMetadata: metadata, welcomeMessageID: welcomeMessageID)
    }
}

/// Typed member reads with the errors `JSONDecoder` gave: an absent or null required member is a
/// `missingField`, a member of the wrong type `malformedJSON`; an absent or null optional member is
/// nil. Paths are built only when there is an error.
private enum Wire {
    static func string(_ key: String, in object: JSONObject, at path: @autoclosure () -> String) throws(XWebhookError) -> String {
        let value = try required(key, in: object, at: path())
        guard case .string(let text) = value else { throw mismatch(join(path(), key), "a string", value) }
        return text
    }

    static func optionalString(_ key: String, in object: JSONObject, at path: @autoclosure () -> String) throws(XWebhookError) -> String? {
        guard let value = optional(key, in: object) else { return nil }
        guard case .string(let text) = value else { throw mismatch(join(path(), key), "a string", value) }
        return text
    }

    static func optionalInt(_ key: String, in object: JSONObject, at path: @autoclosure () -> String) throws(XWebhookError) -> Int? {
        guard let value = optional(key, in: object) else { return nil }
        guard let number = value.int else { throw mismatch(join(path(), key), "an integer", value) }
        return number
    }

    static func object(_ key: String, in object: JSONObject, at path: @autoclosure () -> String) throws(XWebhookError) -> JSONObject {
        let value = try required(key, in: object, at: path())
        guard case .object(let nested) = value else { throw mismatch(join(path(), key), "an object", value) }
        return nested
    }

    static func optionalObject(_ key: String, in object: JSONObject, at path: @autoclosure () -> String) throws(XWebhookError) -> JSONObject? {
        guard let value = optional(key, in: object) else { return nil }
        guard case .object(let nested) = value else { throw mismatch(join(path(), key), "an object", value) }
        return nested
    }

    static func optionalArray(_ key: String, in object: JSONObject, at path: @autoclosure () -> String) throws(XWebhookError) -> [JSONValue]? {
        guard let value = optional(key, in: object) else { return nil }
        guard case .array(let elements) = value else { throw mismatch(join(path(), key), "an array", value) }
        return elements
    }

    static func required(_ key: String, in object: JSONObject, at path: @autoclosure () -> String) throws(XWebhookError) -> JSONValue {
        guard let value = optional(key, in: object) else { throw .missingField(path: join(path(), key)) }
        return value
    }

    /// The member, unless it is absent or null.
    static func optional(_ key: String, in object: JSONObject) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    static func mismatch(_ path: String, _ expected: String, _ value: JSONValue) -> XWebhookError {
        .malformedJSON(detail: "'\(path)' should be \(expected), not \(value.typeDescription)")
    }

    /// `a.b` from a parent path and a key (just the key at the top level).
    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }
}
