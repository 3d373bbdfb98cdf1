import Foundation
import Synchronization

/// A stand-in for X's DM API on 127.0.0.1, for tests, the load scripts and the kill test.
///
/// Records every `POST /1.1/direct_messages/events/new.json`; answers 200 unless told to fail the
/// next requests with given statuses. Records typing and mark-read signals apart (`signals`), so
/// `received` and `requestCount` count DMs only.
public final class FakeXAPI: HTTPResponder {
    /// One DM as X would have received it.
    public struct ReceivedDM: Sendable, Equatable {
        public var recipientID: String
        public var text: String
        public var quickReplyLabels: [String]
        public var quickReplyMetadata: [String]
        public var authorization: String?
        public var receivedAt: ContinuousClock.Instant
        /// Wall-clock milliseconds, as X's `created_timestamp`.
        public var createdAtMilliseconds: Int64
    }

    /// One typing or mark-read call as X would have received it.
    public struct ReceivedSignal: Sendable, Equatable {
        public var kind: XSignal.Kind
        /// The decoded form body (`recipient_id`, `last_read_event_id`).
        public var form: [String: String]
        public var contentType: String?
        public var authorization: String?
        public var receivedAt: ContinuousClock.Instant
    }

    struct State {
        var received: [ReceivedDM] = []
        var failures: [(status: Int, headers: HTTPHeaders, resetAfter: Int64?)] = []
        var lastRateLimitReset: Int64?
        var requests = 0
        var signals: [ReceivedSignal] = []
        var signalFailures: [(status: Int, headers: HTTPHeaders)] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// The next requests are answered with these statuses, in order (then 200 again), each with
    /// these header fields (such as `x-rate-limit-reset` with a 429).
    public func failNext(with statuses: [Int], headers: HTTPHeaders = [:]) {
        state.withLock { $0.failures += statuses.map { ($0, headers, nil) } }
    }

    /// The next DM is refused with 429 and `x-rate-limit-reset` set `seconds` after the moment it
    /// is answered (Unix seconds, as X sends it); `lastRateLimitReset` then holds that value.
    public func rateLimitNext(resetAfter seconds: Int64) {
        state.withLock { $0.failures.append((429, [:], seconds)) }
    }

    public var lastRateLimitReset: Int64? { state.withLock { $0.lastRateLimitReset } }

    public var received: [ReceivedDM] { state.withLock { $0.received } }

    /// The typing and mark-read calls answered 204, in order.
    public var signals: [ReceivedSignal] { state.withLock { $0.signals } }

    /// The next typing or mark-read calls are answered with this status and these headers (e.g.
    /// 429 with `x-rate-limit-reset`), in order; DMs are not affected.
    public func failNextSignals(with status: Int, headers: HTTPHeaders = [:], times: Int = 1) {
        state.withLock { $0.signalFailures += Array(repeating: (status, headers), count: times) }
    }

    /// `GET /1.1/direct_messages/events/list.json`: the DMs newest first, 50 a page, as X lists
    /// them; `next_cursor` leads to the next page while there is one.
    func list(_ request: HTTPRequest) -> HTTPResponse {
        let newestFirst = Array(received.reversed())
        let offset = min(newestFirst.count, max(0, request.queryParameter("cursor").flatMap { Int($0) } ?? 0))
        let page = newestFirst[offset..<min(newestFirst.count, offset + 50)]
        let events = page.enumerated().map { index, dm -> [String: Any] in
            [
                "type": "message_create", "id": "listed-\(offset + index)", "created_timestamp": String(dm.createdAtMilliseconds),
                "message_create": [
                    "target": ["recipient_id": dm.recipientID], "sender_id": "brand",
                    "message_data": ["text": dm.text],
                ],
            ]
        }
        var object: [String: Any] = ["events": events]
        if page.endIndex < newestFirst.count { object["next_cursor"] = String(page.endIndex) }
        let body = (try? JSONSerialization.data(withJSONObject: object)).map { [UInt8]($0) } ?? []
        return .json(body)
    }
    public var requestCount: Int { state.withLock { $0.requests } }

    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        if request.method == .get, request.path == "/1.1/direct_messages/events/list.json" { return list(request) }
        if request.method == .post, let kind = XSignal.Kind.allCases.first(where: { $0.path == request.path }) {
            return signal(kind, request)
        }
        guard request.method == .post, request.path == "/1.1/direct_messages/events/new.json" else {
            return .text("not found\n", status: .notFound)
        }
        let failure = state.withLock { state -> (status: Int, headers: HTTPHeaders)? in
            state.requests += 1
            guard !state.failures.isEmpty else { return nil }
            var next = state.failures.removeFirst()
            if let seconds = next.resetAfter {
                let reset = Int64(Date().timeIntervalSince1970) + seconds
                next.headers.add(name: "x-rate-limit-reset", value: String(reset))
                state.lastRateLimitReset = reset
            }
            return (next.status, next.headers)
        }
        if let failure {
            var headers = failure.headers
            headers.add(name: "content-type", value: "application/json")
            return HTTPResponse(
                status: HTTPStatus(code: failure.status, reasonPhrase: "Injected"), headers: headers,
                body: Array(#"{"errors":[{"code":131,"message":"injected failure"}]}"#.utf8))
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
            let event = object["event"] as? [String: Any], let create = event["message_create"] as? [String: Any],
            let target = create["target"] as? [String: Any], let recipient = target["recipient_id"] as? String,
            let data = create["message_data"] as? [String: Any], let text = data["text"] as? String
        else {
            return HTTPResponse(
                status: .badRequest, body: Array(#"{"errors":[{"code":214,"message":"malformed event"}]}"#.utf8))
        }
        let options = ((data["quick_reply"] as? [String: Any])?["options"] as? [[String: Any]]) ?? []
        let dm = ReceivedDM(
            recipientID: recipient, text: text, quickReplyLabels: options.compactMap { $0["label"] as? String },
            quickReplyMetadata: options.compactMap { $0["metadata"] as? String },
            authorization: request.headers["authorization"], receivedAt: ContinuousClock.now,
            createdAtMilliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        state.withLock { $0.received.append(dm) }
        return .json(Array(#"{"event":{"type":"message_create","id":"fake"}}"#.utf8))
    }

    /// `indicate_typing.json` / `mark_read.json`: 204 with no body, as X answers them.
    func signal(_ kind: XSignal.Kind, _ request: HTTPRequest) -> HTTPResponse {
        let failure = state.withLock { state in
            state.signalFailures.isEmpty ? nil : state.signalFailures.removeFirst()
        }
        if let failure {
            var headers = failure.headers
            headers.add(name: "content-type", value: "application/json")
            return HTTPResponse(
                status: HTTPStatus(code: failure.status, reasonPhrase: "Injected"), headers: headers,
                body: Array(#"{"errors":[{"code":88,"message":"injected failure"}]}"#.utf8))
        }
        var form: [String: String] = [:]
        for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = FormDecoding.decode(parts[0]) else { continue }
            form[name] = parts.count > 1 ? (FormDecoding.decode(parts[1]) ?? "") : ""
        }
        let received = ReceivedSignal(
            kind: kind, form: form, contentType: request.headers["content-type"],
            authorization: request.headers["authorization"], receivedAt: ContinuousClock.now)
        state.withLock { $0.signals.append(received) }
        return HTTPResponse(status: .noContent)
    }
}
