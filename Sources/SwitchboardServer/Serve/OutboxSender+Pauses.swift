import SwitchboardCore
import SwitchboardStore

/// A channel that answered 429 is paused (`ChannelPauses`): what the sender claims for it waits,
/// untried, until the channel's window reopens.
extension OutboxSender {
    /// The entries whose channel is sending; those of a paused channel are postponed until it
    /// resumes, in one write per channel, without a request.
    func holdBack(_ entries: [OutboxEntry]) async -> [OutboxEntry] {
        let now = clock()
        var ready: [OutboxEntry] = []
        var held: [Channel: (resume: Int64, ids: [OutboxMessageID])] = [:]
        for entry in entries {
            let channel = Channel.of(entry.account)
            if let resume = pauses.resumesAt(channel, now: now) {
                held[channel, default: (resume, [])].ids.append(entry.id)
            } else {
                ready.append(entry)
            }
        }
        for (channel, group) in held {
            do {
                try await store.postpone(group.ids, until: Instant(milliseconds: group.resume), reason: Self.pausedReason(channel, group.resume))
            } catch {
                // Their leases expire and they are claimed again: nothing is lost.
                logger.error("postponing deliveries failed", ["channel": channel.rawValue, "count": String(group.ids.count), "error": "\(error)"])
            }
        }
        return ready
    }

    static func pausedReason(_ channel: Channel, _ resume: Int64) -> String {
        "not sent: \(channel.rawValue) answered 429 (too many requests); sending resumes at \(ISO8601.format(milliseconds: resume))"
    }
}
