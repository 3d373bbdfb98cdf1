import Foundation
import SwitchboardCore
import SwitchboardServer
import SwitchboardStore

/// A whole Switchboard on 127.0.0.1 with a fake X API beside it, in its own temporary folder.
struct ServeHarness {
    static let consumerSecret = "FAKE_CONSUMER_SECRET"
    static let brandID = "1000000000000000001"
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let fakeX: FakeXAPI
    let fakeServer: HTTPServer
    let app: Application
    let base: String
    let folder: URL
    let transport = URLSessionTransport()

    static func start(configure: (inout ServeConfiguration) -> Void = { _ in }) async throws -> ServeHarness {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fakeX = FakeXAPI()
        let fakeServer = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), responder: fakeX)
        let fakePort = try fakeServer.start()
        var configuration = ServeConfiguration()
        configuration.port = 0
        configuration.dataDirectory = folder.appendingPathComponent("data").path
        configuration.xAPIBase = "http://127.0.0.1:\(fakePort)"
        configuration.x = XCredentials(
            consumerKey: "key", consumerSecret: consumerSecret, accessToken: "token", accessTokenSecret: "token-secret")
        configure(&configuration)
        let loaded = try BotDirectory.load(
            flows: packageRoot.appendingPathComponent("flows").path,
            intents: packageRoot.appendingPathComponent("intents").path)
        guard let bot = loaded.bot else { throw HarnessError("the example bot does not load: \(loaded.diagnostics)") }
        let app = try await Application(
            configuration: configuration, bot: bot, logger: Logger(minimumLevel: .error, sink: { _ in }))
        return ServeHarness(
            fakeX: fakeX, fakeServer: fakeServer, app: app, base: "http://127.0.0.1:\(app.port)", folder: folder)
    }

    /// Starts a harness, runs `body`, and always stops it (and removes its folder), even on failure.
    static func run(
        configure: (inout ServeConfiguration) -> Void = { _ in }, _ body: (ServeHarness) async throws -> Void
    ) async throws {
        let harness = try await start(configure: configure)
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    func stop() async {
        await app.shutdown()
        await fakeServer.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }

    func request(
        _ method: HTTPMethod, _ path: String, body: [UInt8] = [], headers: HTTPHeaders = [:]
    ) async throws -> HTTPClientResponse {
        try await transport.send(OutgoingHTTPRequest(method: method, url: base + path, headers: headers, body: body))
    }

    /// Sends a signed DM from `customer`, as X would. The 200 comes once the DM is in the inbox, before
    /// its step; unless `settle` is false this then waits until the step has committed too, so a
    /// test can read what the DM led to.
    func dm(
        _ text: String, from customer: String = "2000000000000000002", id: String, metadata: String? = nil,
        settle: Bool = true
    ) async throws -> HTTPClientResponse {
        let (body, signature) = XWebhookFixture.dm(
            consumerSecret: Self.consumerSecret, brandID: Self.brandID, customerID: customer, eventID: id, text: text,
            quickReplyMetadata: metadata)
        let response = try await request(.post, "/webhooks/x", body: body, headers: ["x-twitter-webhooks-signature": signature])
        if settle { try await settled() }
        return response
    }

    /// Waits (bounded) until no acknowledged DM is waiting for its step.
    func settled(timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await app.store.waitingInboundCount() > 0 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Waits (bounded) until the fake X API holds at least `count` DMs.
    func waitForDMs(_ count: Int, timeout: Duration = .seconds(10)) async -> [FakeXAPI.ReceivedDM] {
        let deadline = ContinuousClock.now + timeout
        while fakeX.received.count < count && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return fakeX.received
    }

    /// Waits (bounded) until the fake X API holds at least `count` typing or mark-read calls.
    func waitForSignals(_ count: Int, timeout: Duration = .seconds(10)) async -> [FakeXAPI.ReceivedSignal] {
        let deadline = ContinuousClock.now + timeout
        while fakeX.signals.count < count && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return fakeX.signals
    }

    func json(_ response: HTTPClientResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
