/// HMAC (RFC 2104) over any `HashFunction`: `HMAC<SHA256>` for X webhooks, `HMAC<SHA1>` for OAuth 1.0a.
///
/// Streaming: create with a key, `update` with message bytes, then `finalize`.
/// Keys longer than one block are hashed first, as the RFC requires.
/// The methods are `@inlinable` so callers in other modules get specialised code, not
/// generic dispatch through metadata lookups on every call.
public struct HMAC<Hash: HashFunction>: Sendable {
    @usableFromInline var inner: Hash
    @usableFromInline var outer: Hash

    /// Starts an authentication code keyed with `key` (any length).
    @inlinable
    public init<Key: Sequence<UInt8>>(key: Key) {
        var keyBlock = Array(key)
        if keyBlock.count > Hash.blockByteCount {
            keyBlock = Hash.hash(keyBlock)
        }
        keyBlock.append(contentsOf: repeatElement(0, count: Hash.blockByteCount - keyBlock.count))
        inner = Hash()
        inner.update(keyBlock.map { $0 ^ 0x36 })
        outer = Hash()
        outer.update(keyBlock.map { $0 ^ 0x5c })
    }

    /// Absorbs message bytes.
    @inlinable
    public mutating func update<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        inner.update(bytes)
    }

    /// Absorbs message bytes from raw memory.
    @inlinable
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        inner.update(buffer)
    }

    /// Returns the authentication code (`Hash.digestByteCount` bytes).
    @inlinable
    public mutating func finalize() -> [UInt8] {
        let innerDigest = inner.finalize()
        var outer = self.outer
        outer.update(innerDigest)
        return outer.finalize()
    }

    /// The authentication code of `message` under `key`, in one call.
    @inlinable
    public static func authenticationCode<Message: Sequence<UInt8>, Key: Sequence<UInt8>>(
        for message: Message, key: Key
    ) -> [UInt8] {
        var hmac = Self(key: key)
        hmac.update(message)
        return hmac.finalize()
    }
}
