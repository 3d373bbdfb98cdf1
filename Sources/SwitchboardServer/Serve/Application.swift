public import SwitchboardCore
public import SwitchboardStore
import Foundation

/// A running Switchboard: store, bot, HTTP server and outbox sender, wired together.
///
/// The composition root: each part is built here and handed what it needs; none of them knows
/// about the others beyond the protocols they take.
public final class Application: Sendable {
    public let configuration: ServeConfiguration
    public let store: SQLiteStore
    public let bots: BotHolder
    public let metrics: Metrics
    public let logger: Logger
    public let port: Int
    let server: HTTPServer
    let sender: OutboxSender
    let senderTask: Task<Void, Never>
    /// Typing indicators and mark-read, best-effort; nil when the X channel is off.
    let signals: XSignalSender?
    let signalsTask: Task<Void, Never>?

    /// The database file inside the data folder.
    public static func databasePath(in dataDirectory: String) -> String {
        (dataDirectory.hasSuffix("/") ? dataDirectory : dataDirectory + "/") + "switchboard.sqlite"
    }

    /// Opens the store (creating the data folder), starts the sender and the HTTP server.
    public init(
        configuration: ServeConfiguration, bot: Bot, logger: Logger,
        transport: (any HTTPTransport)? = nil,
        clock: @escaping @Sendable () -> Int64 = Logger.wallClockMilliseconds
    ) async throws {
        self.configuration = configuration
        self.logger = logger
        let metrics = Metrics()
        Self.describe(metrics)
        self.metrics = metrics
        try Self.makeDataDirectory(configuration.dataDirectory)
        var options = StoreOptions()
        options.commitGather = configuration.commitGather
        options.queue.reopenWindowMinutes = configuration.reopenWindow.wholeMilliseconds / 60_000
        configuration.queues.apply(to: &options.queue)
        let store = try SQLiteStore(path: Self.databasePath(in: configuration.dataDirectory), options: options)
        self.store = store
        let bots = BotHolder(bot)
        self.bots = bots

        let transport = transport ?? StandardHTTPTransport(client: configuration.httpClient)
        let delivery = Delivery(transport: transport, policy: XRetryPolicy(), clock: clock)
        let x = configuration.x.map { XChannel(credentials: $0, apiBase: configuration.xAPIBase, delivery: delivery) }
        let sender = OutboxSender(
            store: store, x: x,
            generic: GenericWebhookChannel(
                url: configuration.genericWebhookURL, secret: configuration.genericWebhookSecret, delivery: delivery),
            metrics: metrics, logger: logger, clock: clock, pollInterval: configuration.outboxPollInterval)
        self.sender = sender
        try await DeliveryReconciler(store: store, x: x, logger: logger, clock: clock).settle()
        let signals = configuration.x.map {
            XSignalSender(
                credentials: $0, apiBase: configuration.xAPIBase, transport: transport, metrics: metrics, logger: logger,
                clock: clock)
        }
        self.signals = signals
        let pipeline = InboundPipeline(
            store: store, bots: bots, queuePolicy: options.queue, metrics: metrics, logger: logger,
            outboxReady: { sender.notify() },
            pausedUntil: { channel in sender.pauses.resumesAt(channel, now: clock()).map { Instant(milliseconds: $0) } })
        // DMs acknowledged just before the last run ended are stepped first, before anyone can write again.
        let waiting = try await pipeline.processWaiting()
        if waiting.processed + waiting.failed > 0 {
            logger.info("waiting dms processed", ["processed": String(waiting.processed), "failed": String(waiting.failed)])
        }
        let service = Service(
            configuration: configuration, store: store, bots: bots, pipeline: pipeline, metrics: metrics,
            logger: logger, clock: clock, notifySender: { sender.notify() }, signals: signals)
        var http = HTTPServerConfiguration()
        http.host = configuration.host
        http.port = configuration.port
        http.maxConnections = configuration.maximumConnections
        http.limits.maxBodyBytes = configuration.maximumBodyBytes
        let server = HTTPServer(configuration: http, responder: service)
        do {
            port = try server.start()
        } catch {
            store.close()
            throw ConfigurationError("cannot listen on \(configuration.host):\(configuration.port): \(error)")
        }
        self.server = server
        senderTask = Task.detached { await sender.run() }
        signalsTask = signals.map { signals in Task.detached { await signals.run() } }
        sender.notify()  // deliver whatever a previous run left in the outbox
    }

