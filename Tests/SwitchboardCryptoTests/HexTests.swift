import SwitchboardCrypto
import Testing

@Suite struct HexTests {
    @Test func encodesLowerCaseAndDecodesEitherCase() throws {
        #expect(Hex.encode([0x00, 0x0f, 0xab, 0xff]) == "000fabff")
        #expect(try Hex.decode("000FabfF") == [0x00, 0x0f, 0xab, 0xff])
        #expect(try Hex.decode("") == [])
    }

    @Test func rejectsOddLengthAndNonHexCharacters() {
        #expect(throws: HexDecodingError.oddLength(3)) { try Hex.decode("abc") }
        #expect(throws: HexDecodingError.invalidCharacter(offset: 1)) { try Hex.decode("0g") }
        #expect(throws: HexDecodingError.invalidCharacter(offset: 0)) { try Hex.decode("é") }
    }
}
