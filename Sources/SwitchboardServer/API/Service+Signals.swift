import Foundation
import SwitchboardCore
import SwitchboardStore

/// X signals from the service: mark-read after the bot answers or an agent replies (when the
/// brand opted in with `x.markRead`), and the agents' typing indicator.
///
/// The bot gets no typing indicator: its answers are committed and sent within milliseconds, so
/// an indicator would only flash after (or race) the answer and spend X's budget for nothing.
extension Service {
    /// Transcript pages read forward, at most, to find a customer's latest message (500 events a
    /// page: a conversation longer than this has its latest message marked read by its next reply).
    static let maximumTranscriptPages = 20

    /// After the bot answered an X DM: mark it read. A DM the bot stayed silent on (a person owns
    /// the conversation) stays unread until an agent replies, so "Seen" never means "ignored".
    func markRead(after outcome: InboundPipeline.Outcome, customer: String, eventID: String) {
        guard configuration.xMarkRead, let signals, case .processed(let replies, _) = outcome, !replies.isEmpty else {
            return
        }
        signals.enqueue(.markRead(recipientID: customer, lastReadEventID: eventID))
    }

    /// After an agent's reply on X: mark the customer's latest message read.
    func markLatestInboundRead(_ detail: EscalationDetail) async {
        guard configuration.xMarkRead, let signals, Channel.of(detail.summary.key.account) == .x,
            let event = await latestInboundEventID(detail)
        else { return }
        signals.enqueue(.markRead(recipientID: detail.summary.key.customer.rawValue, lastReadEventID: event))
    }

    /// `POST /api/v1/escalations/{id}/typing`: a typing indicator for the customer, about 3 s.
    func typing(on detail: EscalationDetail) throws(APIError) -> HTTPResponse {
        let id = detail.summary.id.rawValue
        guard Channel.of(detail.summary.key.account) == .x else {
            throw APIError(
                .conflict, "not_x",
                "escalation \(id) is on the generic channel; typing indicators exist only on X, so there is nothing to send")
        }
        guard let signals else {
            throw APIError(
                .conflict, "x_channel_off",
                "the X channel is off, so no typing indicator can be sent: set SWITCHBOARD_X_CONSUMER_KEY, "
                    + "_CONSUMER_SECRET, _ACCESS_TOKEN and _ACCESS_TOKEN_SECRET")
        }
        let admission = signals.enqueue(.typing(recipientID: detail.summary.key.customer.rawValue))
        return .json(JSONBody.encode(["id": id, "typing": admission.rawValue]), status: .accepted)
    }

    /// The X event id of the customer's newest message in the escalation's conversation, if any.
    func latestInboundEventID(_ detail: EscalationDetail) async -> String? {
        var newest = Self.latestInboundEventID(in: detail.transcript)
        var page = detail.transcript
        var pages = 0
        // The transcript is bounded; a longer conversation continues after its last event.
        while page.count == EscalationDetail.maximumTranscript, let last = page.last, pages < Self.maximumTranscriptPages {
            do {
                page = try await store.events(
                    of: detail.summary.conversation, after: last.id, limit: EscalationDetail.maximumTranscript)
            } catch {
                logger.debug("mark-read skipped: the transcript could not be read", ["error": "\(error)"])
                return nil
            }
            newest = Self.latestInboundEventID(in: page) ?? newest
            pages += 1
        }
        return newest
    }

    /// The `event_id` in the detail of the last inbound event of `events` (written by the pipeline).
    static func latestInboundEventID(in events: [StoredEvent]) -> String? {
        for event in events.reversed() where event.kind == .inbound {
            guard let detail = try? JSONSerialization.jsonObject(with: Data(event.detailJSON.utf8)) as? [String: Any],
                let id = detail["event_id"] as? String, !id.isEmpty
            else { continue }
            return id
        }
        return nil
    }
}
