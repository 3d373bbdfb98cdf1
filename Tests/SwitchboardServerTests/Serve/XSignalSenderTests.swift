import Foundation
import Synchronization
import Testing
@testable import SwitchboardServer

/// The signal sender against a scripted transport and a clock the test moves by hand.
@Suite struct XSignalSenderTests {
    static let credentials = XCredentials(
        consumerKey: "key", consumerSecret: "secret", accessToken: "token", accessTokenSecret: "token-secret")
    static let start: Int64 = 1_700_000_000_000

    /// Answers each request with the next scripted response (204 when none is left) and records it.
    final class ScriptedTransport: HTTPTransport {
        struct Script {
            var requests: [OutgoingHTTPRequest] = []
            var responses: [Result<HTTPClientResponse, HTTPTransportError>] = []
        }
        let script = Mutex(Script())

        var requests: [OutgoingHTTPRequest] { script.withLock { $0.requests } }
        func answer(_ responses: Result<HTTPClientResponse, HTTPTransportError>...) {
            script.withLock { $0.responses += responses }
        }

        func send(_ request: OutgoingHTTPRequest) async throws -> HTTPClientResponse {
            let next = script.withLock { script in
                script.requests.append(request)
                return script.responses.isEmpty ? nil : script.responses.removeFirst()
            }
            return try (next ?? .success(HTTPClientResponse(status: 204))).get()
        }
    }

    final class ManualClock: Sendable {
        let milliseconds = Mutex(XSignalSenderTests.start)
        var now: Int64 { milliseconds.withLock { $0 } }
        func advance(_ by: Int64) { milliseconds.withLock { $0 += by } }
    }

    struct Rig {
        let transport = ScriptedTransport()
        let clock = ManualClock()
        let metrics = Metrics()
        let sender: XSignalSender

        init(budget: ((Int64) -> XSignalBudget)? = nil) {
            let clock = clock
            sender = XSignalSender(
                credentials: XSignalSenderTests.credentials, apiBase: "https://api.twitter.com/", transport: transport,
                metrics: metrics, logger: Logger(minimumLevel: .error, sink: { _ in }), clock: { clock.now },
                budget: budget ?? { XSignalBudget(now: $0) })
        }

        func count(_ kind: XSignal.Kind, _ result: XSignalSender.Outcome) -> Double {
            metrics.counter(XSignalSender.metricName, labels: ["kind": kind.rawValue, "result": result.rawValue])
        }
    }

