import Foundation
import SwitchboardCore

extension Service {
    /// `GET /webhooks/x?crc_token=…`: X's challenge-response check.
    func crc(_ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        guard let credentials = configuration.x else { throw Self.xChannelOff }
        return XCRC.response(to: request, consumerSecret: credentials.consumerSecret)
    }

    /// `POST /webhooks/x`: verify, decode, commit every DM's inbox row, and only then answer 200.
    /// The DMs' steps run right after, behind the response (`HTTPResponse.followUp`), in the order
    /// the DMs were received: X waits only for what the 200 promises, and a DM acknowledged just
    /// before a crash is stepped at the next start (`InboundPipeline.processWaiting`).
    func xWebhook(_ request: HTTPRequest) async throws -> HTTPResponse {
        let started = ContinuousClock.now
        guard let verifier = xVerifier else { throw Self.xChannelOff }
        do {
            try verifier.verify(headerValue: request.headers[XWebhookSignatureVerifier.headerName], body: request.body)
        } catch {
            metrics.increment("switchboard_webhooks_rejected_total", labels: ["reason": "signature"])
            logger.warning("webhook rejected", ["reason": "\(error)"])
            throw APIError(.unauthorized, "bad_signature", "\(error)")
        }
        let batch: XWebhookBatch
        do {
            batch = try XWebhookDecoder().decode(request.body)
        } catch {
            metrics.increment("switchboard_webhooks_rejected_total", labels: ["reason": "payload"])
            throw APIError(.badRequest, "bad_payload", "\(error)")
        }
        let receivedAt = now
        var received: [InboundPipeline.Received] = []
        for message in batch.messages {
            let profile = message.sender.map {
                CustomerProfile(name: $0.name, handle: $0.screenName, followers: $0.followersCount)
            }
            let dm = ChannelMessage(
                channel: .x, eventID: message.eventID,
                key: ConversationKey(account: AccountID(batch.forUserID), customer: CustomerID(message.senderID)),
                text: message.text, quickReplyMetadata: message.quickReplyMetadata, profile: profile,
                receivedAt: receivedAt)
            if let fresh = try await pipeline.receive(dm) { received.append(fresh) }
        }
        if !batch.ignored.isEmpty {
            metrics.increment("switchboard_webhook_events_ignored_total", by: Double(batch.ignored.count))
        }
        let elapsed = ContinuousClock.now - started
        metrics.observe("switchboard_webhook_seconds", elapsed.inSeconds)
        var response = HTTPResponse.json(Array(#"{"ok":true}"#.utf8))
        if !received.isEmpty {
            response.followUp = { [self, received] in
                for dm in received {
                    do {
                        let outcome = try await pipeline.processReceived(dm)
                        markRead(after: outcome, customer: dm.message.key.customer.rawValue, eventID: dm.message.eventID)
                    } catch {
                        await pipeline.stepFailed(dm.message, error)
                    }
                }
            }
        }
        return response
    }

    static let xChannelOff = APIError(
        .serviceUnavailable, "x_channel_off",
        "the X channel is off: set SWITCHBOARD_X_CONSUMER_KEY, _CONSUMER_SECRET, _ACCESS_TOKEN and _ACCESS_TOKEN_SECRET")
}
