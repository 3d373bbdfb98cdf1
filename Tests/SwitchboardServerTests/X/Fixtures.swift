import Foundation

/// Reads the X fixtures copied into this test target (`Fixtures/x/`), byte for byte.
enum Fixtures {
    struct Missing: Error, CustomStringConvertible {
        var name: String
        var description: String { "fixture Fixtures/x/\(name) is missing from the test bundle" }
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        guard let root = Bundle.module.resourceURL else { throw Missing(name: name) }
        let url = root.appendingPathComponent("Fixtures").appendingPathComponent("x").appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw Missing(name: name) }
        return Array(data)
    }

    static func json(_ name: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(try bytes(name))) as? [String: Any] else {
            throw Missing(name: name)
        }
        return object
    }

    /// `signatures.json`: the secret, CRC vectors, and valid and forged body signatures.
    struct SignatureVectors {
        var secret: String
        var crc: [(token: String, response: String)]
        var signatures: [(file: String, header: String)]
        var forged: [(file: String, header: String)]
    }

    static func signatureVectors() throws -> SignatureVectors {
        let object = try json("signatures.json")
        func pairs(_ key: String, _ first: String, _ second: String) -> [(String, String)] {
            ((object[key] as? [[String: String]]) ?? []).compactMap { entry in
                guard let a = entry[first], let b = entry[second] else { return nil }
                return (a, b)
            }
        }
        return SignatureVectors(
            secret: object["secret"] as? String ?? "",
            crc: pairs("crc", "crc_token", "response_token"),
            signatures: pairs("signatures", "file", "x-twitter-webhooks-signature"),
            forged: pairs("forged", "file", "x-twitter-webhooks-signature"))
    }
}
