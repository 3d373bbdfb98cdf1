/// One message from the customer, as the engine sees it.
public struct Inbound: Hashable, Sendable {
    /// The text the customer sent (a tapped quick reply arrives as its label).
    public var text: String
    /// Quick-reply metadata that came back with a tap: untrusted input.
    public var quickReplyMetadata: String?
    /// What the channel says about the customer now (name, handle, followers).
    public var profile: CustomerProfile?

    public init(text: String, quickReplyMetadata: String? = nil, profile: CustomerProfile? = nil) {
        self.text = text
        self.quickReplyMetadata = quickReplyMetadata
        self.profile = profile
    }
}
