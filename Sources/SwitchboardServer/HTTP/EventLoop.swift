#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif
import CEpoll
import Synchronization

/// The epoll event loop behind `HTTPServer`: one thread that accepts, reads, parses and writes.
/// Handlers run as tasks whose executor is the loop itself: their jobs run on the loop thread
/// between rounds of I/O, never on Swift's cooperative pool (so blocking work elsewhere in the
/// process cannot stall requests), and when they await the store, its commit resumes them here
/// with one wake-up per batch. Handlers must therefore await, not block: nothing in them waits on
/// a lock held long, a semaphore or a file read.
///
/// Thread-safety: everything except `inbox`, `lifecycle` and the immutable descriptors is touched
/// only by the loop thread (the `@unchecked Sendable` invariant).
final class EventLoop: TaskExecutor, @unchecked Sendable {
    /// Messages from other threads to the loop.
    struct Inbox {
        var completions: [(id: UInt64, response: HTTPResponse)] = []
        /// Handler jobs to run on the loop thread (the loop is the handlers' task executor).
        var jobs: [UnownedJob] = []
        var shutdownRequested = false
        /// Whether the loop is (about to be) blocked in `epoll_wait` and must be woken.
        var sleeping = false
        /// Set when the loop has closed its descriptors; late messages are dropped.
        var closed = false
    }

    /// Whether the loop still runs, and who waits for it to end.
    enum Lifecycle {
        case running(waiters: [CheckedContinuation<Void, Never>])
        case finished
    }

    /// epoll ids of the two non-connection descriptors; connection ids start above them.
    static let listenerID: UInt64 = 0
    static let wakeID: UInt64 = 1
    /// Events handled per `epoll_wait`.
    static let maxEvents = 256
    /// Connections accepted per readiness event, so one burst cannot starve open connections.
    static let maxAcceptsPerEvent = 128
    /// Bytes read per `read` call.
    static let readChunkBytes = 64 * 1024
    /// How long a closing connection may keep sending before we drop it, and how much we discard.
    static let drainTimeout: Duration = .seconds(2)
    static let maxDrainBytes = 1 << 20
    /// Longest sleep between timeout sweeps; shorter when the configured timeouts are short.
    static let maxSweepInterval: Duration = .milliseconds(250)

    let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    let epollDescriptor: Int32
    let wakeDescriptor: Int32
    let listenDescriptor: Int32
    let inbox = Mutex(Inbox())
    let lifecycle = Mutex(Lifecycle.running(waiters: []))

    // Loop-thread state.
    private var connections: [UInt64: Connection] = [:]
    private var nextID: UInt64 = 2
    private var listening = true
    private var shutdownDeadline: ContinuousClock.Instant?
    private var handlersInFlight = 0
    private var nextSweep: ContinuousClock.Instant
    private let sweepInterval: Duration
    private let clock = ContinuousClock()
    private var readBuffer: [UInt8]

