import SwitchboardCore
public import SwitchboardStore
import Foundation

/// Switchboard's HTTP surface: the X webhook, the generic channel, the agent API and operations.
///
/// Every route is a small method in an extension named after its area; this type only holds
/// what they share and dispatches by path.
public final class Service: HTTPResponder {
    let configuration: ServeConfiguration
    let store: SQLiteStore
    let bots: BotHolder
    let pipeline: InboundPipeline
    let metrics: Metrics
    let logger: Logger
    let clock: @Sendable () -> Int64
    let notifySender: @Sendable () -> Void
    let xVerifier: XWebhookSignatureVerifier?
    /// Typing indicators and mark-read on X; nil when the X channel is off.
    let signals: XSignalSender?

    public init(
        configuration: ServeConfiguration, store: SQLiteStore, bots: BotHolder, pipeline: InboundPipeline,
        metrics: Metrics, logger: Logger, clock: @escaping @Sendable () -> Int64,
        notifySender: @escaping @Sendable () -> Void, signals: XSignalSender? = nil
    ) {
        self.configuration = configuration
        self.store = store
        self.bots = bots
        self.pipeline = pipeline
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
        self.notifySender = notifySender
        self.signals = signals
        xVerifier = configuration.x.map { XWebhookSignatureVerifier(consumerSecret: $0.consumerSecret) }
    }

    var now: Instant { Instant(milliseconds: clock()) }

    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        do {
            return try await route(request)
        } catch let error as APIError {
            return error.response
        } catch let error as QueueError {
            return Self.apiError(for: error).response
        } catch {
            logger.error("request failed", ["path": request.path, "error": "\(error)"])
            return APIError(.internalServerError, "internal", "the request could not be completed; it is safe to retry")
                .response
        }
    }

    func route(_ request: HTTPRequest) async throws -> HTTPResponse {
        let path = request.path
        // Parts as substrings of the path: this runs for every request (nearly all of them X's
        // webhooks), and only the agent API needs them as strings.
        let parts = path.split(separator: "/")
        if parts.count > 2, parts[0] == "api", parts[1] == "v1", parts[2] != "inbound" {
            return try await agentAPI(request, parts.dropFirst(2).map(String.init))
        }
        switch (request.method, parts) {
        case (.get, ["healthz"]): return .text("ok\n")
        case (.get, ["readyz"]): return try await readiness()
        case (.get, ["metrics"]): return try await metricsExposition()
        case (.get, ["webhooks", "x"]): return try crc(request)
        case (.post, ["webhooks", "x"]): return try await xWebhook(request)
        case (.post, ["api", "v1", "inbound"]): return try await genericInbound(request)
        case (_, ["healthz"]), (_, ["readyz"]), (_, ["metrics"]), (_, ["webhooks", "x"]):
            throw APIError(.methodNotAllowed, "method_not_allowed", "\(request.method) is not allowed on \(path)")
        default:
            throw APIError(.notFound, "not_found", "no route for \(path); see docs/api.md")
        }
    }

    static func apiError(for error: QueueError) -> APIError {
        switch error {
        case .escalationNotFound, .agentNotFound: APIError(.notFound, "not_found", error.description)
        case .alreadyClaimed, .notOwner, .alreadyResolved, .notResolved, .atCapacity:
            APIError(.conflict, "conflict", error.description)
        case .invalidCSAT, .invalidInput: APIError(.badRequest, "invalid", error.description)
        }
    }
}

