/// Settings for `HTTPServer`. Every wait has a timeout and every input a limit.
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind: an IPv4 or IPv6 literal, or `localhost`. Default loopback only; put a TLS
    /// proxy in front for X (webhook URLs must be HTTPS).
    public var host: String
    /// Port to bind; 0 picks a free ephemeral port (read it from `HTTPServer.start()`).
    public var port: Int
    /// Open connections beyond this get `503` and are closed. The server raises the process's
    /// open-file soft limit to the hard limit at start so that this many sockets fit.
    public var maxConnections: Int
    /// Time allowed from the first byte of a request (or from accept) until its head is complete.
    /// Slow-header clients (slowloris) are closed after it.
    public var headerReadTimeout: Duration
    /// Time allowed for the body once the head is complete.
    public var bodyReadTimeout: Duration
    /// An idle keep-alive connection, or one whose reader stopped taking the response, is closed after it.
    public var idleTimeout: Duration
    /// A handler that has not answered after this gets its client a `503` and the connection
    /// closed; its late response is dropped. Make handlers idempotent (webhooks are redelivered).
    public var responseTimeout: Duration
    /// How long `shutdown()` waits for in-flight handlers before closing their connections anyway.
    public var shutdownGracePeriod: Duration
    /// Request size limits (request line, headers, body — 1 MiB by default).
    public var limits: HTTPParserLimits

    public init(
        host: String = "127.0.0.1", port: Int = 0, maxConnections: Int = 4096,
        headerReadTimeout: Duration = .seconds(10), bodyReadTimeout: Duration = .seconds(30),
        idleTimeout: Duration = .seconds(60), responseTimeout: Duration = .seconds(30),
        shutdownGracePeriod: Duration = .seconds(10),
        limits: HTTPParserLimits = HTTPParserLimits()
    ) {
        self.host = host
        self.port = port
        self.maxConnections = maxConnections
        self.headerReadTimeout = headerReadTimeout
        self.bodyReadTimeout = bodyReadTimeout
        self.idleTimeout = idleTimeout
        self.responseTimeout = responseTimeout
        self.shutdownGracePeriod = shutdownGracePeriod
        self.limits = limits
    }
}
