import SwitchboardCrypto
import Testing

@Suite struct SHA1Tests {
    /// FIPS 180-4 examples (NIST CSRC "Examples with intermediate values").
    static let vectors: [(message: [UInt8], digest: String)] = [
        (Array("abc".utf8), "a9993e364706816aba3e25717850c26c9cd0d89d"),
        (
            Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        ),
        ([], "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
    ]

    @Test(arguments: vectors.indices)
    func fipsExampleDigestsMatch(index: Int) {
        let vector = Self.vectors[index]
        #expect(hexDigest(SHA1.self, vector.message) == vector.digest)
    }

    @Test func oneMillionLetterAMatchesFips() {
        var hash = SHA1()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hash.update(chunk) }
        #expect(Hex.encode(hash.finalize()) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test(arguments: PaddingEdge.lengths)
    func paddingEdgeLengthsAgreeBetweenOneCallAndStreaming(length: Int) {
        #expect(PaddingEdge.oneCall(SHA1.self, length: length) == PaddingEdge.byteByByte(SHA1.self, length: length))
        #expect(PaddingEdge.oneCall(SHA1.self, length: length) == PaddingEdge.unevenChunks(SHA1.self, length: length))
    }

    /// Known answers at the padding edges, cross-checked with Python's hashlib.
    @Test func paddingEdgeLengthsMatchKnownDigests() {
        #expect(PaddingEdge.oneCall(SHA1.self, length: 55) == "c1c8bbdc22796e28c0e15163d20899b65621d65a")
        #expect(PaddingEdge.oneCall(SHA1.self, length: 56) == "c2db330f6083854c99d4b5bfb6e8f29f201be699")
        #expect(PaddingEdge.oneCall(SHA1.self, length: 64) == "0098ba824b5c16427bd7a1122a5a442a25ec644d")
    }
}
