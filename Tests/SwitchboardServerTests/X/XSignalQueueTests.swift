@testable import SwitchboardServer
import Testing

@Suite struct XSignalQueueTests {
    static let now: Int64 = 1_700_000_000_000

    @Test func markReadPerCustomerKeepsOnlyTheNewestEventID() {
        var queue = XSignalQueue()
        #expect(queue.enqueue(.markRead(recipientID: "7", lastReadEventID: "1100000000000000003"), now: Self.now) == .queued)
        #expect(queue.enqueue(.markRead(recipientID: "7", lastReadEventID: "1100000000000000009"), now: Self.now) == .coalesced)
        // An older event arriving late does not move the mark back.
        #expect(queue.enqueue(.markRead(recipientID: "7", lastReadEventID: "1100000000000000005"), now: Self.now) == .coalesced)
        #expect(queue.enqueue(.markRead(recipientID: "8", lastReadEventID: "1"), now: Self.now) == .queued)
        #expect(queue.count == 2)
        #expect(queue.dequeue(now: Self.now) == .send(.markRead(recipientID: "7", lastReadEventID: "1100000000000000009")))
        #expect(queue.dequeue(now: Self.now) == .send(.markRead(recipientID: "8", lastReadEventID: "1")))
        #expect(queue.dequeue(now: Self.now) == nil)
        // Once sent, the next mark-read for the customer is queued again.
        #expect(queue.enqueue(.markRead(recipientID: "7", lastReadEventID: "1100000000000000010"), now: Self.now) == .queued)
    }

    @Test func typingForACustomerSignalledInTheLastThreeSecondsIsCoalesced() {
        var queue = XSignalQueue()
        #expect(queue.enqueue(.typing(recipientID: "7"), now: Self.now) == .queued)
        #expect(queue.enqueue(.typing(recipientID: "7"), now: Self.now + 500) == .coalesced)
        #expect(queue.dequeue(now: Self.now + 600) == .send(.typing(recipientID: "7")))
        #expect(queue.enqueue(.typing(recipientID: "7"), now: Self.now + 2_999) == .coalesced)
        #expect(queue.enqueue(.typing(recipientID: "8"), now: Self.now + 2_999) == .queued)
        #expect(queue.enqueue(.typing(recipientID: "7"), now: Self.now + 3_000) == .queued)
        #expect(queue.count == 2)
    }

    @Test func typingAndMarkReadForOneCustomerAreIndependent() {
        var queue = XSignalQueue()
        #expect(queue.enqueue(.typing(recipientID: "7"), now: Self.now) == .queued)
        #expect(queue.enqueue(.markRead(recipientID: "7", lastReadEventID: "5"), now: Self.now) == .queued)
        #expect(queue.dequeue(now: Self.now) == .send(.typing(recipientID: "7")))
        #expect(queue.dequeue(now: Self.now) == .send(.markRead(recipientID: "7", lastReadEventID: "5")))
    }

    @Test func aTypingSignalThatWaitedPastItsMomentComesOutStale() {
        var queue = XSignalQueue()
        _ = queue.enqueue(.typing(recipientID: "7"), now: Self.now)
        _ = queue.enqueue(.markRead(recipientID: "7", lastReadEventID: "5"), now: Self.now)
        #expect(queue.dequeue(now: Self.now + 3_001) == .stale(.typing(recipientID: "7")))
        // Mark-read never goes stale: it is still true later.
        #expect(queue.dequeue(now: Self.now + 60_000) == .send(.markRead(recipientID: "7", lastReadEventID: "5")))
    }

    @Test func aFullQueueDropsNewSignalsButStillCoalesces() {
        var queue = XSignalQueue()
        for index in 0..<XSignalQueue.maximumPending {
            #expect(queue.enqueue(.markRead(recipientID: "c\(index)", lastReadEventID: "1"), now: Self.now) == .queued)
        }
        #expect(queue.enqueue(.markRead(recipientID: "new", lastReadEventID: "1"), now: Self.now) == .droppedFull)
        #expect(queue.enqueue(.typing(recipientID: "new"), now: Self.now) == .droppedFull)
        #expect(queue.enqueue(.markRead(recipientID: "c0", lastReadEventID: "2"), now: Self.now) == .coalesced)
        #expect(queue.count == XSignalQueue.maximumPending)
        #expect(queue.dequeue(now: Self.now) == .send(.markRead(recipientID: "c0", lastReadEventID: "2")))
        #expect(queue.enqueue(.markRead(recipientID: "new", lastReadEventID: "1"), now: Self.now) == .queued)
    }

    @Test func manyRoundsKeepFirstInFirstOutOrder() {
        var queue = XSignalQueue()
        var next = 0
        var expected = 0
        for round in 0..<50 {
            for _ in 0..<(round % 7 + 3) {
                _ = queue.enqueue(.markRead(recipientID: "c\(next)", lastReadEventID: "1"), now: Self.now)
                next += 1
            }
            for _ in 0..<(round % 5 + 2) {
                guard case .send(let signal)? = queue.dequeue(now: Self.now) else { break }
                #expect(signal.recipientID == "c\(expected)")
                expected += 1
            }
        }
        #expect(queue.count == next - expected)
    }

    @Test func removeAllCountsWhatWasWaitingByKind() {
        var queue = XSignalQueue()
        _ = queue.enqueue(.typing(recipientID: "1"), now: Self.now)
        _ = queue.enqueue(.typing(recipientID: "2"), now: Self.now)
        _ = queue.enqueue(.markRead(recipientID: "1", lastReadEventID: "9"), now: Self.now)
        #expect(queue.removeAll() == [.typing: 2, .markRead: 1])
        #expect(queue.isEmpty)
        #expect(queue.dequeue(now: Self.now) == nil)
    }

    @Test func rememberedTypingCustomersStayBounded() {
        var queue = XSignalQueue()
        for index in 0..<(3 * XSignalQueue.maximumRemembered) {
            _ = queue.enqueue(.typing(recipientID: "c\(index)"), now: Self.now + Int64(index))
            _ = queue.dequeue(now: Self.now + Int64(index))
        }
        #expect(queue.isEmpty)
        #expect(queue.typingSignalledAt.count <= XSignalQueue.maximumRemembered)
        // The latest customer is still remembered: a second signal within 3 s is coalesced.
        let last = 3 * XSignalQueue.maximumRemembered - 1
        #expect(queue.enqueue(.typing(recipientID: "c\(last)"), now: Self.now + Int64(last) + 1) == .coalesced)
    }

    @Test(arguments: [
        ("1100000000000000010", "1100000000000000009", true),
        ("1100000000000000009", "1100000000000000010", false),
        ("99", "100", false),
        ("100", "99", true),
        ("0100", "99", true),
        ("5", "5", false),
        ("abc", "1", true),
        ("1", "", true),
    ])
    func eventIDsCompareAsNumbers(candidate: String, current: String, newer: Bool) {
        #expect(XSignalQueue.isNewer(candidate, than: current) == newer)
    }
}
