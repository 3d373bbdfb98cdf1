/// One webhook delivery, decoded: the customer messages to act on, and what was left out.
public struct XWebhookBatch: Sendable, Equatable {
    /// The subscribed account (the brand) this delivery is for.
    public var forUserID: String
    /// Messages from customers, in delivery order, without duplicates of the same event id.
    public var messages: [XDirectMessage]
    /// Event ids of the brand's own messages (`sender_id == for_user_id`), skipped.
    public var ownMessageIDs: [String]
    /// Other event kinds in the delivery, e.g. `direct_message_indicate_typing_events`,
    /// `tweet_create_events`, or `direct_message_events:<type>` for non-message events.
    public var ignored: [String]

    public init(forUserID: String, messages: [XDirectMessage], ownMessageIDs: [String] = [], ignored: [String] = []) {
        self.forUserID = forUserID
        self.messages = messages
        self.ownMessageIDs = ownMessageIDs
        self.ignored = ignored
    }
}

/// A direct message a customer sent to the brand.
public struct XDirectMessage: Sendable, Equatable {
    /// X's event id; the idempotency key (redeliveries carry the same id).
    public var eventID: String
    /// When X created the event, in milliseconds since 1970.
    public var createdAtMilliseconds: Int64
    public var senderID: String
    public var recipientID: String
    /// The text; for a tapped quick reply, the option's label.
    public var text: String
    /// `quick_reply_response.metadata` when the customer tapped a quick reply. Untrusted: the
    /// customer's client sends it back, so treat it as input, not as our own state.
    public var quickReplyMetadata: String?
    /// `initiated_via.welcome_message_id` when the conversation started from a welcome message.
    public var welcomeMessageID: String?
    /// The sender's profile from the delivery's `users` map, when present.
    public var sender: XUserProfile?

    public init(
        eventID: String, createdAtMilliseconds: Int64, senderID: String, recipientID: String, text: String,
        quickReplyMetadata: String? = nil, welcomeMessageID: String? = nil, sender: XUserProfile? = nil
    ) {
        self.eventID = eventID
        self.createdAtMilliseconds = createdAtMilliseconds
        self.senderID = senderID
        self.recipientID = recipientID
        self.text = text
        self.quickReplyMetadata = quickReplyMetadata
        self.welcomeMessageID = welcomeMessageID
        self.sender = sender
    }
}

/// The parts of an X user object the responder uses (greeting by name, prioritising by reach).
public struct XUserProfile: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var screenName: String?
    public var followersCount: Int?

    public init(id: String, name: String? = nil, screenName: String? = nil, followersCount: Int? = nil) {
        self.id = id
        self.name = name
        self.screenName = screenName
        self.followersCount = followersCount
    }
}
