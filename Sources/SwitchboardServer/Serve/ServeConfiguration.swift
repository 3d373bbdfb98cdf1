/// Everything `switchboard serve` needs to run, from flags, the config file and the environment.
///
/// Credentials come only from the environment or the config file, never from the command line
/// (where `ps` would show them).
public struct ServeConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// The data folder: the SQLite file lives here.
    public var dataDirectory = "data"
    public var flowsDirectory = "flows"
    public var intentsDirectory = "intents"
    /// Largest request body accepted (X webhook batches are small; 1 MB is generous).
    public var maximumBodyBytes = 1 << 20
    public var maximumConnections = 4096
    /// The brand's X account id (`for_user_id`); learned from the first webhook when unset.
    public var xAccountID: String?
    public var x: XCredentials?
    /// Where X's API lives; tests point this at a fake on 127.0.0.1.
    public var xAPIBase = "https://api.twitter.com"
    /// Mark customers' X DMs read once the bot answered them or an agent replied (the customer sees
    /// "Seen"). Off unless the brand opts in (config file `x.markRead`).
    public var xMarkRead = false
    /// The generic channel: where its outbound messages are POSTed, and the key that signs them.
    public var genericWebhookURL: String?
    public var genericWebhookSecret: String?
    /// Ask for a 1–5 rating when an agent resolves a conversation.
    public var askForRating = true
    /// A customer who writes within this time after a resolution reopens the escalation.
    public var reopenWindow: Duration = .seconds(30 * 60)
    /// Business hours, SLA targets and priority weights (the config file's `queues` and `priority`).
    public var queues = QueueSettings()
    public var logLevel = "info"
    /// Log customers' message text (off by default: it is personal data).
    public var logMessageText = false
    /// Which client sends outbound HTTP: `auto` (built-in for `http://`, URLSession for `https://`).
    public var httpClient = OutboundHTTPClient.auto
    /// How often the sender looks for due retries when nothing wakes it (each queued reply wakes
    /// it at once). Not in the config file: tests set it long, to show that wake-ups alone deliver.
    public var outboxPollInterval: Duration = .milliseconds(250)
    /// How long the store's writer waits for concurrent writes to share a commit (config file
    /// `commitGatherMicroseconds`; 0, the default, commits at once).
    public var commitGather: Duration = .zero

    public init() {}

    /// The names operators and test harnesses rely on.
    public enum Environment {
        public static let consumerKey = "SWITCHBOARD_X_CONSUMER_KEY"
        public static let consumerSecret = "SWITCHBOARD_X_CONSUMER_SECRET"
        public static let accessToken = "SWITCHBOARD_X_ACCESS_TOKEN"
        public static let accessTokenSecret = "SWITCHBOARD_X_ACCESS_TOKEN_SECRET"
        public static let apiBase = "SWITCHBOARD_X_API_BASE"
        public static let genericWebhookSecret = "SWITCHBOARD_WEBHOOK_SECRET"
    }

    /// Applies the environment: X credentials (all four, or the channel stays off) and the API base.
    public mutating func apply(environment: [String: String]) throws(ConfigurationError) {
        if let base = environment[Environment.apiBase], !base.isEmpty { xAPIBase = base }
        if let secret = environment[Environment.genericWebhookSecret], !secret.isEmpty { genericWebhookSecret = secret }
        let names = [
            Environment.consumerKey, Environment.consumerSecret, Environment.accessToken, Environment.accessTokenSecret,
        ]
        let values = names.map { environment[$0].flatMap { $0.isEmpty ? nil : $0 } }
        let present = values.compactMap { $0 }
        if present.isEmpty { return }
        guard present.count == names.count else {
            let missing = zip(names, values).filter { $0.1 == nil }.map(\.0)
            throw ConfigurationError(
                "X credentials are incomplete: set \(missing.joined(separator: ", ")) as well "
                    + "(all four are needed), or unset them all to run without the X channel")
        }
        x = XCredentials(
            consumerKey: present[0], consumerSecret: present[1], accessToken: present[2], accessTokenSecret: present[3])
    }
}

/// The four OAuth 1.0a secrets of the X app and the brand's account.
///
/// Printing, `dump` and debuggers' mirrors show only the consumer key's first characters.
public struct XCredentials: Sendable, CustomStringConvertible, CustomReflectable {
    public var consumerKey: String
    public var consumerSecret: String
    public var accessToken: String
    public var accessTokenSecret: String

    public init(consumerKey: String, consumerSecret: String, accessToken: String, accessTokenSecret: String) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.accessToken = accessToken
        self.accessTokenSecret = accessTokenSecret
    }

    /// Never prints the secrets.
    public var description: String { "XCredentials(consumerKey: \(consumerKey.prefix(4))…, secrets redacted)" }

    /// No children, so `dump` and reflection cannot show the secrets either.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// A configuration mistake, said the way the operator can fix it.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
