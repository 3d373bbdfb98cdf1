/// The bounded, coalescing queue of X signals waiting to be sent.
///
/// - A mark-read for a customer who already has one waiting replaces its event id with the newer
///   one (X marks that message and all earlier ones read, so one call covers them all).
/// - A typing signal for a customer signalled less than `typingInterval` ago is dropped: the
///   indicator X shows is still on.
/// - A typing signal that waited longer than `typingInterval` is stale when it comes out (the
///   moment has passed) and is dropped rather than sent.
///
/// Pure: time is a parameter. Every operation is O(1) amortised. Not thread-safe on its own:
/// `XSignalSender` keeps it behind its lock.
public struct XSignalQueue: Sendable {
    /// Signals waiting at most. One window's budget per endpoint is under 1,000 calls, so more
    /// than this could not be sent before they were out of date anyway.
    public static let maximumPending = 1_000
    /// X shows a typing indicator for about 3 s: one signal per customer per 3 s is enough.
    public static let typingInterval: Int64 = 3_000
    /// Customers remembered for the typing interval before old entries are swept.
    static let maximumRemembered = 4 * maximumPending

    /// What happened to an enqueued signal.
    public enum Admission: String, Sendable, Equatable {
        /// Waiting to be sent.
        case queued
        /// Merged into a signal already waiting (a mark-read's newer event id, or a typing signal
        /// while the indicator is still on): nothing more will be sent for it.
        case coalesced
        /// The queue is full: dropped.
        case droppedFull = "dropped_queue"
    }

    /// What comes out of the queue.
    public enum Output: Sendable, Equatable {
        case send(XSignal)
        /// A typing signal that waited past its moment.
        case stale(XSignal)
    }

    struct Key: Hashable {
        var kind: XSignal.Kind
        var recipient: String
    }

    private var order: [Key] = []
    private var head = 0
    /// Waiting mark-reads: customer → newest event id.
    private var markRead: [String: String] = [:]
    /// Waiting typing signals: customer → when queued.
    private var typingQueuedAt: [String: Int64] = [:]
    /// When each customer was last given a typing signal (queued), for the interval.
    private(set) var typingSignalledAt: [String: Int64] = [:]

    public init() {}

    /// Signals waiting.
    public var count: Int { order.count - head }
    public var isEmpty: Bool { count == 0 }

    /// Adds a signal, merging it with one already waiting where it can.
    public mutating func enqueue(_ signal: XSignal, now: Int64) -> Admission {
        switch signal {
        case .markRead(let recipient, let event):
            if let waiting = markRead[recipient] {
                if Self.isNewer(event, than: waiting) { markRead[recipient] = event }
                return .coalesced
            }
            guard count < Self.maximumPending else { return .droppedFull }
            markRead[recipient] = event
            append(Key(kind: .markRead, recipient: recipient))
            return .queued
        case .typing(let recipient):
            if typingQueuedAt[recipient] != nil { return .coalesced }
            if let last = typingSignalledAt[recipient], now >= last, now - last < Self.typingInterval { return .coalesced }
            guard count < Self.maximumPending else { return .droppedFull }
            typingQueuedAt[recipient] = now
            remember(recipient, now: now)
            append(Key(kind: .typing, recipient: recipient))
            return .queued
        }
    }

    /// The oldest waiting signal, or nil when none waits.
    public mutating func dequeue(now: Int64) -> Output? {
        guard head < order.count else { return nil }
        let key = order[head]
        head += 1
        compact()
        switch key.kind {
        case .markRead:
            guard let event = markRead.removeValue(forKey: key.recipient) else {
                preconditionFailure("a queued mark-read always has its event id")
            }
            return .send(.markRead(recipientID: key.recipient, lastReadEventID: event))
        case .typing:
            let queuedAt = typingQueuedAt.removeValue(forKey: key.recipient) ?? now
            let signal = XSignal.typing(recipientID: key.recipient)
            return now - queuedAt > Self.typingInterval ? .stale(signal) : .send(signal)
        }
    }

    /// Empties the queue; returns how many of each kind were waiting (dropped at shutdown).
    public mutating func removeAll() -> [XSignal.Kind: Int] {
        var dropped: [XSignal.Kind: Int] = [:]
        for key in order[head...] { dropped[key.kind, default: 0] += 1 }
        self = XSignalQueue()
        return dropped
    }

    /// Whether event id `candidate` is later than `current`: X's ids are decimal snowflakes, so a
    /// longer number is larger; ids that are not decimal are taken in arrival order (newest wins).
    static func isNewer(_ candidate: String, than current: String) -> Bool {
        let digits: (String) -> Bool = { !$0.isEmpty && $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }
        guard digits(candidate), digits(current) else { return true }
        let a = candidate.drop { $0 == "0" }
        let b = current.drop { $0 == "0" }
        return a.count != b.count ? a.count > b.count : a > b
    }

    private mutating func append(_ key: Key) {
        order.append(key)
    }

    /// Drops the consumed front of `order` once it is most of the array (amortised O(1)).
    private mutating func compact() {
        if head == order.count {
            order.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64 && head * 2 >= order.count {
            order.removeFirst(head)
            head = 0
        }
    }

    /// Remembers a typing signal's time; sweeps entries past the interval when there are too many.
    private mutating func remember(_ recipient: String, now: Int64) {
        typingSignalledAt[recipient] = now
        guard typingSignalledAt.count > Self.maximumRemembered else { return }
        typingSignalledAt = typingSignalledAt.filter { now >= $0.value && now - $0.value < Self.typingInterval }
        // Still more than half full: forget them all rather than sweep again on the next call (each
        // sweep is then followed by at least half the bound of inserts: amortised O(1)). Forgetting
        // costs at most one extra typing signal per customer, which the budget still bounds.
        if typingSignalledAt.count > Self.maximumRemembered / 2 { typingSignalledAt = [recipient: now] }
    }
}
