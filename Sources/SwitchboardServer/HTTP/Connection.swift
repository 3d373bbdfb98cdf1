/// One client connection as the event loop sees it. Owned and touched by the loop thread only.
final class Connection {
    /// What the connection is doing; each phase has its own timeout.
    enum Phase {
        /// Waiting for (more of) a request.
        case reading
        /// A handler is running for the request described here; no reads meanwhile.
        case processing(RequestContext)
        /// Writing a final response, then closing.
        case closingAfterWrite
        /// Write side shut; discarding input until the peer closes or `until` passes, so the
        /// peer reads our last response instead of a reset.
        case draining(until: ContinuousClock.Instant)
    }

    /// What the response to the in-flight request needs from it.
    struct RequestContext {
        var keepAlive: Bool
        var version: HTTPVersion
        var isHead: Bool
        var startedAt: ContinuousClock.Instant
    }

    let id: UInt64
    let descriptor: Int32
    var parser: HTTPRequestParser
    var phase: Phase = .reading
    /// Bytes queued for the peer, from `outboundOffset` on.
    var outbound: [UInt8] = []
    var outboundOffset = 0
    /// When reading of the current request (or of the first one, from accept) began.
    var readStartedAt: ContinuousClock.Instant
    /// When the body of the current request began.
    var bodyStartedAt: ContinuousClock.Instant?
    /// Set while idle between keep-alive requests.
    var idleSince: ContinuousClock.Instant?
    /// Last time bytes left the outbound buffer (a stalled reader is closed after the idle timeout).
    var lastWriteProgress: ContinuousClock.Instant
    /// The epoll interest currently registered, so unchanged interest costs no syscall.
    var registeredEvents: UInt32 = 0
    var isRegistered = false
    /// The peer shut its write side; finish the in-flight response, then close.
    var peerClosed = false
    /// Bytes discarded while draining (bounded, see `EventLoop.maxDrainBytes`).
    var drainedBytes = 0

    init(id: UInt64, descriptor: Int32, limits: HTTPParserLimits, now: ContinuousClock.Instant) {
        self.id = id
        self.descriptor = descriptor
        self.parser = HTTPRequestParser(limits: limits)
        self.readStartedAt = now
        self.lastWriteProgress = now
    }

    var hasPendingOutput: Bool { outboundOffset < outbound.count }

    /// The instant this connection's current wait expires.
    func deadline(_ configuration: HTTPServerConfiguration) -> ContinuousClock.Instant {
        switch phase {
        case .processing(let context):
            return context.startedAt + configuration.responseTimeout
        case .closingAfterWrite:
            return lastWriteProgress + configuration.idleTimeout
        case .draining(let until):
            return until
        case .reading:
            if hasPendingOutput { return lastWriteProgress + configuration.idleTimeout }
            if let idleSince { return idleSince + configuration.idleTimeout }
            if parser.isReadingBody, let bodyStartedAt { return bodyStartedAt + configuration.bodyReadTimeout }
            return readStartedAt + configuration.headerReadTimeout
        }
    }
}
