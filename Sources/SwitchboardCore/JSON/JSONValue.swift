/// A value read by `JSONReader`: strict JSON (RFC 8259), without source positions.
///
/// Made for hot paths (webhook bodies, stored rows): a compact tree with few allocations. Read it
/// with the lookup helpers: `value["direct_message_events"]?[0]?["id"]?.string`.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member named `key` (the last one when the object repeats it); nil when this is not an
    /// object or has no such member.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { object[key] } else { nil }
    }

    /// The element at `index`; nil when this is not an array or the index is out of range.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    public var string: String? { if case .string(let text) = self { text } else { nil } }
    public var bool: Bool? { if case .bool(let flag) = self { flag } else { nil } }
    public var number: JSONNumber? { if case .number(let number) = self { number } else { nil } }
    public var array: [JSONValue]? { if case .array(let elements) = self { elements } else { nil } }
    public var object: JSONObject? { if case .object(let object) = self { object } else { nil } }
    public var isNull: Bool { if case .null = self { true } else { false } }
    /// The number as an `Int`, when it is one exactly (`42`, `-7`, `3.0`, `1e2`).
    public var int: Int? { number?.int }
    /// The number as an `Int64`, when it is one exactly.
    public var int64: Int64? { number?.int64 }

    /// A short name of the value's type for messages: "a string", "an object", …
    public var typeDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A JSON number, kept as written (so `123456789012345678901234567890` loses nothing); convert it
/// with `int`, `int64` or `double`.
public struct JSONNumber: Sendable, Equatable, CustomStringConvertible {
    /// The number's text, valid RFC 8259 number syntax (`-12.5e3`).
    public let text: String

    /// Wraps `text`, which must already be valid JSON number syntax (the reader checks it).
    public init(uncheckedText text: String) { self.text = text }

    /// The exact integer in `Int`'s range (`42`, `-0`, `3.0`, `1e2`); nil for fractions and overflow.
    public var int: Int? { Int(text) ?? double.flatMap(JSON5Number.exactInteger) }

    /// The exact integer in `Int64`'s range; nil for fractions and overflow.
    public var int64: Int64? { int.map(Int64.init) }

    /// The nearest `Double`; nil when the magnitude is beyond `Double`'s range (`1e999`).
    public var double: Double? { Double(text).flatMap { $0.isFinite ? $0 : nil } }

    public var description: String { text }
}

/// A JSON object: its members in the order written, duplicates included.
///
/// Lookups scan the members from the end, so a repeated key reads as its LAST value, as
/// Foundation's `JSONSerialization` reads it (`JSONDecoder` keeps the first; RFC 8259 leaves it
/// open). Objects on our paths have a handful of members, where a scan beats hashing; to look up
/// many keys of a large object, build a dictionary once with `lastValues()`.
public struct JSONObject: Sendable, Equatable {
    /// One `"key": value` pair.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// Every member as written, in order; a repeated key appears each time.
    public var members: [Member]

    public init(members: [Member] = []) { self.members = members }

    /// The last value for `key`, or nil when there is none. O(members).
    public subscript(key: String) -> JSONValue? {
        var index = members.endIndex
        while index > members.startIndex {
            index -= 1
            if members[index].key == key { return members[index].value }
        }
        return nil
    }

    /// The distinct keys, in the order of their first appearance.
    public var keys: [String] {
        var seen = Set<String>()
        return members.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
    }

    /// The members as a dictionary, the last value winning for a repeated key. O(members).
    public func lastValues() -> [String: JSONValue] {
        Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }
}
