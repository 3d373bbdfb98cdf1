import Foundation
import Synchronization

/// An HTTP/1.1 server on POSIX sockets and epoll (Linux): one event-loop thread moves bytes,
/// `HTTPRequestParser` frames requests, and the responder runs on the concurrency pool.
///
/// Keep-alive, pipelining (answered in order), header/body/idle timeouts, a connection limit
/// and graceful shutdown are built in. Typical use:
/// ```
/// let server = HTTPServer(configuration: .init(port: 8080), responder: router)
/// let port = try server.start()
/// …
/// await server.shutdown()
/// ```
public final class HTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let state = Mutex<State>(.idle)

    private enum State {
        case idle
        case running(EventLoop, port: Int)
        case stopping(EventLoop)
        case stopped
    }

    public init(configuration: HTTPServerConfiguration = HTTPServerConfiguration(), responder: any HTTPResponder) {
        self.configuration = configuration
        self.responder = responder
    }

    /// Binds, listens and starts the event-loop thread. Returns the bound port (useful with port 0).
    /// Raises the open-file soft limit to the hard limit first. Throws if already started or the
    /// address cannot be bound.
    @discardableResult
    public func start() throws(HTTPServerError) -> Int {
        let alreadyStarted = state.withLock { state -> Bool in
            if case .idle = state { return false }
            return true
        }
        if alreadyStarted { throw .alreadyStarted }
        Socket.raiseOpenFileLimit()
        let (descriptor, port) = try Socket.listen(host: configuration.host, port: configuration.port)
        let loop: EventLoop
        do {
            loop = try EventLoop(configuration: configuration, responder: responder, listenDescriptor: descriptor)
        } catch {
            close(descriptor)
            throw error
        }
        state.withLock { $0 = .running(loop, port: port) }
        let thread = Thread {
            Thread.current.name = "sb-http-loop"  // from inside: Foundation names the OS thread only then
            loop.run()
        }
        thread.start()
        return port
    }

    /// The bound port while running, else nil.
    public var port: Int? {
        state.withLock { state in
            if case .running(_, let port) = state { return port }
            return nil
        }
    }

    /// Stops accepting, closes idle connections, lets in-flight handlers finish and their
    /// responses go out (with `Connection: close`), then returns. Connections still busy after
    /// `shutdownGracePeriod` are closed. Safe to call more than once (every caller waits) or
    /// before `start()`; a stopped server cannot start again.
    public func shutdown() async {
        let loop = state.withLock { state -> EventLoop? in
            switch state {
            case .running(let loop, _):
                state = .stopping(loop)
                return loop
            case .stopping(let loop):
                return loop
            case .idle:
                state = .stopped
                return nil
            case .stopped:
                return nil
            }
        }
        guard let loop else { return }
        loop.requestShutdown()
        await loop.waitUntilFinished()
    }
}
