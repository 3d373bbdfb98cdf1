/// Checks that bytes are well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
enum UTF8Validation {
    /// The offset of the first byte that does not start a well-formed scalar, or nil when all is well.
    static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                guard let length = scalarLength(in: buffer, at: index) else { return index }
                index += length
            }
            return nil
        }
    }

    /// The length of the well-formed scalar starting at `offset`, or nil when none starts there.
    static func scalarLength(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int? {
        let lead = bytes[offset]
        if lead < 0x80 { return 1 }
        let length: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            highest = 0x9F
        case 0xF0:
            length = 4
            lowest = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            highest = 0x8F
        default: return nil
        }
        guard offset + length <= bytes.count else { return nil }
        let second = bytes[offset + 1]
        guard second >= lowest && second <= highest else { return nil }
        for continuation in 2..<length where bytes[offset + continuation] & 0xC0 != 0x80 {
            return nil
        }
        return length
    }
}
