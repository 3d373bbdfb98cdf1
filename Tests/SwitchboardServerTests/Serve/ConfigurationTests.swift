import SwitchboardCore
import SwitchboardServer
import Testing

/// `ServeConfiguration` from the environment and from the JSON5 config file, and what its errors say.
@Suite struct ConfigurationTests {
    typealias Env = ServeConfiguration.Environment

    static let secrets = [
        Env.consumerKey: "ck-FAKE-consumer-key-0001",
        Env.consumerSecret: "cs-FAKE-consumer-secret-0002",
        Env.accessToken: "at-FAKE-access-token-0003",
        Env.accessTokenSecret: "ats-FAKE-access-token-secret-0004",
    ]

    static func applying(_ text: String, to configuration: ServeConfiguration = ServeConfiguration()) throws(ConfigurationError) -> ServeConfiguration {
        var configuration = configuration
        try configuration.apply(file: SourceFile(path: "switchboard.json5", text: text))
        return configuration
    }

    static func error(applying text: String) -> String {
        do {
            _ = try applying(text)
            return "no error"
        } catch {
            return error.description
        }
    }

    // MARK: Environment

    @Test func noCredentialsLeaveTheXChannelOff() throws {
        var configuration = ServeConfiguration()
        try configuration.apply(environment: ["HOME": "/root"])
        #expect(configuration.x == nil)
        #expect(configuration.xAPIBase == "https://api.twitter.com")
    }

    @Test func allFourCredentialsTurnTheXChannelOn() throws {
        var configuration = ServeConfiguration()
        try configuration.apply(environment: Self.secrets.merging([Env.apiBase: "http://127.0.0.1:9"]) { $1 })
        let x = try #require(configuration.x)
        #expect(x.consumerKey == Self.secrets[Env.consumerKey])
        #expect(x.consumerSecret == Self.secrets[Env.consumerSecret])
        #expect(x.accessToken == Self.secrets[Env.accessToken])
        #expect(x.accessTokenSecret == Self.secrets[Env.accessTokenSecret])
        #expect(configuration.xAPIBase == "http://127.0.0.1:9")
    }

    @Test(arguments: [
        [Env.consumerKey],
        [Env.consumerKey, Env.consumerSecret, Env.accessToken],
        [Env.accessTokenSecret],
    ])
    func partialCredentialsNameTheMissingOnes(given: [String]) {
        let environment = Self.secrets.filter { given.contains($0.key) }
        var configuration = ServeConfiguration()
        do {
            try configuration.apply(environment: environment)
            Issue.record("partial credentials were accepted")
        } catch {
            let words = Set(error.description.split { !($0.isLetter || $0 == "_") }.map(String.init))
            for name in Self.secrets.keys {
                let named = words.contains(name)
                #expect(named == !given.contains(name), "\(name) in: \(error)")
            }
            for value in Self.secrets.values { #expect(!error.description.contains(value), "the error shows a secret") }
        }
        #expect(configuration.x == nil)
    }

    @Test func emptyVariablesCountAsUnset() throws {
        var configuration = ServeConfiguration()
        let blank = Self.secrets.mapValues { _ in "" }.merging([Env.apiBase: ""]) { $1 }
        try configuration.apply(environment: blank)
        #expect(configuration.x == nil)
        #expect(configuration.xAPIBase == "https://api.twitter.com")
        var partial = ServeConfiguration()
        #expect(throws: ConfigurationError.self) {
            try partial.apply(environment: Self.secrets.merging([Env.accessTokenSecret: ""]) { $1 })
        }
    }

    @Test func credentialsNeverPrintTheirSecrets() throws {
        var configuration = ServeConfiguration()
        try configuration.apply(environment: Self.secrets)
        let x = try #require(configuration.x)
        var dumped = ""
        dump(x, to: &dumped)
        for text in [x.description, "\(x)", String(reflecting: x), "\(configuration.x as Any)", dumped] {
            for name in [Env.consumerSecret, Env.accessToken, Env.accessTokenSecret] {
                let secret = try #require(Self.secrets[name])
                #expect(!text.contains(secret), "\(name) printed in: \(text)")
            }
        }
    }

    // MARK: Config file

