import SwitchboardCrypto
import Testing

/// One published HMAC test case; `truncatedTo` is the number of leading bytes the RFC compares.
struct HMACVector: Sendable, CustomTestStringConvertible {
    var name: String
    var key: [UInt8]
    var data: [UInt8]
    var expected: String
    var truncatedTo: Int?

    var testDescription: String { name }
}

@Suite struct HMACTests {
    /// RFC 4231 §4.2–4.8, all seven cases.
    static let rfc4231: [HMACVector] = [
        HMACVector(
            name: "4231 case 1", key: .init(repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
            expected: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        HMACVector(
            name: "4231 case 2 (short key)", key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
            expected: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        HMACVector(
            name: "4231 case 3", key: .init(repeating: 0xaa, count: 20), data: .init(repeating: 0xdd, count: 50),
            expected: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        HMACVector(
            name: "4231 case 4", key: Array(1...25), data: .init(repeating: 0xcd, count: 50),
            expected: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        HMACVector(
            name: "4231 case 5 (truncated to 128 bits)", key: .init(repeating: 0x0c, count: 20),
            data: Array("Test With Truncation".utf8), expected: "a3b6167473100ee06e0c796c2955552b", truncatedTo: 16),
        HMACVector(
            name: "4231 case 6 (131-byte key)", key: .init(repeating: 0xaa, count: 131),
            data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            expected: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        HMACVector(
            name: "4231 case 7 (131-byte key, long data)", key: .init(repeating: 0xaa, count: 131),
            data: Array(
                ("This is a test using a larger than block-size key and a larger than block-size data. "
                    + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
            expected: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    /// RFC 2202 §3, all seven HMAC-SHA1 cases.
    static let rfc2202: [HMACVector] = [
        HMACVector(
            name: "2202 case 1", key: .init(repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
            expected: "b617318655057264e28bc0b6fb378c8ef146be00"),
        HMACVector(
            name: "2202 case 2", key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
            expected: "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
        HMACVector(
            name: "2202 case 3", key: .init(repeating: 0xaa, count: 20), data: .init(repeating: 0xdd, count: 50),
            expected: "125d7342b9ac11cd91a39af48aa17b4f63f175d3"),
        HMACVector(
            name: "2202 case 4", key: Array(1...25), data: .init(repeating: 0xcd, count: 50),
            expected: "4c9007f4026250c6bc8414f9bf50c86c2d7235da"),
        HMACVector(
            name: "2202 case 5 (truncated to 96 bits)", key: .init(repeating: 0x0c, count: 20),
            data: Array("Test With Truncation".utf8), expected: "4c1a03424b55e07fe7f27be1", truncatedTo: 12),
        HMACVector(
            name: "2202 case 6 (80-byte key)", key: .init(repeating: 0xaa, count: 80),
            data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            expected: "aa4ae5e15272d00e95705637ce8a3b55ed402112"),
        HMACVector(
            name: "2202 case 7 (80-byte key, long data)", key: .init(repeating: 0xaa, count: 80),
            data: Array("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data".utf8),
            expected: "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"),
    ]

    @Test(arguments: rfc4231)
    func hmacSHA256MatchesRFC4231(vector: HMACVector) {
        let code = HMAC<SHA256>.authenticationCode(for: vector.data, key: vector.key)
        #expect(Hex.encode(code.prefix(vector.truncatedTo ?? code.count)) == vector.expected)
    }

    @Test(arguments: rfc2202)
    func hmacSHA1MatchesRFC2202(vector: HMACVector) {
        let code = HMAC<SHA1>.authenticationCode(for: vector.data, key: vector.key)
        #expect(Hex.encode(code.prefix(vector.truncatedTo ?? code.count)) == vector.expected)
    }

    @Test(arguments: rfc4231)
    func streamingUpdatesGiveTheSameCodeAsOneCall(vector: HMACVector) {
        var hmac = HMAC<SHA256>(key: vector.key)
        for byte in vector.data { hmac.update([byte]) }
        #expect(hmac.finalize() == HMAC<SHA256>.authenticationCode(for: vector.data, key: vector.key))
    }

    @Test func keyOfExactlyOneBlockIsUsedAsIsAndLongerKeysAreHashed() {
        let blockKey = [UInt8](repeating: 0x42, count: 64)
        let longKey = [UInt8](repeating: 0x42, count: 65)
        let message = Array("message".utf8)
        let hashedLongKey = SHA256.hash(longKey)
        #expect(
            HMAC<SHA256>.authenticationCode(for: message, key: longKey)
                == HMAC<SHA256>.authenticationCode(for: message, key: hashedLongKey))
        #expect(
            HMAC<SHA256>.authenticationCode(for: message, key: blockKey)
                != HMAC<SHA256>.authenticationCode(for: message, key: SHA256.hash(blockKey)))
    }

    /// X's CRC answers from shared fixtures/x/signatures.json: base64(HMAC-SHA256(consumer secret, token)).
    @Test(arguments: [
        ("FAKE_CRC_TOKEN_123", "O2bmKskLX56+d6Pdkc8TPGeaXN4ViqrIwZCYoXLTKTI="),
        ("abc", "Xp1QiP8UnTdIYL0j+dLCtDnHoPtbKos7bfdxfU3HJCw="),
        ("MTIzNDU2Nzg5MA==", "Z0bD5REMgNa40aqpKu/3RigRDj9kSWfvoHdrSTwN1+4="),
        (String(repeating: "x", count: 64), "KeUpi1u74W5JcvajttEOZmUK3rumoAZ+V7p2nS7YrZE="),
    ])
    func webhookCRCResponseTokensMatchFixtures(token: String, expected: String) {
        let code = HMAC<SHA256>.authenticationCode(for: token.utf8, key: "FAKE_CONSUMER_SECRET".utf8)
        #expect(Base64.encode(code) == expected)
    }
}
