/// The metadata Switchboard writes into each quick reply: `sb1.<version>.<turn>.<index>`.
///
/// A returning token is never trusted: the engine accepts a tap only when the token equals one it
/// remembers offering in the conversation's last message. Parsing only tells a stale or
/// other-version tap (a sensible answer) apart from garbage (treated as typed text).
public struct QuickReplyToken: Hashable, Sendable {
    /// Longest metadata we look at; X allows 1,000 characters, ours are far shorter.
    public static let maximumLength = 120

    public var version: String
    public var turn: Int
    public var index: Int

    public init(version: String, turn: Int, index: Int) {
        self.version = version
        self.turn = turn
        self.index = index
    }

    public var rawValue: String { "sb1." + version + "." + String(turn) + "." + String(index) }

    /// Parses metadata from a webhook; nil for anything that is not shaped like ours.
    public init?(parsing metadata: String) {
        guard metadata.utf8.count <= Self.maximumLength else { return nil }
        let parts = metadata.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "sb1", !parts[1].isEmpty,
            let turn = Int(parts[2]), turn >= 0, let index = Int(parts[3]), (0..<64).contains(index)
        else { return nil }
        self.init(version: String(parts[1]), turn: turn, index: index)
    }
}
