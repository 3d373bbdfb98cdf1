/// A request method token (RFC 9110 §9). Any token parses; the common ones have names.
public struct HTTPMethod: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let options = HTTPMethod(rawValue: "OPTIONS")

    /// Methods whose requests carry a body, so a missing Content-Length is answered 411.
    var requiresContentLength: Bool { self == .post || self == .put || self == .patch }

    public var description: String { rawValue }
}
