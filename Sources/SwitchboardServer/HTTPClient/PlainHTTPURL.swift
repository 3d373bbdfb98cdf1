/// The parts of an `http://` URL the built-in client needs: where to connect, the `Host` field,
/// and the request target. Only plain HTTP: `https://` goes through URLSession (TLS).
struct PlainHTTPURL: Equatable {
    var host: String
    var port: Int
    /// The `Host` field: the host, with the port when it is not 80 (IPv6 literals in brackets).
    var hostField: String
    /// Path and query, `/` when the URL has none.
    var target: String

    /// Nil unless `text` is an absolute `http://host[:port][/path][?query]` URL with no user info.
    init?(_ text: String) {
        guard text.utf8.count <= Self.maxLength, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        let scheme = "http://"
        guard text.lowercased().hasPrefix(scheme) else { return nil }
        let rest = text.dropFirst(scheme.count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        var target = String(rest[authorityEnd...].prefix { $0 != "#" })
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        let host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        var port = 80
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, let value = Int(portText), (1...65535).contains(value) else { return nil }
            port = value
        }
        guard !host.isEmpty else { return nil }
        self.host = String(host)
        self.port = port
        let shownHost = authority.hasPrefix("[") ? "[\(host)]" : String(host)
        hostField = port == 80 ? shownHost : "\(shownHost):\(port)"
        self.target = target
    }

    /// Longer URLs are refused; X's endpoints are under 100 characters.
    static let maxLength = 8 * 1024
}
