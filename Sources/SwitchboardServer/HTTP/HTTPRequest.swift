/// A complete, parsed HTTP/1.x request: head plus the whole body (bounded by the parser limits).
public struct HTTPRequest: Sendable, Equatable {
    public var method: HTTPMethod
    /// The request target exactly as received, e.g. `/webhooks/x?crc_token=abc`.
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// The raw body bytes (signatures are computed over these, never over re-encoded JSON).
    public var body: [UInt8]
    /// Whether the connection stays open after the response (HTTP/1.1 default, `Connection: close`,
    /// HTTP/1.0 `Connection: keep-alive`).
    public var keepAlive: Bool

    public init(
        method: HTTPMethod, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = [:],
        body: [UInt8] = [], keepAlive: Bool = true
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
    }

    /// The path part of the target, without the query (`/webhooks/x`).
    public var path: String {
        // Origin form (`/webhooks/x`, what clients send): the bytes up to `?` or `#`, and the target
        // itself, not a copy, when it has neither. This runs for every request.
        let bytes = self.target.utf8
        if bytes.first == UInt8(ascii: "/") {
            guard let end = bytes.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) else {
                return self.target
            }
            return String(self.target[..<end])
        }
        var target = Substring(self.target)
        if let scheme = target.firstRange(of: "://") {
            let afterScheme = target[scheme.upperBound...]
            target = afterScheme.firstIndex(of: "/").map { afterScheme[$0...] } ?? "/"
        }
        return String(target.prefix { $0 != "?" && $0 != "#" })
    }

    /// The raw query string after `?`, or nil when there is none.
    public var query: String? {
        guard let mark = target.firstIndex(of: "?") else { return nil }
        return String(target[target.index(after: mark)...].prefix { $0 != "#" })
    }

    /// The first value of query parameter `name`, percent-decoded (`+` reads as a space), or nil.
    /// A value with a malformed escape is returned as nil rather than guessed.
    public func queryParameter(_ name: String) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = FormDecoding.decode(parts[0]), key == name else { continue }
            return parts.count > 1 ? FormDecoding.decode(parts[1]) : ""
        }
        return nil
    }
}

/// `application/x-www-form-urlencoded` component decoding.
enum FormDecoding {
    /// Decodes `%XX` escapes and `+`; nil for a truncated or non-hex escape or invalid UTF-8.
    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
