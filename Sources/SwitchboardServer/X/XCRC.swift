import SwitchboardCrypto

/// The Account Activity webhook CRC check: X sends `GET <url>?crc_token=T` and expects
/// `{"response_token":"sha256=" + base64(HMAC-SHA256(consumer secret, T))}` within about a second.
public enum XCRC {
    /// Longest crc_token accepted; X's are short, and this bounds the HMAC work per request.
    public static let maxTokenBytes = 1024

    /// `sha256=<base64>` for `crcToken`.
    public static func responseToken(crcToken: String, consumerSecret: String) -> String {
        "sha256=" + Base64.encode(HMAC<SHA256>.authenticationCode(for: crcToken.utf8, key: consumerSecret.utf8))
    }

    /// The JSON body X expects: `{"response_token":"sha256=…"}`.
    public static func responseBody(crcToken: String, consumerSecret: String) -> [UInt8] {
        // Base64 and the prefix need no JSON escaping.
        Array("{\"response_token\":\"\(responseToken(crcToken: crcToken, consumerSecret: consumerSecret))\"}".utf8)
    }

    /// The whole answer to a CRC request: 200 with the token, or 400 saying what is missing.
    public static func response(to request: HTTPRequest, consumerSecret: String) -> HTTPResponse {
        guard let token = request.queryParameter("crc_token"), !token.isEmpty else {
            return .text("missing crc_token query parameter (X sends GET ?crc_token=…)\n", status: .badRequest)
        }
        guard token.utf8.count <= maxTokenBytes else {
            return .text("crc_token longer than \(maxTokenBytes) bytes\n", status: .badRequest)
        }
        return .json(responseBody(crcToken: token, consumerSecret: consumerSecret))
    }
}
