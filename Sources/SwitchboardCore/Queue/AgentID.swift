/// A human agent's identifier, such as `"alice"`.
public struct AgentID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