    @Test func goodFileSetsEveryField() throws {
        let configuration = try Self.applying(
            """
            // Acme's Switchboard
            {
              host: "0.0.0.0", port: 9090, data: "/var/lib/switchboard", flows: "bot/flows", intents: "bot/intents",
              maxBodyBytes: 65536, maxConnections: 100, askForRating: false, reopenWindowMinutes: 5,
              commitGatherMicroseconds: 500,
              log: { level: "warn", messageText: true },
              generic: { webhookUrl: "https://example.com/hook", secret: "g-secret" },
              x: { accountId: "1000000000000000001", apiBase: "http://127.0.0.1:1",
                   consumerKey: "k", consumerSecret: "s", accessToken: "t", accessTokenSecret: "ts", },
            }
            """)
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 9090)
        #expect(configuration.dataDirectory == "/var/lib/switchboard")
        #expect(configuration.flowsDirectory == "bot/flows")
        #expect(configuration.intentsDirectory == "bot/intents")
        #expect(configuration.maximumBodyBytes == 65536)
        #expect(configuration.maximumConnections == 100)
        #expect(configuration.askForRating == false)
        #expect(configuration.reopenWindow == .seconds(300))
        #expect(configuration.commitGather == .microseconds(500))
        #expect(configuration.logLevel == "warn")
        #expect(configuration.logMessageText)
        #expect(configuration.genericWebhookURL == "https://example.com/hook")
        #expect(configuration.genericWebhookSecret == "g-secret")
        #expect(configuration.xAccountID == "1000000000000000001")
        #expect(configuration.xAPIBase == "http://127.0.0.1:1")
        #expect(configuration.x?.accessTokenSecret == "ts")
    }

    @Test func emptyFileChangesNothing() throws {
        let configuration = try Self.applying("{}")
        #expect(configuration.port == 8080)
        #expect(configuration.x == nil)
    }

    @Test func unknownKeySuggestsTheClosestWithItsPosition() {
        #expect(Self.error(applying: "{\n  host: \"127.0.0.1\",\n  prot: 9000,\n}")
            == "switchboard.json5:3:3: error: unknown setting 'prot'; did you mean 'port'?")
    }

    @Test func unknownNestedKeyIsNamedWithItsPath() {
        #expect(Self.error(applying: "{ log: { levle: \"info\" } }")
            == "switchboard.json5:1:10: error: unknown setting 'log.levle'; did you mean 'level'?")
    }

    @Test func unknownKeyFarFromEveryNameHasNoGuess() {
        #expect(Self.error(applying: "{ completelyDifferent: 1 }") == "switchboard.json5:1:3: error: unknown setting 'completelyDifferent'")
    }

    @Test(arguments: [
        ("{ host: 5 }", "switchboard.json5:1:9: error: 'host' must be a string"),
        ("{\n  port: \"8080\" }", "switchboard.json5:2:9: error: 'port' must be a whole number from 0 to 65535"),
        ("{ port: 80.5 }", "switchboard.json5:1:9: error: 'port' must be a whole number from 0 to 65535"),
        ("{ askForRating: \"yes\" }", "switchboard.json5:1:17: error: 'askForRating' must be true or false"),
        ("{ log: \"info\" }", "switchboard.json5:1:8: error: 'log' must be an object { … }"),
        ("{ log: { level: \"loud\" } }", "switchboard.json5:1:17: error: 'log.level' must be debug, info, warn or error, not 'loud'"),
        ("{ x: { apiBase: false } }", "switchboard.json5:1:17: error: 'x.apiBase' must be a string"),
    ])
    func wrongTypeIsReportedAtTheValue(text: String, expected: String) {
        #expect(Self.error(applying: text) == expected)
    }

    @Test(arguments: ["70000", "65536", "-1", "1e10", "99999999999999999999999"])
    func outOfRangePortIsRejected(port: String) {
        #expect(Self.error(applying: "{ port: \(port) }") == "switchboard.json5:1:9: error: 'port' must be a whole number from 0 to 65535")
    }

    @Test(arguments: ["0", "65535", "8080"])
    func portsInRangeAreAccepted(port: String) throws {
        #expect(try Self.applying("{ port: \(port) }").port == Int(port))
    }

    @Test(arguments: [("{ maxBodyBytes: 10 }", "maxBodyBytes"), ("{ maxConnections: 0 }", "maxConnections"), ("{ reopenWindowMinutes: -5 }", "reopenWindowMinutes"),
        ("{ commitGatherMicroseconds: 20000 }", "commitGatherMicroseconds"),
    ])
    func otherLimitsAreChecked(text: String, key: String) {
        #expect(Self.error(applying: text).hasPrefix("switchboard.json5:1:"))
        #expect(Self.error(applying: text).contains("'\(key)' must be a whole number from"))
    }

    @Test func syntaxErrorHasItsPosition() {
        #expect(Self.error(applying: "{\n  port: 80,,\n}").hasPrefix("switchboard.json5:2:"))
    }

    @Test func rootThatIsNotAnObjectIsRejected() {
        #expect(Self.error(applying: "[1]") == "switchboard.json5:1:1: error: the config file must be an object { … }")
    }

    @Test func partialCredentialsInTheFileArePlacedAndDoNotLeak() {
        let message = Self.error(applying: "{\n  x: { consumerKey: \"k\", consumerSecret: \"cs-FAKE-secret\" },\n}")
        #expect(message.hasPrefix("switchboard.json5:2:"), "no position in: \(message)")
        #expect(message.contains("consumerKey, consumerSecret, accessToken, accessTokenSecret"))
        #expect(!message.contains("cs-FAKE-secret"))
    }

    @Test func environmentAfterTheFileOverridesTheAPIBase() throws {
        var configuration = try Self.applying(#"{ x: { apiBase: "http://from-file" } }"#)
        try configuration.apply(environment: [Env.apiBase: "http://from-env"])
        #expect(configuration.xAPIBase == "http://from-env")
    }
}
