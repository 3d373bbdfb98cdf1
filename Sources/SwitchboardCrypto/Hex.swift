/// Lower-case hexadecimal, for digests in logs and test vectors.
public enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Two lower-case hex digits per byte.
    public static func encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes hex digits (either case); throws on odd length or a non-hex character.
    public static func decode(_ text: some StringProtocol) throws(HexDecodingError) -> [UInt8] {
        let input = Array(text.utf8)
        guard input.count % 2 == 0 else { throw .oddLength(input.count) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 2)
        var index = 0
        while index < input.count {
            guard let high = value(of: input[index]) else { throw .invalidCharacter(offset: index) }
            guard let low = value(of: input[index + 1]) else { throw .invalidCharacter(offset: index + 1) }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    private static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Why a hex string could not be decoded.
public enum HexDecodingError: Error, Equatable, CustomStringConvertible {
    case oddLength(Int)
    case invalidCharacter(offset: Int)

    public var description: String {
        switch self {
        case .oddLength(let length): "hex text has \(length) digits; each byte needs two, so check for a missing digit."
        case .invalidCharacter(let offset): "hex text has a character outside 0–9 a–f A–F at offset \(offset)."
        }
    }
}
