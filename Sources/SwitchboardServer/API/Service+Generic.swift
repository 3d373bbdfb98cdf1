import Foundation
import SwitchboardCore
import SwitchboardCrypto
import SwitchboardStore

extension Service {
    /// How far a signed request's timestamp may be from our clock (replay protection).
    static let signatureTolerance: Int64 = 300

    /// `POST /api/v1/inbound`: one customer message in simple JSON; answers with the bot's replies.
    ///
    /// Body: `{"customer_id": "42", "text": "hi", "event_id": "m-1", "quick_reply_metadata": "…",
    /// "name": "Jane", "handle": "jane"}`. With `SWITCHBOARD_WEBHOOK_SECRET` set, requests must be
    /// signed like our outbound deliveries (see docs/api.md).
    func genericInbound(_ request: HTTPRequest) async throws -> HTTPResponse {
        if let secret = configuration.genericWebhookSecret { try verifyGenericSignature(request, secret: secret) }
        let object = try JSONBody.object(request.body)
        guard let customer = try JSONBody.string(object, "customer_id", required: true, maximum: 128),
            !customer.isEmpty
        else { throw APIError(.badRequest, "missing_field", "'customer_id' must not be empty") }
        let text = try JSONBody.string(object, "text", maximum: 10_000) ?? ""
        let metadata = try JSONBody.string(object, "quick_reply_metadata", maximum: 1_000)
        let eventID = try JSONBody.string(object, "event_id", maximum: 200) ?? "api-\(UUID().uuidString)"
        let profile = CustomerProfile(
            name: try JSONBody.string(object, "name", maximum: 200),
            handle: try JSONBody.string(object, "handle", maximum: 100))
        let outcome = try await pipeline.handle(
            ChannelMessage(
                channel: .api, eventID: eventID, key: ConversationKey(account: Channel.apiAccount, customer: CustomerID(customer)),
                text: text, quickReplyMetadata: metadata, profile: profile, receivedAt: now))
        switch outcome {
        case .duplicate:
            return .json(JSONBody.encode(["event_id": eventID, "duplicate": true, "replies": [Any]()]))
        case .processed(let replies, let escalation):
            var body: [String: Any] = [
                "event_id": eventID, "duplicate": false, "replies": replies.map(Self.replyObject),
            ]
            if let escalation { body["escalation_id"] = escalation.rawValue }
            return .json(JSONBody.encode(body))
        }
    }

    static func replyObject(_ payload: OutboxPayload) -> [String: Any] {
        [
            "text": payload.text,
            "quick_replies": payload.quickReplies.map { reply -> [String: Any] in
                var object: [String: Any] = ["label": reply.label, "metadata": reply.metadata]
                if let description = reply.description { object["description"] = description }
                return object
            },
            "buttons": payload.buttons.map { ["label": $0.label, "url": $0.url] },
        ]
    }

    func verifyGenericSignature(_ request: HTTPRequest, secret: String) throws(APIError) {
        guard let timestamp = request.headers["x-switchboard-timestamp"], let seconds = Int64(timestamp),
            let header = request.headers["x-switchboard-signature"], header.hasPrefix("sha256=")
        else {
            throw APIError(
                .unauthorized, "unsigned",
                "sign the request: X-Switchboard-Timestamp and X-Switchboard-Signature: sha256=<hex HMAC>")
        }
        guard abs(clock() / 1000 - seconds) <= Self.signatureTolerance else {
            throw APIError(.unauthorized, "stale_timestamp", "X-Switchboard-Timestamp is more than 5 minutes off")
        }
        let expected = GenericSignature.sign(secret: secret, timestamp: timestamp, body: request.body)
        guard ConstantTime.equals(Array(expected.utf8), Array(header.dropFirst(7).lowercased().utf8)) else {
            throw APIError(.unauthorized, "bad_signature", "X-Switchboard-Signature does not match the body")
        }
    }
}
