import SwitchboardCore
import SwitchboardStore
import Foundation
import SwitchboardCrypto

/// Delivers one outbox entry on its channel and says what happened.
protocol OutboundChannel: Sendable {
    func deliver(_ entry: OutboxEntry, payload: OutboxPayload) async -> XRetryDecision
}

/// Shared by the channels: send one request and classify the outcome with the retry policy.
struct Delivery: Sendable {
    let transport: any HTTPTransport
    let policy: XRetryPolicy
    let clock: @Sendable () -> Int64

    func send(_ request: OutgoingHTTPRequest, attempt: Int) async -> XRetryDecision {
        let outcome: XSendOutcome
        do {
            outcome = try await transport.send(request).outcome
        } catch let error as HTTPTransportError {
            outcome = error.outcome
        } catch {
            outcome = .transportFailure(reason: "\(error)")
        }
        return policy.decide(
            outcome, attempt: max(1, attempt), nowEpochSeconds: clock() / 1000, jitter: Double.random(in: 0..<1))
    }
}

/// X: `POST /1.1/direct_messages/events/new.json`, signed with OAuth 1.0a.
struct XChannel: OutboundChannel {
    let credentials: XCredentials
    let apiBase: String
    let delivery: Delivery
    let endpoint: String
    /// The send endpoint's signer, prepared once (nil only if the API base carries a query).
    private let sendSigner: OAuth1PreparedRequest?

    init(credentials: XCredentials, apiBase: String, delivery: Delivery) {
        self.credentials = credentials
        self.apiBase = apiBase
        self.delivery = delivery
        endpoint = (apiBase.hasSuffix("/") ? String(apiBase.dropLast()) : apiBase) + "/1.1/direct_messages/events/new.json"
        sendSigner = OAuth1PreparedRequest(signer: Self.signer(credentials), method: "POST", url: endpoint)
    }

    /// The absolute URL of `path` (starting with `/`) on X's API.
    func url(_ path: String) -> String {
        (apiBase.hasSuffix("/") ? String(apiBase.dropLast()) : apiBase) + path
    }

    func deliver(_ entry: OutboxEntry, payload: OutboxPayload) async -> XRetryDecision {
        let message = XOutgoingMessage(
            recipientID: entry.recipient.rawValue, text: payload.text,
            quickReplies: payload.quickReplies.map {
                XOutgoingMessage.QuickReply(label: $0.label, description: $0.description, metadata: $0.metadata)
            },
            buttons: payload.buttons.map { XOutgoingMessage.Button(label: $0.label, url: $0.url) })
        let body: [UInt8]
        do {
            body = try message.jsonBody()
        } catch {
            return .permanentFailure(reason: "not sendable on X: \(error)")
        }
        let authorization: String
        if let sendSigner {
            var random = SystemRandomNumberGenerator()
            authorization = sendSigner.authorizationHeader(
                nonce: OAuth1Signer.makeNonce(using: &random), timestamp: delivery.clock() / 1000)
        } else {
            authorization = self.authorization(method: "POST", url: endpoint)
        }
        let request = OutgoingHTTPRequest(
            method: .post, url: endpoint,
            headers: ["authorization": authorization, "content-type": "application/json"], body: body)
        return await delivery.send(request, attempt: entry.attempts)
    }
}

extension XChannel {
    /// The OAuth 1.0a `Authorization` header for a request to X, with a fresh nonce and our clock.
    func authorization(method: String, url: String, parameters: [(String, String)] = []) -> String {
        var random = SystemRandomNumberGenerator()
        return Self.signer(credentials).authorizationHeader(
            method: method, url: url, formParameters: parameters, nonce: OAuth1Signer.makeNonce(using: &random),
            timestamp: delivery.clock() / 1000)
    }

    static func signer(_ credentials: XCredentials) -> OAuth1Signer {
        OAuth1Signer(
            credentials: OAuth1Credentials(
                consumerKey: credentials.consumerKey, consumerSecret: credentials.consumerSecret,
                token: credentials.accessToken, tokenSecret: credentials.accessTokenSecret))
    }
}

/// The generic channel: a signed JSON POST to the operator's webhook URL.
///
/// Headers: `X-Switchboard-Delivery` (the same on every retry: deduplicate on it),
/// `X-Switchboard-Timestamp` (Unix seconds) and `X-Switchboard-Signature:
/// sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`.
struct GenericWebhookChannel: OutboundChannel {
    let url: String?
    let secret: String?
    let delivery: Delivery

    func deliver(_ entry: OutboxEntry, payload: OutboxPayload) async -> XRetryDecision {
        // Without a webhook, the HTTP answer to /api/v1/inbound was the delivery.
        guard let url else { return .delivered }
        let timestamp = String(delivery.clock() / 1000)
        let body = Self.body(entry, payload)
        var headers: HTTPHeaders = [
            "content-type": "application/json", "x-switchboard-delivery": entry.deliveryID,
            "x-switchboard-timestamp": timestamp,
        ]
        if let secret {
            headers.add(name: "x-switchboard-signature", value: "sha256=" + GenericSignature.sign(secret: secret, timestamp: timestamp, body: body))
        }
        return await delivery.send(
            OutgoingHTTPRequest(method: .post, url: url, headers: headers, body: body), attempt: entry.attempts)
    }

    static func body(_ entry: OutboxEntry, _ payload: OutboxPayload) -> [UInt8] {
        struct Envelope: Encodable {
            var delivery_id: String
            var customer_id: String
            var message: OutboxPayload
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let envelope = Envelope(delivery_id: entry.deliveryID, customer_id: entry.recipient.rawValue, message: payload)
        return (try? encoder.encode(envelope)).map { [UInt8]($0) } ?? []
    }
}

/// The generic channel's signature, both ways: `hex(HMAC-SHA256(secret, timestamp + "." + body))`.
public enum GenericSignature {
    public static func sign(secret: String, timestamp: String, body: [UInt8]) -> String {
        let message = Array((timestamp + ".").utf8) + body
        return Hex.encode(HMAC<SHA256>.authenticationCode(for: message, key: Array(secret.utf8)))
    }
}
