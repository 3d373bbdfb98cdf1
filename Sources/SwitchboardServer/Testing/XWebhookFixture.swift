import Foundation

/// Builds signed X webhook bodies, as X would send them (for tests, load scripts and the kill test).
public enum XWebhookFixture {
    /// A `direct_message_events` body with one DM, and its `x-twitter-webhooks-signature` value.
    public static func dm(
        consumerSecret: String, brandID: String, customerID: String, eventID: String, text: String,
        quickReplyMetadata: String? = nil, customerName: String = "Jane Customer", followers: Int = 120,
        createdAtMilliseconds: Int64 = 1_700_000_000_000
    ) -> (body: [UInt8], signature: String) {
        var messageData: [String: Any] = [
            "text": text, "entities": ["hashtags": [Any](), "symbols": [Any](), "user_mentions": [Any](), "urls": [Any]()],
        ]
        if let quickReplyMetadata {
            messageData["quick_reply_response"] = ["type": "options", "metadata": quickReplyMetadata]
        }
        let object: [String: Any] = [
            "for_user_id": brandID,
            "direct_message_events": [
                [
                    "type": "message_create", "id": eventID, "created_timestamp": String(createdAtMilliseconds),
                    "message_create": [
                        "target": ["recipient_id": brandID], "sender_id": customerID, "message_data": messageData,
                    ],
                ]
            ],
            "users": [
                customerID: [
                    "id": customerID, "name": customerName, "screen_name": "user\(customerID)",
                    "followers_count": followers,
                ]
            ],
        ]
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { [UInt8]($0) } ?? []
        return (body, XWebhookSignatureVerifier(consumerSecret: consumerSecret).signature(for: body))
    }
}
