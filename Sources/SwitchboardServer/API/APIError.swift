import Foundation

/// A consistent JSON error body: `{"error":{"code":"…","message":"…"}}`.
struct APIError: Error {
    var status: HTTPStatus
    var code: String
    var message: String

    init(_ status: HTTPStatus, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    var response: HTTPResponse {
        HTTPResponse.json(JSONBody.encode(["error": ["code": code, "message": message]]), status: status)
    }

    static func badJSON(_ detail: String) -> APIError {
        APIError(.badRequest, "invalid_json", "the body is not the JSON this endpoint takes: \(detail)")
    }
}

/// Small JSON helpers for request and response bodies (Foundation's serialization, bounded input).
enum JSONBody {
    static func encode(_ object: Any) -> [UInt8] {
        guard JSONSerialization.isValidJSONObject(object),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return Array(#"{"error":{"code":"internal","message":"unencodable response"}}"#.utf8) }
        return [UInt8](data)
    }

    /// The body as a JSON object; a clear 400 for anything else.
    static func object(_ body: [UInt8]) throws(APIError) -> [String: Any] {
        guard !body.isEmpty else { throw .badJSON("the body is empty; send a JSON object") }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(body))
        } catch {
            throw .badJSON("it does not parse as JSON")
        }
        guard let object = parsed as? [String: Any] else { throw .badJSON("expected a JSON object") }
        return object
    }

    static func string(_ object: [String: Any], _ key: String, required: Bool = false, maximum: Int = 10_000)
        throws(APIError) -> String?
    {
        guard let value = object[key], !(value is NSNull) else {
            if required { throw APIError(.badRequest, "missing_field", "'\(key)' is required") }
            return nil
        }
        guard let text = value as? String else {
            throw APIError(.badRequest, "wrong_type", "'\(key)' must be a string")
        }
        guard text.count <= maximum else {
            throw APIError(.contentTooLarge, "too_long", "'\(key)' has \(text.count) characters; at most \(maximum)")
        }
        return text
    }
}
