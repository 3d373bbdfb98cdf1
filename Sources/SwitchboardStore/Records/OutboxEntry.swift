public import SwitchboardCore

/// Where an outbox message is in its life.
public enum OutboxStatus: String, Sendable, CaseIterable {
    case pending, sent, failed
}

/// A message in the outbox, as the sender sees it.
public struct OutboxEntry: Sendable, Equatable {
    public var id: OutboxMessageID
    public var conversation: ConversationRowID
    public var account: AccountID
    public var recipient: CustomerID
    public var payloadJSON: String
    /// The idempotency key to give the channel.
    public var deliveryID: String
    public var status: OutboxStatus
    /// Attempts so far, including the current one for a claimed message.
    public var attempts: Int
    public var nextAttemptAt: Instant
    public var lastError: String?
}
