import SwitchboardCrypto
import Testing

@Suite struct SHA256Tests {
    /// FIPS 180-4 examples (NIST CSRC "Examples with intermediate values").
    static let vectors: [(message: [UInt8], digest: String)] = [
        (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ]

    @Test(arguments: vectors.indices)
    func fipsExampleDigestsMatch(index: Int) {
        let vector = Self.vectors[index]
        #expect(hexDigest(SHA256.self, vector.message) == vector.digest)
    }

    @Test func oneMillionLetterAStreamedInChunksMatchesFips() {
        var hash = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hash.update(chunk) }
        #expect(Hex.encode(hash.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func oneMillionLetterAInOneCallMatchesFips() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(hexDigest(SHA256.self, message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: PaddingEdge.lengths)
    func paddingEdgeLengthsAgreeBetweenOneCallAndByteByByte(length: Int) {
        #expect(PaddingEdge.oneCall(SHA256.self, length: length) == PaddingEdge.byteByByte(SHA256.self, length: length))
        #expect(PaddingEdge.oneCall(SHA256.self, length: length) == PaddingEdge.unevenChunks(SHA256.self, length: length))
    }

    /// Known answers at the padding edges, cross-checked with Python's hashlib.
    @Test func paddingEdgeLengthsMatchKnownDigests() {
        #expect(PaddingEdge.oneCall(SHA256.self, length: 55) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(PaddingEdge.oneCall(SHA256.self, length: 56) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(PaddingEdge.oneCall(SHA256.self, length: 64) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }
}

/// Messages of 'a' around the 55/56/64-byte boundaries where SHA padding spills into a new block.
enum PaddingEdge {
    static let lengths = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129]

    static func oneCall<Hash: HashFunction>(_ hash: Hash.Type, length: Int) -> String {
        hexDigest(hash, [UInt8](repeating: UInt8(ascii: "a"), count: length))
    }

    static func byteByByte<Hash: HashFunction>(_ hash: Hash.Type, length: Int) -> String {
        var hasher = Hash()
        for _ in 0..<length { hasher.update([UInt8(ascii: "a")]) }
        return Hex.encode(hasher.finalize())
    }

    /// Feeds chunks of 1, 2, 3, … bytes so that block boundaries fall mid-chunk.
    static func unevenChunks<Hash: HashFunction>(_ hash: Hash.Type, length: Int) -> String {
        var hasher = Hash()
        var remaining = length
        var size = 1
        while remaining > 0 {
            let take = min(size, remaining)
            hasher.update(repeatElement(UInt8(ascii: "a"), count: take))
            remaining -= take
            size += 1
        }
        return Hex.encode(hasher.finalize())
    }
}