    init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, listenDescriptor: Int32) throws(HTTPServerError) {
        self.configuration = configuration
        self.responder = responder
        self.listenDescriptor = listenDescriptor
        let epollDescriptor = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollDescriptor >= 0 else { throw .systemCall("epoll_create1", code: errno) }
        let wakeDescriptor = eventfd(0, Int32(EFD_CLOEXEC) | Int32(EFD_NONBLOCK))
        guard wakeDescriptor >= 0 else {
            let code = errno
            Glibc.close(epollDescriptor)
            throw .systemCall("eventfd", code: code)
        }
        self.epollDescriptor = epollDescriptor
        self.wakeDescriptor = wakeDescriptor
        let shortest = min(configuration.headerReadTimeout, configuration.idleTimeout, configuration.bodyReadTimeout)
        sweepInterval = max(.milliseconds(5), min(Self.maxSweepInterval, shortest / 10))
        nextSweep = ContinuousClock.now
        readBuffer = [UInt8](repeating: 0, count: Self.readChunkBytes)
        register(wakeDescriptor, id: Self.wakeID, events: EPOLLIN.rawValue, operation: EPOLL_CTL_ADD)
        register(listenDescriptor, id: Self.listenerID, events: EPOLLIN.rawValue, operation: EPOLL_CTL_ADD)
    }

    // MARK: Called from other threads

    /// Hands a handler's response to the loop.
    func complete(_ id: UInt64, with response: HTTPResponse) {
        inbox.withLock { inbox in
            guard !inbox.closed else { return }
            inbox.completions.append((id, response))
            wakeIfSleeping(&inbox)
        }
    }

    /// Runs a handler's job on the loop thread, between rounds of I/O. Handlers are short (they
    /// await the store rather than block), so this costs the loop little and saves two thread
    /// hand-offs per request: no handler thread is woken to start it, none to resume it after the
    /// store's commit. Once the loop has ended, late jobs run on the global executor.
    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let accepted = inbox.withLock { inbox -> Bool in
            guard !inbox.closed else { return false }
            inbox.jobs.append(unowned)
            wakeIfSleeping(&inbox)
            return true
        }
        if !accepted { globalConcurrentExecutor.enqueue(ExecutorJob(unowned)) }
    }

    /// One eventfd write per sleep of the loop, however many threads add work meanwhile.
    private func wakeIfSleeping(_ inbox: inout Inbox) {
        guard inbox.sleeping else { return }
        inbox.sleeping = false
        wake()
    }

    /// Asks the loop to stop accepting and finish in-flight requests.
    func requestShutdown() {
        inbox.withLock { inbox in
            guard !inbox.closed else { return }
            inbox.shutdownRequested = true
            wake()
        }
    }

    /// Suspends until the loop has ended.
    func waitUntilFinished() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = lifecycle.withLock { state -> Bool in
                switch state {
                case .running(var waiters):
                    waiters.append(continuation)
                    state = .running(waiters: waiters)
                    return false
                case .finished:
                    return true
                }
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Call with the inbox lock held, so the descriptor cannot be closed (and its number reused) meanwhile.
    private func wake() {
        var one: UInt64 = 1
        _ = write(wakeDescriptor, &one, MemoryLayout<UInt64>.size)
    }

    // MARK: The loop

    /// Runs until shutdown completes. Call on the loop's own thread.
    func run() {
        var events = [epoll_event](repeating: epoll_event(), count: Self.maxEvents)
        while true {
            let now = clock.now
            let idle = inbox.withLock { inbox in
                inbox.sleeping = inbox.completions.isEmpty && inbox.jobs.isEmpty && !inbox.shutdownRequested
                return inbox.sleeping
            }
            let timeout = idle ? max(0, milliseconds(nextSweep - now)) : 0
            let count = epoll_wait(epollDescriptor, &events, Int32(Self.maxEvents), Int32(min(timeout, 1000)))
            if count < 0 && errno != EINTR { break }
            for index in 0..<max(0, Int(count)) {
                handle(events[index])
            }
            drainInbox()
            if clock.now >= nextSweep {
                sweep()
                nextSweep = clock.now + sweepInterval
            }
            if shutdownDeadline != nil && connections.isEmpty && handlersInFlight == 0 { break }
        }
        finish()
    }

    private func handle(_ event: epoll_event) {
        let id = event.data.u64
        switch id {
        case Self.listenerID:
            acceptConnections()
        case Self.wakeID:
            var value: UInt64 = 0
            _ = read(wakeDescriptor, &value, MemoryLayout<UInt64>.size)
        default:
            guard let connection = connections[id] else { return }
            if event.events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
                close(connection)
                return
            }
            if event.events & EPOLLOUT.rawValue != 0 {
                flush(connection)
            }
            if event.events & EPOLLIN.rawValue != 0, connections[id] != nil {
                readAvailable(connection)
            }
        }
    }

    private func acceptConnections() {
        for _ in 0..<Self.maxAcceptsPerEvent {
            guard listening, let descriptor = Socket.accept(listenDescriptor) else { return }
            if connections.count >= configuration.maxConnections {
                // Best effort: one non-blocking send of a short 503, then close.
                let bytes = HTTPResponse.text("server busy, retry later\n", status: .serviceUnavailable).serialized(keepAlive: false)
                _ = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                Glibc.close(descriptor)
                continue
            }
            let connection = Connection(id: nextID, descriptor: descriptor, limits: configuration.limits, now: clock.now)
            nextID += 1
            connections[connection.id] = connection
            updateInterest(connection)
        }
    }

    private func readAvailable(_ connection: Connection) {
        let received = readBuffer.withUnsafeMutableBytes { recv(connection.descriptor, $0.baseAddress, $0.count, 0) }
        if received < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return }
            close(connection)
            return
        }
        if received == 0 {
            peerClosedWriteSide(connection)
            return
        }
        switch connection.phase {
        case .draining:
            connection.drainedBytes += received
            if connection.drainedBytes > Self.maxDrainBytes { close(connection) }
            return
        case .closingAfterWrite:
            return
        case .processing:
            // Interest excludes reads while a handler runs, so this is at most one chunk: keep it
            // for the next (pipelined) request.
            readBuffer.withUnsafeBytes { connection.parser.append(UnsafeRawBufferPointer(rebasing: $0[0..<received])) }
            return
        case .reading:
            break
        }
        if connection.idleSince != nil {
            connection.idleSince = nil
            connection.readStartedAt = clock.now
        }
        readBuffer.withUnsafeBytes { connection.parser.append(UnsafeRawBufferPointer(rebasing: $0[0..<received])) }
        processBufferedRequests(connection)
    }

    private func peerClosedWriteSide(_ connection: Connection) {
        connection.peerClosed = true
        switch connection.phase {
        case .reading where !connection.hasPendingOutput, .draining:
            // Nothing owed (a partial request is truncated and dropped).
            close(connection)
        case .reading, .processing, .closingAfterWrite:
            updateInterest(connection)
        }
    }

    /// Parses buffered bytes: dispatches the next request, answers a parse error, or waits.
    private func processBufferedRequests(_ connection: Connection) {
        guard case .reading = connection.phase, !connection.hasPendingOutput else {
            updateInterest(connection)
            return
        }
        switch connection.parser.next() {
        case .request(let request):
            dispatch(request, on: connection)
        case .needMoreBytes:
            if connection.parser.isReadingBody && connection.bodyStartedAt == nil {
                connection.bodyStartedAt = clock.now
            }
            if connection.parser.takeContinueRequest() {
                // enqueue may recurse into this function once the bytes are out; it handles the rest.
                enqueue(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), on: connection)
                return
            }
            if connection.peerClosed && !connection.hasPendingOutput {
                close(connection)
                return
            }
            updateInterest(connection)
        case .failed(let error):
            connection.phase = .closingAfterWrite
            enqueue(HTTPResponse.text("\(error)\n", status: error.status).serialized(keepAlive: false), on: connection)
        }
    }

    private func dispatch(_ request: HTTPRequest, on connection: Connection) {
        connection.phase = .processing(
            Connection.RequestContext(
                keepAlive: request.keepAlive, version: request.version, isHead: request.method == .head, startedAt: clock.now))
        connection.bodyStartedAt = nil
        updateInterest(connection)
        handlersInFlight += 1
        let id = connection.id
        let responder = self.responder
        Task(executorPreference: self) {
            let response = await responder.respond(to: request)
            self.complete(id, with: response)
            // The loop writes completions after the jobs it runs, so the follow-up's work up to its
            // first suspension is done before the response leaves.
            if let followUp = response.followUp { await followUp() }
        }
    }

    private func drainInbox() {
        let jobs = inbox.withLock { inbox in
            inbox.sleeping = false
            defer { inbox.jobs.removeAll(keepingCapacity: true) }
            return inbox.jobs
        }
        for job in jobs { job.runSynchronously(on: asUnownedTaskExecutor()) }
        // Then the completions, with those the jobs just produced.
        let (completions, shutdownRequested) = inbox.withLock { inbox in
            defer { inbox.completions.removeAll() }
            return (inbox.completions, inbox.shutdownRequested)
        }
        for (id, response) in completions {
            handlersInFlight = max(0, handlersInFlight - 1)
            guard let connection = connections[id], case .processing(let context) = connection.phase else { continue }
            let keepAlive = context.keepAlive && shutdownDeadline == nil && !connection.peerClosed
            connection.phase = keepAlive ? .reading : .closingAfterWrite
            connection.readStartedAt = clock.now
            enqueue(response.serialized(keepAlive: keepAlive, version: context.version, includeBody: !context.isHead), on: connection)
        }
        if shutdownRequested && shutdownDeadline == nil { beginShutdown() }
    }

    // MARK: Writing

    private func enqueue(_ bytes: [UInt8], on connection: Connection) {
        if !connection.hasPendingOutput {
            connection.outbound.removeAll(keepingCapacity: true)
            connection.outboundOffset = 0
            connection.lastWriteProgress = clock.now
        }
        connection.outbound.append(contentsOf: bytes)
        flush(connection)
    }

    /// Writes as much as the socket takes; on completion moves the connection on.
    private func flush(_ connection: Connection) {
        while connection.hasPendingOutput {
            let sent = connection.outbound.withUnsafeBytes { bytes in
                send(connection.descriptor, bytes.baseAddress.map { $0 + connection.outboundOffset },
                     bytes.count - connection.outboundOffset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK { break }
                if errno == EINTR { continue }
                close(connection)
                return
            }
            connection.outboundOffset += sent
            connection.lastWriteProgress = clock.now
        }
        guard !connection.hasPendingOutput else {
            updateInterest(connection)
            return
        }
        switch connection.phase {
        case .closingAfterWrite:
            startDraining(connection)
        case .reading:
            if connection.peerClosed && !connection.parser.hasPartialRequest {
                close(connection)
                return
            }
            if !connection.parser.hasPartialRequest { connection.idleSince = clock.now }
            processBufferedRequests(connection)
        case .processing, .draining:
            updateInterest(connection)
        }
    }

    /// Half-closes and discards input for a short while, so a peer that is still sending reads
    /// our final response instead of a connection reset.
    private func startDraining(_ connection: Connection) {
        guard !connection.peerClosed else {
            close(connection)
            return
        }
        Glibc.shutdown(connection.descriptor, Int32(SHUT_WR))
        connection.phase = .draining(until: clock.now + Self.drainTimeout)
        updateInterest(connection)
    }

    // MARK: Bookkeeping

    private func updateInterest(_ connection: Connection) {
        // A nested call may have closed it already (its descriptor number may be reused later).
        guard connections[connection.id] != nil else { return }
        var events: UInt32 = 0
        switch connection.phase {
        case .reading:
            if !connection.hasPendingOutput && !connection.peerClosed { events |= EPOLLIN.rawValue }
        case .draining:
            events |= EPOLLIN.rawValue
        case .processing, .closingAfterWrite:
            break
        }
        if connection.hasPendingOutput { events |= EPOLLOUT.rawValue }
        if !connection.isRegistered {
            connection.isRegistered = true
            register(connection.descriptor, id: connection.id, events: events, operation: EPOLL_CTL_ADD)
        } else if events != connection.registeredEvents {
            register(connection.descriptor, id: connection.id, events: events, operation: EPOLL_CTL_MOD)
        }
        connection.registeredEvents = events
    }

    private func register(_ descriptor: Int32, id: UInt64, events: UInt32, operation: Int32) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = id
        _ = epoll_ctl(epollDescriptor, operation, descriptor, &event)
    }

    private func close(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.id) != nil else { return }
        // Closing the descriptor removes it from the epoll set.
        Glibc.close(connection.descriptor)
    }

    /// Closes connections whose current wait has expired.
    private func sweep() {
        let now = clock.now
        if let shutdownDeadline, now >= shutdownDeadline {
            for connection in Array(connections.values) { close(connection) }
            handlersInFlight = 0
            return
        }
        for connection in Array(connections.values) {
            guard now >= connection.deadline(configuration) else { continue }
            if case .processing = connection.phase {
                // The handler keeps running; its response will find the connection gone or closing.
                connection.phase = .closingAfterWrite
                let bytes = HTTPResponse.text("the server took too long to answer; retry later\n", status: .serviceUnavailable)
                enqueue(bytes.serialized(keepAlive: false), on: connection)
                continue
            }
            if case .reading = connection.phase, connection.parser.hasPartialRequest, !connection.hasPendingOutput {
                // Tell a slow client why, best effort, without waiting for it.
                let bytes = HTTPResponse.text("request not received in time\n", status: .requestTimeout).serialized(keepAlive: false)
                _ = bytes.withUnsafeBytes { send(connection.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
            close(connection)
        }
    }

    private func beginShutdown() {
        shutdownDeadline = clock.now + configuration.shutdownGracePeriod
        if listening {
            listening = false
            _ = epoll_ctl(epollDescriptor, EPOLL_CTL_DEL, listenDescriptor, nil)
            Glibc.close(listenDescriptor)
        }
        for connection in Array(connections.values) {
            if case .reading = connection.phase, !connection.hasPendingOutput {
                close(connection)
            }
        }
    }

    private func finish() {
        for connection in Array(connections.values) { close(connection) }
        if listening {
            listening = false
            Glibc.close(listenDescriptor)
        }
        let late = inbox.withLock { inbox in
            inbox.closed = true
            Glibc.close(wakeDescriptor)
            defer { inbox.jobs.removeAll() }
            return inbox.jobs
        }
        for job in late { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
        Glibc.close(epollDescriptor)
        let waiters = lifecycle.withLock { state -> [CheckedContinuation<Void, Never>] in
            defer { state = .finished }
            if case .running(let waiters) = state { return waiters }
            return []
        }
        for waiter in waiters { waiter.resume() }
    }

    private func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000) + (attoseconds % 1_000_000_000_000_000 > 0 ? 1 : 0)
    }
}
