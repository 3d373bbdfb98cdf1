import Foundation
import SwitchboardCore
import SwitchboardServer
import SwitchboardStore
import Testing

/// Hostile and broken clients against the whole server on 127.0.0.1: each gets a 4xx or is
/// closed, nothing they carry is stored, and a well-behaved client is served meanwhile.
@Suite struct MalformedHTTPTests {
    /// Every bad request carries a validly signed DM from this customer, so anything processed shows.
    static let intruder = "6660000000000000666"
    /// Well above the server's default 16 KiB header limit.
    static let hugeHeaderBytes = 24_000
    /// Receive timeout of the test clients: far above a local answer, far below the server's own timeouts.
    static let receiveTimeout: Duration = .seconds(3)

    enum Outcome: Equatable, CustomStringConvertible {
        case status(Int)
        case closed

        var description: String {
            switch self {
            case .status(let code): "HTTP \(code)"
            case .closed: "closed without an answer"
            }
        }

        var isRejection: Bool {
            switch self {
            case .status(let code): (400..<500).contains(code)
            case .closed: true
            }
        }
    }

    /// A signed webhook request for the intruder as raw bytes, with room for extra header lines.
    static func signedRequest(eventID: String, extraHeaders: String = "") -> (head: [UInt8], body: [UInt8]) {
        let (body, signature) = XWebhookFixture.dm(
            consumerSecret: ServeHarness.consumerSecret, brandID: ServeHarness.brandID, customerID: intruder,
            eventID: eventID, text: "hi")
        let head = "POST /webhooks/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "x-twitter-webhooks-signature: \(signature)\r\n\(extraHeaders)Content-Length: \(body.count)\r\n\r\n"
        return (Array(head.utf8), body)
    }

    /// The bad requests: what to send, and whether to half-close after sending.
    static func badRequest(_ name: String) -> (bytes: [UInt8], halfClose: Bool) {
        switch name {
        case "garbage bytes":
            var random = SeededGenerator(seed: 7)
            let noise = (0..<512).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let request = signedRequest(eventID: "bad-garbage")
            return (noise + Array("\r\n\r\n".utf8) + request.head + request.body, false)
        case "garbage request line":
            let request = signedRequest(eventID: "bad-line")
            return (Array("HELLO THERE\r\n".utf8) + request.head + request.body, false)
        case "truncated body":
            let request = signedRequest(eventID: "bad-truncated-body")
            return (request.head + request.body.prefix(request.body.count / 2), true)
        case "truncated head":
            let request = signedRequest(eventID: "bad-truncated-head")
            return (Array(request.head.prefix(request.head.count / 2)), true)
        case "huge header":
            let big = "X-Padding: " + String(repeating: "a", count: hugeHeaderBytes) + "\r\n"
            let request = signedRequest(eventID: "bad-huge-header", extraHeaders: big)
            return (request.head + request.body, false)
        case "huge request line":
            return (Array(("GET /" + String(repeating: "a", count: 20_000) + " HTTP/1.1\r\nHost: a\r\n\r\n").utf8), false)
        case "conflicting lengths":
            let request = signedRequest(eventID: "bad-lengths", extraHeaders: "Content-Length: 3\r\n")
            return (request.head + request.body, false)
        case "chunked with bad size":
            let request = signedRequest(eventID: "bad-chunked")
            let head = String(decoding: request.head, as: UTF8.self)
                .replacingOccurrences(of: "Content-Length: \(request.body.count)", with: "Transfer-Encoding: chunked")
            return (Array(head.utf8) + Array("zz\r\n".utf8) + request.body + Array("\r\n0\r\n\r\n".utf8), false)
        default:
            return ([], true)
        }
    }

    static let badRequestNames = [
        "garbage bytes", "garbage request line", "truncated body", "truncated head", "huge header", "huge request line",
        "conflicting lengths", "chunked with bad size",
    ]

    /// Sends `bytes` (ignoring a send the server cut short) and reads what comes back.
    static func attempt(port: Int, _ bytes: [UInt8], halfClose: Bool) throws -> Outcome {
        let client = try TestClient(port: port, receiveTimeout: receiveTimeout)
        try? client.send(bytes)
        if halfClose { client.finishSending() }
        do {
            guard let response = try client.readResponse() else { return .closed }
            return .status(response.status)
        } catch let failure as TestClient.Failure where failure.description.hasPrefix("closed") {
            return .closed
        }
    }

