/// Standard Base64 (RFC 4648 §4, alphabet `A–Z a–z 0–9 + /`, `=` padding) as used by X signatures.
public enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let padding = UInt8(ascii: "=")
    /// Maps an ASCII byte to its 6-bit value, or 0xFF when it is not in the alphabet.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in alphabet.enumerated() {
            table[Int(byte)] = UInt8(value)
        }
        return table
    }()

    /// Encodes `bytes` with padding.
    public static func encode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        if let text = bytes.withContiguousStorageIfAvailable(encode(buffer:)) { return text }
        return Array(bytes).withUnsafeBufferPointer(encode(buffer:))
    }

    /// Encodes contiguous bytes straight into the string's storage: a signature is encoded for
    /// every webhook answered and every reply sent.
    static func encode(buffer bytes: UnsafeBufferPointer<UInt8>) -> String {
        let length = (bytes.count + 2) / 3 * 4
        guard length > 0 else { return "" }
        return alphabet.withUnsafeBufferPointer { table in
            String(unsafeUninitializedCapacity: length) { output in
                var read = 0
                var written = 0
                while read + 3 <= bytes.count {
                    let group = UInt32(bytes[read]) << 16 | UInt32(bytes[read + 1]) << 8 | UInt32(bytes[read + 2])
                    output[written] = table[Int(group >> 18 & 0x3F)]
                    output[written + 1] = table[Int(group >> 12 & 0x3F)]
                    output[written + 2] = table[Int(group >> 6 & 0x3F)]
                    output[written + 3] = table[Int(group & 0x3F)]
                    read += 3
                    written += 4
                }
                let rest = bytes.count - read
                if rest > 0 {
                    let second = rest == 2 ? UInt32(bytes[read + 1]) : 0
                    let group = UInt32(bytes[read]) << 16 | second << 8
                    output[written] = table[Int(group >> 18 & 0x3F)]
                    output[written + 1] = table[Int(group >> 12 & 0x3F)]
                    output[written + 2] = rest == 2 ? table[Int(group >> 6 & 0x3F)] : padding
                    output[written + 3] = padding
                }
                return length
            }
        }
    }

    /// Decodes padded Base64. Strict: rejects whitespace, a wrong length, misplaced padding,
    /// characters outside the alphabet and non-zero bits after the last byte (non-canonical input).
    public static func decode(_ text: String) throws(Base64DecodingError) -> [UInt8] {
        try decode(utf8: Array(text.utf8))
    }

    /// Decodes padded Base64 from a substring (e.g. the part of a header after `sha256=`).
    public static func decode(_ text: Substring) throws(Base64DecodingError) -> [UInt8] {
        try decode(utf8: Array(text.utf8))
    }

    /// Decodes padded Base64 from its ASCII bytes.
    public static func decode(utf8 input: [UInt8]) throws(Base64DecodingError) -> [UInt8] {
        guard input.count % 4 == 0 else { throw .invalidLength(input.count) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 4 * 3)
        var offset = 0
        while offset < input.count {
            let isLastGroup = offset + 4 == input.count
            var group: UInt32 = 0
            var paddingCount = 0
            for index in 0..<4 {
                let byte = input[offset + index]
                if byte == padding {
                    guard isLastGroup, index >= 2 else { throw .misplacedPadding(offset: offset + index) }
                    paddingCount += 1
                    continue
                }
                guard paddingCount == 0 else { throw .misplacedPadding(offset: offset + index) }
                let value = decodeTable[Int(byte)]
                guard value != 0xFF else { throw .invalidCharacter(byte, offset: offset + index) }
                group |= UInt32(value) << UInt32(18 - 6 * index)
            }
            output.append(UInt8(truncatingIfNeeded: group >> 16))
            if paddingCount < 2 { output.append(UInt8(truncatingIfNeeded: group >> 8)) }
            if paddingCount < 1 { output.append(UInt8(truncatingIfNeeded: group)) }
            let unusedBits: UInt32 = paddingCount == 2 ? 0xFFFF : (paddingCount == 1 ? 0xFF : 0)
            guard group & unusedBits == 0 else { throw .nonCanonical }
            offset += 4
        }
        return output
    }
}

/// Why a Base64 string could not be decoded.
public enum Base64DecodingError: Error, Equatable, CustomStringConvertible {
    case invalidLength(Int)
    case invalidCharacter(UInt8, offset: Int)
    case misplacedPadding(offset: Int)
    case nonCanonical

    public var description: String {
        switch self {
        case .invalidLength(let length):
            "Base64 text has \(length) characters; padded Base64 has a multiple of 4. Check it was not truncated."
        case .invalidCharacter(let byte, let offset):
            "Base64 text has byte 0x\(Hex.encode([byte])) at offset \(offset), outside A–Z a–z 0–9 + /; "
                + "URL-safe Base64 (- _) and whitespace are not accepted."
        case .misplacedPadding(let offset):
            "Base64 padding '=' at offset \(offset) may only end the text (at most two)."
        case .nonCanonical:
            "Base64 text sets bits after its last byte; re-encode it with a standard encoder."
        }
    }
}
