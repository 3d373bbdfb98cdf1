/// One message from the customer, as the engine sees it.
public struct Inbound: Hashable, Sendable {
    /// The text the customer sent (a tapped quick reply arrives as its label).
    public var text: String
    /// Quick-reply metadata that came back with a tap: untrusted input.
    public var quickReplyMetadata: String?
    /// What the channel says about the customer now (name, handle, followers).
    public var profile: CustomerProfile?
    /// The classifier's reading of `text`, made ahead of the step by `Engine.preclassify(_:)`
    /// where it costs least (a server does it on a request thread, not on the store's single
    /// writer). The step uses it only if it was made by a bot of the same version for the text
    /// the step reads; otherwise the step classifies as it would without it.
    public var preclassified: Preclassified?

    public init(text: String, quickReplyMetadata: String? = nil, profile: CustomerProfile? = nil) {
        self.text = text
        self.quickReplyMetadata = quickReplyMetadata
        self.profile = profile
    }

    /// A classification and what it was made from; only `Engine.preclassify(_:)` makes one.
    public struct Preclassified: Hashable, Sendable {
        let botVersion: String
        let text: String
        let classification: Classification
    }
}
