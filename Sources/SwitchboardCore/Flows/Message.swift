/// Text a bot says, with `{{variables}}` and optional variants (one is picked per turn).
public struct MessageText: Hashable, Sendable {
    /// At least one variant; each may contain `{{user.name}}`, `{{user.handle}}`, `{{slot.NAME}}`.
    public var variants: [String]
    public var location: SourceLocation?

    public init(variants: [String], location: SourceLocation? = nil) {
        self.variants = variants
        self.location = location
    }

    public init(_ text: String) { self.init(variants: [text]) }
}

/// A quick-reply option offered under a message.
public struct QuickReplyOption: Hashable, Sendable {
    /// What the customer sees and taps; on X at most 36 characters.
    public var label: String
    /// A second line under the label; on X at most 72 characters, and all options or none have one.
    public var description: String?
    public var action: Action
    public var location: SourceLocation?

    public init(label: String, description: String? = nil, action: Action, location: SourceLocation? = nil) {
        self.label = label
        self.description = description
        self.action = action
        self.location = location
    }
}

/// A URL button under a message (X allows up to three).
public struct URLButton: Hashable, Sendable {
    public var label: String
    public var url: String
    public var location: SourceLocation?

    public init(label: String, url: String, location: SourceLocation? = nil) {
        self.label = label
        self.url = url
        self.location = location
    }
}
