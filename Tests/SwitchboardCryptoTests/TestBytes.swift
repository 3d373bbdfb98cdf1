import SwitchboardCrypto

/// Hex → bytes for test vectors written in hex; a typo in a vector fails loudly.
func bytes(hex: String) -> [UInt8] {
    do {
        return try Hex.decode(hex)
    } catch {
        preconditionFailure("bad hex in a test vector: \(error)")
    }
}

/// The digest of `message` as lower-case hex.
func hexDigest<Hash: HashFunction>(_ hash: Hash.Type, _ message: [UInt8]) -> String {
    Hex.encode(Hash.hash(message))
}
