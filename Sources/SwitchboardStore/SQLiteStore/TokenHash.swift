/// The one place agent tokens are hashed; only the hash is stored.
///
/// TEMPORARY: SwitchboardCrypto's SHA-256 is being written in parallel. Until it is on main this is
/// a stand-in (FNV-1a over four lanes, NOT a cryptographic hash); switch the body to
/// `SHA256.hash(Array(token.utf8))` when it lands. No token hash has shipped yet, so nothing migrates.
enum TokenHash {
    static func digest(_ token: String) -> [UInt8] {
        var lanes: [UInt64] = [0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4, 0x9ce4_8422_cbf2_2325, 0x2325_cbf2_8422_9ce4]
        for (index, byte) in token.utf8.enumerated() {
            let lane = index % lanes.count
            lanes[lane] = (lanes[lane] ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return lanes.flatMap { lane in (0..<8).map { UInt8(truncatingIfNeeded: lane >> ($0 * 8)) } }
    }
}
