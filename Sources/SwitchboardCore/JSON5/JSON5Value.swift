/// A value read from a JSON5 file, with the place where it starts.
///
/// Every value and every object key keeps its `SourceLocation`, so a loader can point an author at
/// the exact character that is wrong.
public struct JSON5Value: Hashable, Sendable {
    /// What the value is.
    public enum Kind: Hashable, Sendable {
        case null
        case bool(Bool)
        case number(JSON5Number)
        case string(String)
        case array([JSON5Value])
        case object(JSON5Object)
    }

    public var kind: Kind
    /// Where the value's first character is.
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// A short name of the value's type for messages: "a string", "an object", …
    public var typeDescription: String {
        switch kind {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A JSON5 number: its value, and its integer value when it is written as an exact integer.
public struct JSON5Number: Hashable, Sendable {
    /// The value; may be infinite or NaN (JSON5 allows `Infinity` and `NaN`).
    public var value: Double
    /// Set when the number is an integer that fits `Int` (`42`, `0x2A`, `-7`, `3.0`).
    public var integer: Int?

    public init(value: Double, integer: Int?) {
        self.value = value
        self.integer = integer
    }

    /// The integer equal to `value`, if there is one in `Int`'s range. Written without rounding
    /// functions so the pure core does not need the C maths library.
    public static func exactInteger(_ value: Double) -> Int? {
        // 2^63 is exactly representable; anything at or beyond it does not fit.
        guard value.isFinite, value > -9_223_372_036_854_775_808.0, value < 9_223_372_036_854_775_808.0 else {
            return nil
        }
        let truncated = Int(value)
        return Double(truncated) == value ? truncated : nil
    }
}

/// A JSON5 object: its members in file order, each key with its location.
///
/// Lookups by key are O(1). When a file repeats a key, the reader reports it and keeps the first.
public struct JSON5Object: Hashable, Sendable {
    /// One `key: value` pair.
    public struct Member: Hashable, Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: JSON5Value

        public init(key: String, keyLocation: SourceLocation, value: JSON5Value) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    public private(set) var members: [Member] = []
    private var indexByKey: [String: Int] = [:]

    public init() {}

    /// Adds a member; returns the existing member instead when the key is already present.
    @discardableResult
    public mutating func append(_ member: Member) -> Member? {
        if let existing = indexByKey[member.key] { return members[existing] }
        indexByKey[member.key] = members.count
        members.append(member)
        return nil
    }

    /// The member with this key, if any.
    public func member(_ key: String) -> Member? {
        indexByKey[key].map { members[$0] }
    }

    public subscript(key: String) -> JSON5Value? { member(key)?.value }

    public var keys: [String] { members.map(\.key) }
}
