import Dispatch
import Foundation
import SwitchboardCore
import SwitchboardServer

/// `switchboard serve`: the main job — webhooks in, replies out, agents in between.
struct ServeCommand: Command {
    static let spec = CommandSpec(
        name: "serve",
        abstract: "Run Switchboard: the X webhook, the generic channel, the agent API and /metrics.",
        discussion: """
            Starts on the embedded default: the SQLite file in --data, the bot in --flows/--intents, \
            127.0.0.1:8080. Credentials come from the environment (SWITCHBOARD_X_CONSUMER_KEY, \
            SWITCHBOARD_X_CONSUMER_SECRET, SWITCHBOARD_X_ACCESS_TOKEN, SWITCHBOARD_X_ACCESS_TOKEN_SECRET) or \
            the config file, never from flags. SIGHUP reloads the bot (validated first); SIGTERM/SIGINT \
            stop gracefully.
            """,
        options: [
            .value("host", "HOST", help: "Address to listen on (TLS belongs to a reverse proxy).", default: "127.0.0.1"),
            .value("port", "PORT", help: "Port to listen on (0 picks a free one).", default: "8080"),
            .value("data", "DIR", help: "Data folder holding switchboard.sqlite.", default: "data"),
            BotOptions.flows, BotOptions.intents,
            .value("config", "FILE", help: "A JSON5 config file for everything else (see docs/configuration.md)."),
            .value("log-level", "LEVEL", help: "Least severe log level written.", choices: ["debug", "info", "warn", "error"]),
        ])

    var arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws {
        self.arguments = arguments
        _ = try arguments.integer("port", in: 0...65_535)
    }

    func configuration() throws -> ServeConfiguration {
        var configuration = ServeConfiguration()
        if let path = arguments.value("config") {
            let file = try BotDirectory.readFile(path)
            try configuration.apply(file: file)
        }
        // Flags given on the command line win over the file.
        if arguments.values["host"] != nil || arguments.value("config") == nil {
            configuration.host = arguments.value("host") ?? configuration.host
        }
        if arguments.values["port"] != nil || arguments.value("config") == nil {
            configuration.port = try arguments.integer("port", in: 0...65_535) ?? configuration.port
        }
        if let data = arguments.values["data"] { configuration.dataDirectory = data }
        if let flows = arguments.values["flows"] { configuration.flowsDirectory = flows }
        if let intents = arguments.values["intents"] { configuration.intentsDirectory = intents }
        if let level = arguments.values["log-level"] { configuration.logLevel = level }
        try configuration.apply(environment: ProcessInfo.processInfo.environment)
        return configuration
    }

    func run() async throws -> Int32 {
        let configuration = try configuration()
        let logger = Logger(
            minimumLevel: Logger.Level(name: configuration.logLevel) ?? .info,
            includeMessageText: configuration.logMessageText)
        let loaded = try BotDirectory.load(flows: configuration.flowsDirectory, intents: configuration.intentsDirectory)
        if loaded.hasErrors {
            Terminal.err(DiagnosticRenderer.text(loaded.diagnostics, sources: loaded.sources))
            Terminal.err("The bot has errors: fix them (`switchboard check`) and start again.")
            return 1
        }
        guard let bot = loaded.bot else { return 1 }
        let application = try await Application(configuration: configuration, bot: bot, logger: logger)
        Terminal.out(Self.banner(configuration, application, bot))
        await Signals.wait(
            onReload: {
                let result = application.reload(flows: configuration.flowsDirectory, intents: configuration.intentsDirectory)
                if !result.loaded && !result.diagnostics.isEmpty {
                    Terminal.err(DiagnosticRenderer.text(result.diagnostics, sources: result.sources))
                }
            })
        logger.info("shutting down: finishing in-flight requests")
        await application.shutdown()
        return 0
    }

    static func banner(_ configuration: ServeConfiguration, _ application: Application, _ bot: Bot) -> String {
        let base = "http://\(configuration.host):\(application.port)"
        let x =
            configuration.x == nil
            ? "off (set SWITCHBOARD_X_CONSUMER_KEY, _CONSUMER_SECRET, _ACCESS_TOKEN, _ACCESS_TOKEN_SECRET to turn it on)"
            : "on, webhook \(base)/webhooks/x, API \(configuration.xAPIBase)"
        let generic =
            configuration.genericWebhookSecret == nil
            ? "\(base)/api/v1/inbound (unsigned: set SWITCHBOARD_WEBHOOK_SECRET to require signatures)"
            : "\(base)/api/v1/inbound (signed)"
        return """
            Switchboard is running on \(base)
              data       \(Application.databasePath(in: configuration.dataDirectory))
              bot        \(configuration.flowsDirectory)/ + \(configuration.intentsDirectory)/ — \(bot.states.count) states, \(bot.intents.count) intents, version \(bot.version)
              X channel  \(x)
              generic    \(generic)
              agents     \(base)/api/v1/escalations (add one: switchboard agent add NAME --queues general)
              health     \(base)/healthz  \(base)/readyz  \(base)/metrics
            SIGHUP reloads the bot; Ctrl-C stops.
            """
    }
}

/// Waits for SIGTERM or SIGINT; runs `onReload` on each SIGHUP meanwhile.
enum Signals {
    static func wait(onReload: @escaping @Sendable () -> Void) async {
        let queue = DispatchQueue(label: "switchboard.signals")
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGTERM, SIGINT, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { continuation.yield(signalNumber) }
            source.resume()
            sources.append(source)
        }
        for await signalNumber in stream {
            if signalNumber == SIGHUP { onReload() } else { break }
        }
        for source in sources { source.cancel() }
    }
}
