import Foundation
import SwitchboardServer

/// Checks an `Authorization: OAuth …` header the way X would: recompute the signature from its
/// nonce and timestamp, the request URL and the form parameters received.
enum OAuthHeaderCheck {
    /// The header's `name="value"` fields, percent-decoded; nil when it is not an OAuth header.
    static func fields(_ header: String) -> [String: String]? {
        guard header.hasPrefix("OAuth ") else { return nil }
        var fields: [String: String] = [:]
        for part in header.dropFirst(6).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[1].hasPrefix("\""), pair[1].hasSuffix("\""), pair[1].count >= 2 else { return nil }
            fields[pair[0]] = String(pair[1].dropFirst().dropLast()).removingPercentEncoding
        }
        return fields
    }

    static func verifies(
        _ header: String?, method: String = "POST", url: String, form: [String: String], credentials: XCredentials
    ) -> Bool {
        guard let header, let fields = fields(header), let nonce = fields["oauth_nonce"],
            let timestamp = fields["oauth_timestamp"].flatMap({ Int64($0) }), let signature = fields["oauth_signature"],
            fields["oauth_consumer_key"] == credentials.consumerKey, fields["oauth_token"] == credentials.accessToken
        else { return false }
        let signer = OAuth1Signer(
            credentials: OAuth1Credentials(
                consumerKey: credentials.consumerKey, consumerSecret: credentials.consumerSecret,
                token: credentials.accessToken, tokenSecret: credentials.accessTokenSecret))
        let parameters = signer.protocolParameters(nonce: nonce, timestamp: timestamp) + form.map { ($0.key, $0.value) }
        return signer.signature(method: method, url: url, parameters: parameters) == signature
    }
}
