import Foundation
import Testing

@testable import SwitchboardCore

/// Seeded random mutations of realistic JSON, read by `JSONReader` and by Foundation's
/// `JSONSerialization`: no crash, and the two agree on what is JSON, apart from where the reader is
/// stricter on purpose (trailing commas, a byte-order mark, nesting past 64) and where Foundation
/// is (numbers past `Double`'s range, like `1e999`).
@Suite struct JSONReaderFuzzTests {
    static let corpus: [[UInt8]] = [
        #"{"for_user_id":"1000000000000000001","direct_message_events":[{"type":"message_create","id":"1100000000000000001","created_timestamp":"1700000000000","message_create":{"target":{"recipient_id":"1000000000000000001"},"sender_id":"2000000000000000002","message_data":{"text":"Hi, my bill doubled 😡 \"why\"?\n\u00e9\uD83D\uDE00","entities":{"hashtags":[],"urls":[]}}}}],"users":{"2000000000000000002":{"id":"2000000000000000002","name":"Jane Q. Customer","screen_name":"jane_fake","followers_count":1834,"verified":false,"protected":null}}}"#,
        #"{"key":{"account":"1000","customer":"2\"0\n0"},"phase":{"capturing":{"_0":"outage.zip","failures":2}},"slots":{"note":"line\nbreak \\ \u0001","zip":"78701"},"profile":{"name":"Jane","followers":-1834},"offered":[{"token":"sb1.v.7.4","label":"★★★","choice":{"rating":{"_0":3}}}],"turn":7,"lastActivity":{"milliseconds":1700000000123}}"#,
        "[0, -0, 1.5, -2.25e-3, 1E+20, 123456789012345678901234567890, true, false, null, \"\", [], {}, [[[]]], {\"a\": {\"b\": {}}}]",
        " {\n  \"spaced\" : [ 1 , 2 ] ,\r\n\t\"x\":\"\\/\\b\\f\\r\\t\\u0041\"\n} ",
    ].map { Array($0.utf8) }

    /// Bytes on the grammar's edges, and some that are not UTF-8 on their own.
    static let interesting: [UInt8] = Array("{}[]:,\"\\/ \n0123456789-+.eEtrufalsnu".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xED, 0xEF, 0xF4, 0xFF]
    static let snippets: [[UInt8]] = [
        "\\u", "\\uD800", "\\uDC00", "\\uD83D\\uDE00", "01", "1e999", ",]", ",}", "//", "/*", "NaN", "\u{FEFF}", "\"a\":", "[[[[",
    ].map { Array($0.utf8) }

    @Test func corpusIsValidForBothReaders() throws {
        for document in Self.corpus {
            _ = try JSONReader.parse(document)
            _ = try JSONSerialization.jsonObject(with: Data(document))
        }
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func mutatedJSONNeverCrashesAndAgreesWithFoundation(seed: UInt64) throws {
        var random = SwitchboardCore.SeededGenerator(seed: seed)
        var accepted = 0
        var rejected = 0
        for iteration in 0..<500 {
            let input = Self.mutated(Self.corpus[Int(random.next() % UInt64(Self.corpus.count))], using: &random)
            let ours = Result { () throws(JSONReaderError) in try JSONReader.parse(input) }
            let foundation = try? JSONSerialization.jsonObject(with: Data(input))
            // The same bytes always give the same answer.
            #expect(ours == Result { () throws(JSONReaderError) in try JSONReader.parse(input) })
            switch ours {
            case .success(let value):
                accepted += 1
                if case .array = value, Self.allNumbersFinite(value) {
                    #expect(foundation != nil, "iteration \(iteration): we accept what Foundation rejects: \(Self.show(input))")
                }
                if case .object = value, Self.allNumbersFinite(value) {
                    #expect(foundation != nil, "iteration \(iteration): we accept what Foundation rejects: \(Self.show(input))")
                }
                if let foundation { #expect(Self.sameStrings(value, foundation), "iteration \(iteration): \(Self.show(input))") }
            case .failure(let error):
                rejected += 1
                #expect(error.offset >= 0 && error.offset <= input.count)
                if foundation != nil {
                    let stricter: Bool
                    switch error.reason {
                    case .trailingComma, .byteOrderMark, .tooDeep: stricter = true
                    default: stricter = false
                    }
                    #expect(stricter, "iteration \(iteration): Foundation accepts what we reject (\(error)): \(Self.show(input))")
                }
            }
        }
        // Both outcomes are reached, or the mutations are too weak or too strong to test anything.
        #expect(accepted > 20)
        #expect(rejected > 200)
    }

    /// One to four mutations: flip a bit, set an interesting byte, delete a range, truncate,
    /// insert a snippet, or duplicate a slice.
    static func mutated(_ seed: [UInt8], using random: inout SwitchboardCore.SeededGenerator) -> [UInt8] {
        var bytes = seed
        for _ in 0..<(1 + Int(random.next() % 4)) {
            let position = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
            switch random.next() % 6 {
            case 0 where !bytes.isEmpty: bytes[position] ^= UInt8(1) << UInt8(random.next() % 8)
            case 1 where !bytes.isEmpty: bytes[position] = interesting[Int(random.next() % UInt64(interesting.count))]
            case 2 where !bytes.isEmpty: bytes.removeSubrange(position..<min(bytes.count, position + 1 + Int(random.next() % 8)))
            case 3: bytes = Array(bytes.prefix(position))
            case 4: bytes.insert(contentsOf: snippets[Int(random.next() % UInt64(snippets.count))], at: position)
            default:
                let end = min(bytes.count, position + 1 + Int(random.next() % 16))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            }
        }
        return bytes
    }

    static func allNumbersFinite(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let number): number.double != nil
        case .array(let elements): elements.allSatisfy(allNumbersFinite)
        case .object(let object): object.members.allSatisfy { allNumbersFinite($0.value) }
        case .null, .bool, .string: true
        }
    }

    /// The same structure and the same strings (numbers and booleans are not compared: Foundation
    /// boxes them in `NSNumber`). Repeated keys: both keep the last.
    static func sameStrings(_ value: JSONValue, _ other: Any) -> Bool {
        switch value {
        case .string(let text): return (other as? String) == text
        case .array(let elements):
            guard let others = other as? [Any], others.count == elements.count else { return false }
            return zip(elements, others).allSatisfy { sameStrings($0, $1) }
        case .object(let object):
            guard let others = other as? [String: Any], others.count == object.keys.count else { return false }
            return object.lastValues().allSatisfy { key, value in others[key].map { sameStrings(value, $0) } ?? false }
        case .null: return other is NSNull
        case .number, .bool: return true
        }
    }

    static func show(_ bytes: [UInt8]) -> String {
        bytes.prefix(300).map { (0x20..<0x7F).contains($0) ? String(UnicodeScalar($0)) : "\\x\(String($0, radix: 16))" }.joined()
    }
}
