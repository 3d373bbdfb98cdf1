/// Identifiers are types, so a state name can never be passed where an intent is expected.
///
/// Each wraps a `String` and prints as that string.
public protocol StringIdentifier: Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral, Codable
{
    var rawValue: String { get }
    init(_ rawValue: String)
}

extension StringIdentifier {
    public init(stringLiteral value: String) { self.init(value) }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Encodes as the bare string, so stored JSON reads naturally.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The name of a state in a flow, such as `"outage.zip"`.
public struct StateID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The name of an intent, such as `"billing_question"`.
public struct IntentID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The name of a human hand-off queue, such as `"billing"`.
public struct QueueID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The name of a flow, such as `"acme-support"`.
public struct FlowID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The name of a slot captured from the customer, such as `"zip"`.
public struct SlotName: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The brand's account on a channel (on X, the `for_user_id`).
public struct AccountID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A customer on a channel (on X, the `sender_id`).
public struct CustomerID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A conversation is keyed by (account, customer): also the natural shard key.
public struct ConversationKey: Hashable, Sendable, Codable, CustomStringConvertible {
    public var account: AccountID
    public var customer: CustomerID
    public init(account: AccountID, customer: CustomerID) {
        self.account = account
        self.customer = customer
    }
    public var description: String { "\(account)/\(customer)" }
}
