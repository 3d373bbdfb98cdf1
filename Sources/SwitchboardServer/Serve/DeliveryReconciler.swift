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
                let recent = try await x.recentDirectMessages()
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

    /// The account's most recent DM events (one page: enough for what was in flight at a crash).
    func recentDirectMessages() async throws -> [ListedDirectMessage] {
        let base = (apiBase.hasSuffix("/") ? String(apiBase.dropLast()) : apiBase) + "/1.1/direct_messages/events/list.json"
        let count = String(Self.listPageSize)
        let authorization = authorization(method: "GET", url: base, parameters: [("count", count)])
        let response = try await delivery.transport.send(
            OutgoingHTTPRequest(method: .get, url: base + "?count=" + count, headers: ["authorization": authorization]))
        guard (200..<300).contains(response.status) else {
            throw ConfigurationError("X answered \(response.status) to the DM list request")
        }
        guard let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let events = object["events"] as? [[String: Any]]
        else { throw ConfigurationError("X's DM list was not the expected JSON") }
        return events.compactMap { event in
            guard let create = event["message_create"] as? [String: Any],
                let target = create["target"] as? [String: Any], let recipient = target["recipient_id"] as? String,
                let data = create["message_data"] as? [String: Any], let text = data["text"] as? String,
                let created = (event["created_timestamp"] as? String).flatMap({ Int64($0) })
            else { return nil }
            return ListedDirectMessage(recipientID: recipient, text: text, createdAtMilliseconds: created)
        }
    }
}
