public import SwitchboardCore

/// A DM to send with `POST /1.1/direct_messages/events/new.json`: text, optional quick-reply
/// options and optional URL buttons. `jsonBody()` validates against X's limits and encodes.
public struct XOutgoingMessage: Sendable, Equatable {
    /// One quick-reply option (the engine's own type). The tapped label comes back as the text,
    /// `metadata` alongside it.
    public typealias QuickReply = OutgoingQuickReply

    /// A web-link button (`ctas`, type `web_url`).
    public struct Button: Sendable, Equatable {
        public var label: String
        public var url: String

        public init(label: String, url: String) {
            self.label = label
            self.url = url
        }
    }

    /// The endpoint this body is for.
    public static let endpoint = "https://api.twitter.com/1.1/direct_messages/events/new.json"

    public var recipientID: String
    public var text: String
    public var quickReplies: [QuickReply]
    public var buttons: [Button]

    public init(recipientID: String, text: String, quickReplies: [QuickReply] = [], buttons: [Button] = []) {
        self.recipientID = recipientID
        self.text = text
        self.quickReplies = quickReplies
        self.buttons = buttons
    }

    /// Throws the first rule of X's the message breaks (see `XLimits`).
    ///
    /// It runs before every reply is sent, so the passing case allocates nothing: field names for
    /// the error are made only when a rule is broken.
    public func validate() throws(XOutgoingMessageError) {
        guard !recipientID.isEmpty, recipientID.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw .invalidRecipient(recipientID)
        }
        try Self.check(text, limit: XLimits.maxTextCharacters) { "text" }
        guard quickReplies.count <= XLimits.maxQuickReplyOptions else {
            throw .tooMany("quick reply options", count: quickReplies.count, limit: XLimits.maxQuickReplyOptions)
        }
        var described = 0
        for option in quickReplies where option.description != nil { described += 1 }
        guard described == 0 || described == quickReplies.count else { throw .descriptionsAllOrNone }
        for (index, option) in quickReplies.enumerated() {
            try Self.check(option.label, limit: XLimits.maxQuickReplyLabelCharacters) { "quick reply \(index + 1) label" }
            if let description = option.description {
                try Self.check(description, limit: XLimits.maxQuickReplyDescriptionCharacters) {
                    "quick reply \(index + 1) description"
                }
            }
            if !XLimits.isWithin(option.metadata, limit: XLimits.maxQuickReplyMetadataCharacters) {
                throw .tooLong("quick reply \(index + 1) metadata", length: XLimits.characterCount(option.metadata),
                               limit: XLimits.maxQuickReplyMetadataCharacters)
            }
        }
        guard buttons.count <= XLimits.maxButtons else {
            throw .tooMany("buttons", count: buttons.count, limit: XLimits.maxButtons)
        }
        for (index, button) in buttons.enumerated() {
            try Self.check(button.label, limit: XLimits.maxButtonLabelCharacters) { "button \(index + 1) label" }
            let url = button.url.lowercased()
            guard url.hasPrefix("https://") || url.hasPrefix("http://") else { throw .invalidButtonURL(button.url) }
        }
    }

    /// The request body: `{"event":{"type":"message_create","message_create":{…}}}` (keys sorted).
    public func jsonBody() throws(XOutgoingMessageError) -> [UInt8] {
        try validate()
        // Written by hand (keys in sorted order, as X's docs show them): this runs for every reply.
        var text = "{\"event\":{\"message_create\":{\"message_data\":{"
        if !buttons.isEmpty {
            text += "\"ctas\":["
            for (index, button) in buttons.enumerated() {
                if index > 0 { text += "," }
                text += "{\"label\":"
                JSONString.append(button.label, to: &text)
                text += ",\"type\":\"web_url\",\"url\":"
                JSONString.append(button.url, to: &text)
                text += "}"
            }
            text += "],"
        }
        if !quickReplies.isEmpty {
            text += "\"quick_reply\":{\"options\":["
            for (index, option) in quickReplies.enumerated() {
                if index > 0 { text += "," }
                QuickReplyOptionJSON.append(label: option.label, description: option.description, metadata: option.metadata, to: &text)
            }
            text += "],\"type\":\"options\"},"
        }
        text += "\"text\":"
        JSONString.append(self.text, to: &text)
        text += "},\"target\":{\"recipient_id\":"
        JSONString.append(recipientID, to: &text)
        text += "}},\"type\":\"message_create\"}}"
        return Array(text.utf8)
    }

    private static func check(_ value: String, limit: Int, field: () -> String) throws(XOutgoingMessageError) {
        guard !value.isEmpty else { throw .empty(field()) }
        guard XLimits.isWithin(value, limit: limit) else {
            throw .tooLong(field(), length: XLimits.characterCount(value), limit: limit)
        }
    }
}

/// Why a message cannot be sent as it is. Fix the flow or the agent's reply; X would reject it.
public enum XOutgoingMessageError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidRecipient(String)
    case empty(String)
    case tooLong(String, length: Int, limit: Int)
    case tooMany(String, count: Int, limit: Int)
    case descriptionsAllOrNone
    case invalidButtonURL(String)

    public var description: String {
        switch self {
        case .invalidRecipient(let id): "recipient id '\(id)' must be X's numeric user id"
        case .empty(let field): "\(field) is empty; X requires it"
        case .tooLong(let field, let length, let limit): "\(field) has \(length) characters; X allows \(limit)"
        case .tooMany(let what, let count, let limit): "\(count) \(what); X allows at most \(limit)"
        case .descriptionsAllOrNone: "some quick reply options have a description and some do not; X needs all or none"
        case .invalidButtonURL(let url): "button URL '\(url)' must start with https:// or http://"
        }
    }
}
