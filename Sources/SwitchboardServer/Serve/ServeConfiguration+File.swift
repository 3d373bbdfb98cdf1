public import SwitchboardCore

extension ServeConfiguration {
    /// The config file's fields (JSON5), e.g. `switchboard.json5`:
    /// ```json5
    /// { host: "127.0.0.1", port: 8080, data: "data", flows: "flows", intents: "intents",
    ///   maxBodyBytes: 1048576, maxConnections: 4096,
    ///   x: { accountId: "1000000000000000001", apiBase: "https://api.twitter.com",
    ///        consumerKey: "…", consumerSecret: "…", accessToken: "…", accessTokenSecret: "…",
    ///        markRead: false },
    ///   generic: { webhookUrl: "https://example.com/hooks/switchboard", secret: "…" },
    ///   askForRating: true, reopenWindowMinutes: 30, log: { level: "info", messageText: false },
    ///   httpClient: "auto", commitGatherMicroseconds: 0 }
    /// ```
    static let fileKeys = [
        "host", "port", "data", "flows", "intents", "maxBodyBytes", "maxConnections", "x", "generic", "askForRating",
        "reopenWindowMinutes", "log", "queues", "priority", "httpClient", "commitGatherMicroseconds", "$schema",
    ]

    /// The keys of an object value (queue names are the author's own).
    static func keys(_ value: JSON5Value) -> [String] {
        if case .object(let object) = value.kind { return object.keys }
        return []
    }

    /// Applies a config file; every problem is reported with its `file:line:col`.
    public mutating func apply(file: SourceFile) throws(ConfigurationError) {
        let parsed = JSON5Parser.parse(file.bytes, file: file.path)
        if let error = parsed.diagnostics.first(where: { $0.severity == .error }) {
            throw ConfigurationError(error.description)
        }
        guard let root = parsed.value, case .object(let object) = root.kind else {
            throw ConfigurationError("\(file.path):1:1: error: the config file must be an object { … }")
        }
        let reader = ConfigReader(object: object, path: "", allowed: Self.fileKeys)
        try reader.checkKeys()
        if let value = try reader.string("host") { host = value }
        if let value = try reader.integer("port", in: 0...65_535) { port = value }
        if let value = try reader.string("data") { dataDirectory = value }
        if let value = try reader.string("flows") { flowsDirectory = value }
        if let value = try reader.string("intents") { intentsDirectory = value }
        if let value = try reader.integer("maxBodyBytes", in: 1_024...(64 << 20)) { maximumBodyBytes = value }
        if let value = try reader.integer("maxConnections", in: 1...100_000) { maximumConnections = value }
        if let value = try reader.bool("askForRating") { askForRating = value }
        if let value = try reader.string("httpClient") {
            guard let client = OutboundHTTPClient(rawValue: value) else {
                throw reader.error("httpClient", "must be \"auto\" or \"urlsession\", not '\(value)'")
            }
            httpClient = client
        }
        if let value = try reader.integer("commitGatherMicroseconds", in: 0...10_000) {
            commitGather = .microseconds(value)
        }
        if let value = try reader.integer("reopenWindowMinutes", in: 0...(60 * 24 * 30)) {
            reopenWindow = .seconds(Int64(value) * 60)
        }
        if let queues = try reader.object("queues", allowed: reader.object["queues"].map(Self.keys) ?? []) {
            try self.queues.apply(queues: queues)
        }
        if let priority = try reader.object(
            "priority",
            allowed: ["negativeTone", "veryNegativeTone", "waitingPerHour", "repeatContact", "repeatContactCap", "askedForPerson"])
        {
            try self.queues.apply(priority: priority)
        }
        if let log = try reader.object("log", allowed: ["level", "messageText"]) {
            if let level = try log.string("level") {
                guard Logger.Level(name: level) != nil else {
                    throw log.error("log.level", "must be debug, info, warn or error, not '\(level)'")
                }
                logLevel = level
            }
            if let value = try log.bool("messageText") { logMessageText = value }
        }
        if let generic = try reader.object("generic", allowed: ["webhookUrl", "secret"]) {
            genericWebhookURL = try generic.string("webhookUrl")
            genericWebhookSecret = try generic.string("secret") ?? genericWebhookSecret
        }
        if let x = try reader.object(
            "x",
            allowed: ["accountId", "apiBase", "consumerKey", "consumerSecret", "accessToken", "accessTokenSecret", "markRead"])
        {
            xAccountID = try x.string("accountId")
            if let base = try x.string("apiBase") { xAPIBase = base }
            if let value = try x.bool("markRead") { xMarkRead = value }
            let secrets = try ["consumerKey", "consumerSecret", "accessToken", "accessTokenSecret"].map { key throws(ConfigurationError) in
                try x.string(key)
            }
            let present = secrets.compactMap { $0 }
            if present.count == 4 {
                self.x = XCredentials(
                    consumerKey: present[0], consumerSecret: present[1], accessToken: present[2],
                    accessTokenSecret: present[3])
            } else if !present.isEmpty {
                throw reader.error("x", "give all four of consumerKey, consumerSecret, accessToken, accessTokenSecret, or none")
            }
        }
    }
}

/// Reads one object of the config file with positions for every error.
struct ConfigReader {
    var object: JSON5Object
    var path: String
    var allowed: [String]

    func error(_ key: String, _ message: String) -> ConfigurationError {
        let location = object.member(key.split(separator: ".").last.map(String.init) ?? key)?.value.location
        return ConfigurationError("\(location.map { "\($0): " } ?? "")error: '\(key)' \(message)")
    }

    func checkKeys() throws(ConfigurationError) {
        for member in object.members where !allowed.contains(member.key) {
            var message = "\(member.keyLocation): error: unknown setting '\(path)\(member.key)'"
            if let guess = Suggestion.closest(to: member.key, among: allowed) { message += "; did you mean '\(guess)'?" }
            throw ConfigurationError(message)
        }
    }

    func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let value = object[key] else { return nil }
        guard case .string(let text) = value.kind else { throw error(path + key, "must be a string") }
        return text
    }

    func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = object[key] else { return nil }
        guard case .bool(let flag) = value.kind else { throw error(path + key, "must be true or false") }
        return flag
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let value = object[key] else { return nil }
        guard case .number(let number) = value.kind, let integer = number.integer, range.contains(integer) else {
            throw error(path + key, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return integer
    }

    func object(_ key: String, allowed: [String]) throws(ConfigurationError) -> ConfigReader? {
        guard let value = object[key] else { return nil }
        guard case .object(let inner) = value.kind else { throw error(path + key, "must be an object { … }") }
        let reader = ConfigReader(object: inner, path: path + key + ".", allowed: allowed)
        try reader.checkKeys()
        return reader
    }
}
