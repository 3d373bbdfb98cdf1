/// A streaming cryptographic hash (SHA-1, SHA-256): feed bytes with `update`, then `finalize`.
///
/// Conforming types are value types; copying one forks the running state, which HMAC uses.
public protocol HashFunction: Sendable {
    /// The size of one compression block in bytes (64 for SHA-1 and SHA-256).
    static var blockByteCount: Int { get }
    /// The size of the digest in bytes.
    static var digestByteCount: Int { get }

    /// Starts an empty hash.
    init()

    /// Absorbs `buffer`. Any number of calls may precede `finalize()`.
    mutating func update(_ buffer: UnsafeRawBufferPointer)

    /// Pads, absorbs the length and returns the digest. The hash must not be updated afterwards.
    mutating func finalize() -> [UInt8]
}

extension HashFunction {
    /// Absorbs any byte sequence (arrays, `ArraySlice`, `String.UTF8View`, …).
    @inlinable
    public mutating func update<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil {
            Array(bytes).withUnsafeBytes { update($0) }
        }
    }

    /// The digest of `bytes` in one call.
    @inlinable
    public static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var hasher = Self()
        hasher.update(bytes)
        return hasher.finalize()
    }
}
