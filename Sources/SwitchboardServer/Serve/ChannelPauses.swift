import Synchronization

/// Channels that said "too many requests" (429), each paused until its window reopens.
///
/// X's DM limits are per app and per user, not per message: once one send is refused, the next
/// ones would be refused too. So the sender stops calling that channel until the time X gave
/// (`x-rate-limit-reset`), and postpones what it claims for it meanwhile, rather than spending
/// a request and a write on each message.
final class ChannelPauses: Sendable {
    /// Epoch milliseconds each paused channel resumes at.
    private let until = Mutex<[Channel: Int64]>([:])

    /// Pauses `channel` until `resume` (never earlier than a pause already in place). Returns
    /// when it resumes, and whether this started the pause (the channel was sending until now),
    /// for a single log line.
    func pause(_ channel: Channel, until resume: Int64, now: Int64) -> (resumesAt: Int64, started: Bool) {
        until.withLock { paused in
            let current = paused[channel].flatMap { $0 > now ? $0 : nil }
            let end = max(current ?? resume, resume)
            paused[channel] = end
            return (end, current == nil)
        }
    }

    /// When `channel` resumes, if it is paused at `now`.
    func resumesAt(_ channel: Channel, now: Int64) -> Int64? {
        until.withLock { paused in
            guard let resume = paused[channel] else { return nil }
            if resume <= now {
                paused[channel] = nil
                return nil
            }
            return resume
        }
    }
}
