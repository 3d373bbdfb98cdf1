import Foundation
import SwitchboardCore
import SwitchboardStore

/// After a crash, settles the outbox rows whose send was in flight, so no customer gets a reply
/// twice: X's list of recent DM events says which of them did reach X (those are marked sent);
/// the others are sent again. Generic-channel rows are sent again with the same delivery id,
/// which receivers deduplicate on.
struct DeliveryReconciler {
    let store: SQLiteStore
    let x: XChannel?
    let logger: Logger
    let clock: @Sendable () -> Int64
    /// A channel's clock and ours may differ; a record this much before the lease still counts.
    static let clockSkew: Int64 = 60_000

    func settle() async throws {
        let unsettled = try await store.unsettledDeliveries()
        guard !unsettled.isEmpty else { return }
        var confirmed = 0
        let onX = unsettled.filter { Channel.of($0.entry.account) == .x }
        if let x, !onX.isEmpty {
            do {
                // Back to the oldest interrupted send: a sender may have had two rounds in flight
                // (up to 128 messages), more than one page of X's list holds.
                let since = (onX.map(\.leasedAt.milliseconds).min() ?? clock()) - Self.clockSkew
                let (recent, reachedBack) = try await x.recentDirectMessages(since: since)
                if !reachedBack {
                    logger.warning(
                        "X's DM list did not reach back to the oldest interrupted send; those not found will be sent again",
                        ["pages": String(XChannel.maximumListPages), "count": String(onX.count)])
                }
                for delivery in onX {
                    guard let payload = try? OutboxPayload.decode(delivery.entry.payloadJSON) else { continue }
                    let reached = recent.contains {
                        $0.recipientID == delivery.entry.recipient.rawValue && $0.text == payload.text
                            && $0.createdAtMilliseconds >= delivery.leasedAt.milliseconds - Self.clockSkew
                    }
                    if reached {
                        try await store.markSent(delivery.entry.id, at: Instant(milliseconds: clock()))
                        confirmed += 1
                    }
                }
            } catch {
                logger.warning(
                    "could not list recent DMs on X to settle interrupted sends; they will be sent again",
                    ["error": "\(error)", "count": String(onX.count)])
            }
        }
        let released = try await store.releaseLeases(now: Instant(milliseconds: clock()))
        logger.info(
            "settled sends interrupted by the last stop",
            ["already_delivered": String(confirmed), "sending_again": String(released)])
    }
}

/// A DM event as X lists it (`GET /1.1/direct_messages/events/list.json`).
struct ListedDirectMessage: Sendable, Equatable {
    var recipientID: String
    var text: String
    var createdAtMilliseconds: Int64
}

extension XChannel {
    /// Most events one list call returns (X's maximum page size).
    static let listPageSize = 50

    /// Pages read at most when settling: 500 events, several times what a sender has in flight.
    static let maximumListPages = 10

    /// The account's DM events from the newest back to `since` (milliseconds), page by page
    /// (following X's `next_cursor`), and whether they reached that far: false when X had no more
    /// or `maximumListPages` were read first.
    func recentDirectMessages(since: Int64) async throws -> (messages: [ListedDirectMessage], reachedBack: Bool) {
        var messages: [ListedDirectMessage] = []
        var cursor: String?
        for _ in 0..<Self.maximumListPages {
            let page = try await listPage(cursor: cursor)
            messages += page.messages
            if let oldest = page.messages.map(\.createdAtMilliseconds).min(), oldest < since { return (messages, true) }
            guard let next = page.nextCursor, !next.isEmpty, !page.messages.isEmpty else { return (messages, true) }
            cursor = next
        }
        return (messages, false)
    }

    /// One page of the account's DM events, newest first.
    func listPage(cursor: String?) async throws -> (messages: [ListedDirectMessage], nextCursor: String?) {
        let base = (apiBase.hasSuffix("/") ? String(apiBase.dropLast()) : apiBase) + "/1.1/direct_messages/events/list.json"
        var parameters = [("count", String(Self.listPageSize))]
        if let cursor { parameters.append(("cursor", cursor)) }
        let authorization = authorization(method: "GET", url: base, parameters: parameters)
        let query = parameters.map { PercentEncoding.encode($0.0) + "=" + PercentEncoding.encode($0.1) }.joined(separator: "&")
        let response = try await delivery.transport.send(
            OutgoingHTTPRequest(method: .get, url: base + "?" + query, headers: ["authorization": authorization]))
        guard (200..<300).contains(response.status) else {
            throw ConfigurationError("X answered \(response.status) to the DM list request")
        }
        guard let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let events = object["events"] as? [[String: Any]]
        else { throw ConfigurationError("X's DM list was not the expected JSON") }
        let messages = events.compactMap { event -> ListedDirectMessage? in
            guard let create = event["message_create"] as? [String: Any],
                let target = create["target"] as? [String: Any], let recipient = target["recipient_id"] as? String,
                let data = create["message_data"] as? [String: Any], let text = data["text"] as? String,
                let created = (event["created_timestamp"] as? String).flatMap({ Int64($0) })
            else { return nil }
            return ListedDirectMessage(recipientID: recipient, text: text, createdAtMilliseconds: created)
        }
        return (messages, object["next_cursor"] as? String)
    }
}
