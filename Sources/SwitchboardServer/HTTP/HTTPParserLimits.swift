/// Size limits the request parser enforces; each breach maps to its own status code.
public struct HTTPParserLimits: Sendable, Equatable {
    /// Longest request line in bytes (414 beyond). 8 KiB is what common servers and proxies allow.
    public var maxRequestLineBytes: Int
    /// Total bytes of all header lines (431 beyond). 16 KiB covers real clients with room to spare.
    public var maxHeaderBytes: Int
    /// Most header fields (431 beyond). Real webhook deliveries send about a dozen.
    public var maxHeaderCount: Int
    /// Largest body in bytes (413 beyond). 1 MiB: X webhook batches are a few KiB.
    public var maxBodyBytes: Int

    public init(maxRequestLineBytes: Int = 8192, maxHeaderBytes: Int = 16384, maxHeaderCount: Int = 100, maxBodyBytes: Int = 1 << 20) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
    }
}