    /// Validates and swaps in a new bot; on errors the old one keeps serving. Returns the diagnostics.
    public func reload(flows: String, intents: String) -> (loaded: Bool, diagnostics: [Diagnostic], sources: [String: [UInt8]]) {
        do {
            let loaded = try BotDirectory.load(flows: flows, intents: intents)
            guard let bot = loaded.bot else {
                logger.error("reload rejected: the bot has errors; still serving the previous version",
                    ["errors": String(loaded.diagnostics.filter { $0.severity == .error }.count)])
                return (false, loaded.diagnostics, loaded.sources)
            }
            bots.replace(with: bot)
            logger.info("bot reloaded", ["version": bot.version])
            return (true, loaded.diagnostics, loaded.sources)
        } catch {
            logger.error("reload rejected; still serving the previous version", ["error": "\(error)"])
            return (false, [], [:])
        }
    }

    /// Stops accepting, finishes in-flight requests, stops the sender and closes the store.
    public func shutdown() async {
        await server.shutdown()
        sender.stop()
        signals?.stop()
        await senderTask.value
        await signalsTask?.value
        store.close()
        logger.info("stopped")
    }

    static func makeDataDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ConfigurationError("the data folder \(path) is a file; pass a folder with --data DIR")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ConfigurationError("cannot create the data folder \(path): \(error.localizedDescription)")
        }
    }

    static func describe(_ metrics: Metrics) {
        metrics.describe("switchboard_dms_received_total", type: "counter", help: "Customer DMs processed, by channel.")
        metrics.describe("switchboard_dms_duplicate_total", type: "counter", help: "Redelivered DMs recognised and ignored.")
        metrics.describe("switchboard_replies_sent_total", type: "counter", help: "Outbound messages the channel accepted.")
        metrics.describe("switchboard_replies_failed_total", type: "counter", help: "Outbound messages that failed for good.")
        metrics.describe("switchboard_reply_retries_total", type: "counter", help: "Outbound attempts that will be retried.")
        metrics.describe("switchboard_rate_limited_total", type: "counter", help: "Outbound attempts the channel refused with 429.")
        metrics.describe(
            "switchboard_channel_paused_until_seconds", type: "gauge",
            help: "When the channel's last rate-limit pause ends (Unix seconds); sending is paused while it is ahead.")
        metrics.describe("switchboard_decisions_total", type: "counter", help: "Classifier decisions: confident, ambiguous, unknown.")
        metrics.describe("switchboard_handoffs_total", type: "counter", help: "Hand-offs to people, by reason.")
        metrics.describe("switchboard_conversations_contained_total", type: "counter", help: "Conversations finished without a person.")
        metrics.describe("switchboard_containment_ratio", type: "gauge", help: "Finished without a person / (that + hand-offs).")
        metrics.describe("switchboard_queue_depth", type: "gauge", help: "Open escalations by queue and status.")
        metrics.describe("switchboard_sla_breached", type: "gauge", help: "Open escalations past their SLA.")
        metrics.describe("switchboard_outbox_backlog", type: "gauge", help: "Outbound messages waiting to be sent.")
        metrics.describe("switchboard_outbox_failed", type: "gauge", help: "Outbound messages that failed for good.")
        metrics.describe(
            "switchboard_inbox_waiting", type: "gauge",
            help: "DMs acknowledged (inbox committed) whose step has not run yet; above zero for long, the bot is behind.")
        metrics.describe("switchboard_dms_failed_total", type: "counter", help: "Acknowledged DMs whose step failed, by reason (step: given up; store: retried at the next start).")
        metrics.describe("switchboard_webhook_seconds", type: "histogram", help: "Time to verify, commit the inbox rows and answer an X webhook.")
        metrics.describe("switchboard_webhooks_rejected_total", type: "counter", help: "Webhooks rejected (signature, payload).")
        XSignalSender.describe(metrics)
    }
}
