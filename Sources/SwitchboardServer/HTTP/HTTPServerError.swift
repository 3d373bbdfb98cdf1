/// Why the server could not start.
public enum HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The host is not an IP literal or `localhost`.
    case invalidHost(String)
    case invalidPort(Int)
    /// A socket call failed; `code` is the errno value.
    case systemCall(String, code: Int32)
    case alreadyStarted

    public var description: String {
        switch self {
        case .invalidHost(let host): "cannot bind '\(host)': use an IP address such as 127.0.0.1, 0.0.0.0 or ::1"
        case .invalidPort(let port): "port \(port) is outside 0…65535 (0 picks a free port)"
        case .systemCall(let call, let code):
            code == 98
                ? "\(call) failed: the address is already in use; stop the other server or pick another port"
                : "\(call) failed with errno \(code) (\(SystemError.message(for: code)))"
        case .alreadyStarted: "this server was already started (a server starts once); create a new HTTPServer to listen again"
        }
    }
}