    /// `/healthz` and a signed DM from `customer`, over raw sockets; returns both statuses.
    static func wellBehavedClient(port: Int, customer: String, eventID: String) throws -> (health: Int, webhook: Int) {
        let client = try TestClient(port: port, receiveTimeout: receiveTimeout)
        try client.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let health = try client.readResponse()?.status ?? 0
        let (body, signature) = XWebhookFixture.dm(
            consumerSecret: ServeHarness.consumerSecret, brandID: ServeHarness.brandID, customerID: customer,
            eventID: eventID, text: "hi")
        try client.send(
            "POST /webhooks/x HTTP/1.1\r\nHost: 127.0.0.1\r\nx-twitter-webhooks-signature: \(signature)\r\n"
                + "Content-Length: \(body.count)\r\n\r\n")
        try client.send(body)
        let webhook = try client.readResponse()?.status ?? 0
        return (health, webhook)
    }

    func expectNothingStoredForTheIntruder(_ harness: ServeHarness) async throws {
        let key = ConversationKey(account: AccountID(ServeHarness.brandID), customer: CustomerID(Self.intruder))
        #expect(try await harness.app.store.conversation(key) == nil)
        #expect(!harness.fakeX.received.contains { $0.recipientID == Self.intruder })
    }

    @Test(arguments: badRequestNames)
    func badRequestIsRejectedWhileAGoodClientIsServed(name: String) async throws {
        try await ServeHarness.run { (harness: ServeHarness) async throws in
            let port = harness.app.port
            let bad = Self.badRequest(name)
            async let rejected = offThread { try Self.attempt(port: port, bad.bytes, halfClose: bad.halfClose) }
            async let served = offThread { try Self.wellBehavedClient(port: port, customer: "4000000000000000004", eventID: "good-1") }
            let (outcome, good) = try await (rejected, served)

            // Transfer-Encoding is not implemented: 501 is the honest answer to a chunked body.
            #expect(outcome.isRejection || (name == "chunked with bad size" && outcome == .status(501)), "\(name): \(outcome)")
            #expect(good.health == 200)
            #expect(good.webhook == 200)
            let delivered = await harness.waitForDMs(1)
            #expect(delivered.first?.recipientID == "4000000000000000004")
            try await expectNothingStoredForTheIntruder(harness)
        }
    }

    @Test func expectedStatusesForSizeLimits() async throws {
        try await ServeHarness.run { (harness: ServeHarness) async throws in
            let port = harness.app.port
            let outcomes = try await offThread {
                try ["huge header", "huge request line", "garbage request line"].map { name in
                    let bad = Self.badRequest(name)
                    return try Self.attempt(port: port, bad.bytes, halfClose: bad.halfClose)
                }
            }
            #expect(outcomes == [.status(431), .status(414), .status(400)])
        }
    }

    /// A client that dribbles header lines stays unanswered while a good client is served in the
    /// middle of its dribble, and is refused once its head passes the header limit.
    @Test func slowlorisDoesNotHoldUpOthersAndIsRefusedAtTheHeaderLimit() async throws {
        try await ServeHarness.run { (harness: ServeHarness) async throws in
            let port = harness.app.port
            let (good, slowOutcome) = try await offThread {
                let slow = try TestClient(port: port, receiveTimeout: Self.receiveTimeout)
                let request = Self.signedRequest(eventID: "bad-slow")
                try slow.send(Array(request.head.prefix(40)))
                let line = "X-Slow: " + String(repeating: "s", count: 200) + "\r\n"
                var good: (health: Int, webhook: Int) = (0, 0)
                var sentHeaderBytes = 0
                for index in 0..<200 where sentHeaderBytes <= Self.hugeHeaderBytes {
                    if index == 10 {
                        // Mid-dribble: the slow client's head is open, and others must not wait for it.
                        good = try Self.wellBehavedClient(port: port, customer: "5000000000000000005", eventID: "good-2")
                    }
                    guard (try? slow.send(line)) != nil else { break }
                    sentHeaderBytes += line.utf8.count
                    Thread.sleep(forTimeInterval: 0.005)
                }
                guard let response = try? slow.readResponse() else { return (good, Outcome.closed) }
                return (good, Outcome.status(response.status))
            }
            #expect(good.health == 200)
            #expect(good.webhook == 200)
            #expect(slowOutcome == .status(431) || slowOutcome == .closed, "\(slowOutcome)")
            #expect(await harness.waitForDMs(1).first?.recipientID == "5000000000000000005")
            try await expectNothingStoredForTheIntruder(harness)
        }
    }
}
