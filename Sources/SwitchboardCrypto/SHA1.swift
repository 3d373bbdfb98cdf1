/// SHA-1 (FIPS 180-4). Only for OAuth 1.0a HMAC-SHA1 request signing, which X still requires;
/// SHA-1 is not collision resistant, so never use it for anything new.
public struct SHA1: HashFunction {
    public static let blockByteCount = 64
    public static let digestByteCount = 20

    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476, 0xc3d2_e1f0
    )
    private var buffer = BlockBuffer()

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var state = self.state
        buffer.absorb(bytes) { Self.compress(&state, block: $0) }
        self.state = state
    }

    public mutating func finalize() -> [UInt8] {
        var state = self.state
        buffer.pad { Self.compress(&state, block: $0) }
        self.state = state
        var digest: [UInt8] = []
        digest.reserveCapacity(Self.digestByteCount)
        for word in [state.0, state.1, state.2, state.3, state.4] {
            digest.appendBigEndian(word)
        }
        return digest
    }

    private static func compress(
        _ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32),
        block: UnsafeRawBufferPointer
    ) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
            for t in 0..<16 {
                w[t] = block.bigEndianWord(at: t * 4)
            }
            for t in 16..<80 {
                w[t] = (w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]).rotatedLeft(1)
            }
            var (a, b, c, d, e) = state
            for t in 0..<80 {
                let f: UInt32
                let k: UInt32
                switch t {
                case 0..<20:
                    f = (b & c) | (~b & d)
                    k = 0x5a82_7999
                case 20..<40:
                    f = b ^ c ^ d
                    k = 0x6ed9_eba1
                case 40..<60:
                    f = (b & c) | (b & d) | (c & d)
                    k = 0x8f1b_bcdc
                default:
                    f = b ^ c ^ d
                    k = 0xca62_c1d6
                }
                let temp = a.rotatedLeft(5) &+ f &+ e &+ k &+ w[t]
                e = d
                d = c
                c = b.rotatedLeft(30)
                b = a
                a = temp
            }
            state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
        }
    }
}
