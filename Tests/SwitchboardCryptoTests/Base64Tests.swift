import SwitchboardCrypto
import Testing

@Suite struct Base64Tests {
    /// RFC 4648 §10 test vectors.
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func encodesAndDecodesRFC4648Vectors(plain: String, encoded: String) throws {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(try Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test func roundTripsEveryByteValueAtEveryRemainderLength() throws {
        let all = (0...255).map { UInt8($0) }
        for length in [0, 1, 2, 3, 254, 255, 256] {
            let input = Array(all.prefix(length))
            #expect(try Base64.decode(Base64.encode(input)) == input)
        }
    }

    /// Collections without contiguous storage take the same path through a copy.
    @Test(arguments: ["", "f", "fo", "foo", "foob", "fooba", "foobar"])
    func encodesNonContiguousCollectionsAlike(plain: String) {
        #expect(Base64.encode(plain.utf8.reversed().reversed()) == Base64.encode(Array(plain.utf8)))
        #expect(Base64.encode((0..<plain.utf8.count).lazy.map { Array(plain.utf8)[$0] }) == Base64.encode(Array(plain.utf8)))
    }

    @Test(arguments: ["Zg=", "Zg", "Z", "Zm9vY"])
    func rejectsLengthsThatAreNotAMultipleOfFour(text: String) {
        #expect(throws: Base64DecodingError.invalidLength(text.utf8.count)) { try Base64.decode(text) }
    }

    @Test(arguments: ["Zm9v YmFy", "Zm9v\nYmFy", "Zm9-YmFy", "Zm9_YmFy", "Zm9vYmF\u{0}"])
    func rejectsCharactersOutsideTheStandardAlphabet(text: String) {
        #expect(throws: Base64DecodingError.self) { try Base64.decode(text) }
    }

    @Test(arguments: ["=Zm9", "Z===", "Zg==Zg==", "Zm=v", "===="])
    func rejectsMisplacedPadding(text: String) {
        #expect(throws: Base64DecodingError.self) { try Base64.decode(text) }
    }

    @Test func rejectsNonCanonicalTrailingBits() {
        #expect(throws: Base64DecodingError.nonCanonical) { try Base64.decode("Zh==") }
        #expect(throws: Base64DecodingError.nonCanonical) { try Base64.decode("Zm9=") }
    }

    @Test func errorsExplainWhatToDo() {
        #expect(Base64DecodingError.invalidLength(3).description.contains("multiple of 4"))
        #expect(Base64DecodingError.invalidCharacter(0x2d, offset: 3).description.contains("0x2d"))
    }
}
