import SwitchboardCore
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// One client TCP connection with blocking-style calls bounded by a deadline (non-blocking socket
/// plus `poll`), used by one worker thread of `PlainHTTPTransport` at a time.
final class ClientConnection {
    let descriptor: Int32
    /// When the connection last finished an exchange; idle connections are closed after a while.
    var idleSince: ContinuousClock.Instant

    /// Where answers are read into: one buffer for the connection's life, not one per answer.
    private let readBuffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: ClientConnection.readChunkBytes)

    private init(descriptor: Int32) {
        self.descriptor = descriptor
        idleSince = .now
    }

    deinit {
        close(descriptor)
        readBuffer.deallocate()
    }

    /// Connects to `host:port` (a name or an IP literal), trying each address until one answers.
    static func connect(host: String, port: Int, deadline: ContinuousClock.Instant) throws(HTTPTransportError) -> ClientConnection {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let lookup = getaddrinfo(host, String(port), &hints, &list)
        guard lookup == 0, let first = list else {
            let reason = lookup == 0 ? "no address" : String(cString: gai_strerror(lookup))
            throw .connectionFailed("cannot resolve \(host): \(reason)")
        }
        defer { freeaddrinfo(first) }
        var lastError = "no address for \(host)"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let descriptor = socket(
                address.pointee.ai_family,
                Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0 else {
                lastError = SystemError.message(for: errno)
                continue
            }
            let connection = ClientConnection(descriptor: descriptor)  // closes the socket if we give up
            var one: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            if Glibc.connect(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
                return connection
            }
            guard errno == EINPROGRESS else {
                lastError = SystemError.message(for: errno)
                continue
            }
            guard try connection.wait(for: Int16(POLLOUT), until: deadline) else {
                throw .timedOut(deadline - .now)
            }
            var code: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length)
            if code == 0 { return connection }
            lastError = SystemError.message(for: code)
        }
        throw .connectionFailed("cannot connect to \(host):\(port): \(lastError)")
    }

    /// Writes all of `bytes` before the deadline.
    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(ClientConnectionError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                send(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written > 0 {
                offset += written
                continue
            }
            let code = errno
            guard written < 0, code == EAGAIN || code == EWOULDBLOCK || code == EINTR else {
                throw .failed(SystemError.message(for: code), sentNothing: offset == 0)
            }
            let ready: Bool
            do {
                ready = try wait(for: Int16(POLLOUT), until: deadline)
            } catch {
                throw .failed("\(error)", sentNothing: offset == 0)
            }
            guard ready else { throw .timedOut }
        }
    }

    /// Reads into `parser` until it has a whole response, the peer closes, or the deadline passes.
    func readResponse(
        into parser: inout HTTPResponseParser, deadline: ContinuousClock.Instant
    ) throws(ClientConnectionError) -> HTTPResponseParser.Complete {
        while true {
            let count = recv(descriptor, readBuffer.baseAddress, readBuffer.count, 0)
            if count > 0 {
                do {
                    if let complete = try parser.feed(UnsafeBufferPointer(rebasing: readBuffer[..<count])) { return complete }
                } catch {
                    throw .malformed(error)
                }
                continue
            }
            if count == 0 {
                do {
                    return try parser.finish()
                } catch {
                    throw error == .closedBeforeResponse ? .closedBeforeResponse : .malformed(error)
                }
            }
            let code = errno
            guard code == EAGAIN || code == EWOULDBLOCK || code == EINTR else {
                if code == ECONNRESET && !parser.receivedAnything { throw .closedBeforeResponse }
                throw .failed(SystemError.message(for: code), sentNothing: false)
            }
            let ready: Bool
            do {
                ready = try wait(for: Int16(POLLIN), until: deadline)
            } catch {
                throw .failed("\(error)", sentNothing: false)
            }
            guard ready else { throw .timedOut }
        }
    }

    /// Whether an idle kept-alive connection is still usable: the peer has not closed it and has
    /// sent nothing unasked (either shows as readable).
    var isReusable: Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) == 0
    }

    /// Waits until the socket is ready for `events`; false when the deadline passed first.
    private func wait(for events: Int16, until deadline: ContinuousClock.Instant) throws(HTTPTransportError) -> Bool {
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { return false }
            let milliseconds = Int32(clamping: max(1, remaining.wholeMilliseconds))
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let result = poll(&entry, 1, milliseconds)
            if result > 0 { return true }  // ready, or an error the next call will report
            if result < 0 && errno != EINTR { throw .connectionFailed("poll: \(SystemError.message(for: errno))") }
        }
    }

    /// Bytes read per `recv`; X's answers fit in one or two.
    static let readChunkBytes = 16 * 1024
}

/// What went wrong on a connection, with what the transport needs to decide about a retry.
enum ClientConnectionError: Error, Equatable {
    /// The peer closed (or reset) the connection before sending a byte of the answer.
    case closedBeforeResponse
    case timedOut
    case failed(String, sentNothing: Bool)
    case malformed(HTTPResponseParseError)
}
