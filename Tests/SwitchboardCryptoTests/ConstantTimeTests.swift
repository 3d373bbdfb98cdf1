import SwitchboardCrypto
import Testing

@Suite struct ConstantTimeTests {
    @Test func equalBytesCompareEqual() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(ConstantTime.equals([UInt8](), [UInt8]()))
        #expect(ConstantTime.equals(Array("abc".utf8), "abc".utf8))
    }

    @Test(arguments: [[9, 2, 3], [1, 2, 9], [1, 2], [1, 2, 3, 4]] as [[UInt8]])
    func anyDifferenceOrLengthMismatchCompareUnequal(other: [UInt8]) {
        #expect(!ConstantTime.equals([1, 2, 3] as [UInt8], other))
    }
}
