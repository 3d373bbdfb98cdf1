/// Merkle–Damgård message buffering shared by SHA-1 and SHA-256: collects bytes into 64-byte
/// blocks, counts the message length and applies the final padding (FIPS 180-4 §5.1.1).
struct BlockBuffer: Sendable {
    static let blockByteCount = 64
    /// The bytes of the current, not yet full block.
    private var pending: [UInt8] = []
    /// Message length so far, in bytes.
    private var byteCount: UInt64 = 0

    init() {
        pending.reserveCapacity(Self.blockByteCount)
    }

    /// Feeds `buffer`, calling `compress` once per complete 64-byte block (in order).
    mutating func absorb(_ buffer: UnsafeRawBufferPointer, compress: (UnsafeRawBufferPointer) -> Void) {
        byteCount &+= UInt64(buffer.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(Self.blockByteCount - pending.count, buffer.count)
            pending.append(contentsOf: buffer[0..<take])
            offset = take
            if pending.count == Self.blockByteCount {
                pending.withUnsafeBytes { compress($0) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        while buffer.count - offset >= Self.blockByteCount {
            compress(UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + Self.blockByteCount)]))
            offset += Self.blockByteCount
        }
        if offset < buffer.count {
            pending.append(contentsOf: buffer[offset...])
        }
    }

    /// Appends the 0x80 marker, zero padding and the 64-bit big-endian bit length.
    mutating func pad(compress: (UnsafeRawBufferPointer) -> Void) {
        let bitLength = byteCount &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % Self.blockByteCount != Self.blockByteCount - 8 {
            tail.append(0)
        }
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        tail.withUnsafeBytes { all in
            var offset = 0
            while offset < all.count {
                compress(UnsafeRawBufferPointer(rebasing: all[offset..<(offset + Self.blockByteCount)]))
                offset += Self.blockByteCount
            }
        }
        pending.removeAll()
    }
}

extension UnsafeRawBufferPointer {
    /// The big-endian 32-bit word at byte `offset`.
    @inline(__always)
    func bigEndianWord(at offset: Int) -> UInt32 {
        UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}

extension Array where Element == UInt8 {
    /// Appends `word` as four big-endian bytes.
    mutating func appendBigEndian(_ word: UInt32) {
        append(UInt8(truncatingIfNeeded: word >> 24))
        append(UInt8(truncatingIfNeeded: word >> 16))
        append(UInt8(truncatingIfNeeded: word >> 8))
        append(UInt8(truncatingIfNeeded: word))
    }
}