    static func form(_ request: OutgoingHTTPRequest) -> [String: String] {
        var form: [String: String] = [:]
        for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            if parts.count == 2 { form[parts[0]] = parts[1] }
        }
        return form
    }

    @Test func aMarkReadIsAFormPostSignedOverItsBody() async throws {
        let rig = Rig()
        #expect(rig.sender.enqueue(.markRead(recipientID: "2000000000000000002", lastReadEventID: "1100000000000000003")) == .queued)
        await rig.sender.drain()
        let request = try #require(rig.transport.requests.first)
        #expect(request.url == "https://api.twitter.com/1.1/direct_messages/mark_read.json")
        #expect(request.method == .post)
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        #expect(Self.form(request) == ["last_read_event_id": "1100000000000000003", "recipient_id": "2000000000000000002"])
        #expect(
            OAuthHeaderCheck.verifies(
                request.headers["authorization"], url: request.url, form: Self.form(request), credentials: Self.credentials))
        // Signed without the form parameters, the same header would not verify.
        #expect(
            !OAuthHeaderCheck.verifies(request.headers["authorization"], url: request.url, form: [:], credentials: Self.credentials))
        #expect(rig.count(.markRead, .sent) == 1)
    }

    @Test func coalescedSignalsAreSentOnceAndNotCounted() async {
        let rig = Rig()
        rig.sender.enqueue(.markRead(recipientID: "7", lastReadEventID: "10"))
        rig.sender.enqueue(.markRead(recipientID: "7", lastReadEventID: "12"))
        rig.sender.enqueue(.typing(recipientID: "7"))
        #expect(rig.sender.enqueue(.typing(recipientID: "7")) == .coalesced)
        await rig.sender.drain()
        #expect(rig.transport.requests.count == 2)
        #expect(rig.transport.requests.map { Self.form($0)["last_read_event_id"] }.contains("12"))
        #expect(rig.count(.markRead, .sent) == 1)
        #expect(rig.count(.typing, .sent) == 1)
    }

    @Test func a429PausesThatEndpointUntilXsResetAndTheOtherKeepsSending() async {
        let rig = Rig()
        let reset = Self.start / 1000 + 60
        rig.transport.answer(.success(HTTPClientResponse(status: 429, headers: ["x-rate-limit-reset": String(reset)])))
        rig.sender.enqueue(.markRead(recipientID: "1", lastReadEventID: "5"))
        await rig.sender.drain()
        #expect(rig.count(.markRead, .failed) == 1)

        // Paused: dropped without a request; typing has its own limit and still goes out.
        rig.clock.advance(59_000)
        rig.sender.enqueue(.markRead(recipientID: "2", lastReadEventID: "6"))
        rig.sender.enqueue(.typing(recipientID: "2"))
        await rig.sender.drain()
        #expect(rig.transport.requests.count == 2)
        #expect(rig.transport.requests.last?.url.hasSuffix("indicate_typing.json") == true)
        #expect(rig.count(.markRead, .droppedBudget) == 1)
        #expect(rig.count(.typing, .sent) == 1)

        // After the reset, mark-read is sent again.
        rig.clock.advance(1_000)
        rig.sender.enqueue(.markRead(recipientID: "3", lastReadEventID: "7"))
        await rig.sender.drain()
        #expect(rig.transport.requests.count == 3)
        #expect(rig.count(.markRead, .sent) == 1)
    }

    @Test func aSuccessThatUsedUpXsWindowPausesBeforeA429() async {
        let rig = Rig()
        let reset = Self.start / 1000 + 30
        rig.transport.answer(
            .success(HTTPClientResponse(status: 204, headers: ["x-rate-limit-remaining": "0", "x-rate-limit-reset": String(reset)])))
        rig.sender.enqueue(.typing(recipientID: "1"))
        await rig.sender.drain()
        rig.sender.enqueue(.typing(recipientID: "2"))
        await rig.sender.drain()
        #expect(rig.transport.requests.count == 1)
        #expect(rig.count(.typing, .sent) == 1)
        #expect(rig.count(.typing, .droppedBudget) == 1)
    }

    @Test func otherFailuresAreCountedAndDroppedWithoutRetry() async {
        let rig = Rig()
        rig.transport.answer(
            .success(HTTPClientResponse(status: 403)), .success(HTTPClientResponse(status: 503)),
            .failure(.timedOut(.seconds(5))))
        for customer in ["1", "2", "3"] { rig.sender.enqueue(.markRead(recipientID: customer, lastReadEventID: "9")) }
        await rig.sender.drain()
        await rig.sender.drain()
        #expect(rig.transport.requests.count == 3)
        #expect(rig.count(.markRead, .failed) == 3)
        #expect(rig.count(.markRead, .sent) == 0)
    }

    @Test func anExhaustedBudgetDropsSignalsUntilATokenIsEarned() async {
        let rig = Rig(budget: { XSignalBudget(capacity: 1, refillPerWindow: 1, now: $0) })
        rig.sender.enqueue(.markRead(recipientID: "1", lastReadEventID: "9"))
        rig.sender.enqueue(.markRead(recipientID: "2", lastReadEventID: "9"))
        await rig.sender.drain()
        #expect(rig.transport.requests.count == 1)
        #expect(rig.count(.markRead, .sent) == 1)
        #expect(rig.count(.markRead, .droppedBudget) == 1)
        rig.clock.advance(XSignalBudget.windowMilliseconds)
        rig.sender.enqueue(.markRead(recipientID: "2", lastReadEventID: "9"))
        await rig.sender.drain()
        #expect(rig.count(.markRead, .sent) == 2)
    }

    @Test func aTypingSignalThatWaitedTooLongIsDroppedNotSent() async {
        let rig = Rig()
        rig.sender.enqueue(.typing(recipientID: "1"))
        rig.clock.advance(XSignalQueue.typingInterval + 1)
        await rig.sender.drain()
        #expect(rig.transport.requests.isEmpty)
        #expect(rig.count(.typing, .droppedQueue) == 1)
    }

    @Test func aFullQueueDropsAndCounts() {
        let rig = Rig()
        for index in 0..<XSignalQueue.maximumPending { rig.sender.enqueue(.markRead(recipientID: "c\(index)", lastReadEventID: "1")) }
        #expect(rig.sender.enqueue(.markRead(recipientID: "one more", lastReadEventID: "1")) == .droppedFull)
        #expect(rig.count(.markRead, .droppedQueue) == 1)
    }

    @Test func stopEndsRunDropsWhatWaitsAndRefusesMore() async {
        let rig = Rig()
        let sender = rig.sender
        let running = Task { await sender.run() }
        rig.sender.stop()
        await running.value
        rig.sender.enqueue(.typing(recipientID: "late"))
        #expect(rig.count(.typing, .droppedQueue) == 1)
        await rig.sender.drain()
        #expect(rig.transport.requests.isEmpty)

        let second = Rig()
        second.sender.enqueue(.typing(recipientID: "1"))
        second.sender.enqueue(.markRead(recipientID: "1", lastReadEventID: "2"))
        second.sender.stop()
        #expect(second.count(.typing, .droppedQueue) == 1)
        #expect(second.count(.markRead, .droppedQueue) == 1)
        await second.sender.drain()
        #expect(second.transport.requests.isEmpty)
    }
}
