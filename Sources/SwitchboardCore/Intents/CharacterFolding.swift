/// Case and diacritic folding for one Unicode scalar, without Foundation.
///
/// Lowercases with the Unicode lowercase mapping, removes combining marks, maps the precomposed
/// Latin letters of Latin-1 and Latin Extended-A to their base letters (`é` → `e`, `ß` → `ss`),
/// and fullwidth ASCII to ASCII. Other scripts pass through lowercased.
enum CharacterFolding {
    /// Appends the folded form of `scalar` to `output` (nothing for a combining mark).
    static func fold(_ scalar: Unicode.Scalar, into output: inout [Unicode.Scalar]) {
        let value = scalar.value
        if value < 0x80 {
            if value >= 0x41 && value <= 0x5A, let lower = Unicode.Scalar(value + 0x20) {
                output.append(lower)
            } else {
                output.append(scalar)
            }
            return
        }
        switch value {
        case 0x2018, 0x2019, 0x02BC, 0x00B4, 0x0060: output.append("'"); return
        case 0xFF01...0xFF5E:
            if let ascii = Unicode.Scalar(value - 0xFEE0) { fold(ascii, into: &output) }
            return
        default: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return
        default: break
        }
        for lower in scalar.properties.lowercaseMapping.unicodeScalars {
            if let base = latinBase[lower.value] {
                output.append(contentsOf: base.unicodeScalars)
            } else {
                output.append(lower)
            }
        }
    }

    /// Base letters of the lowercase precomposed Latin letters (U+00DF–U+017F).
    private static let latinBase: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        let groups: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"),
            ("ĥħ", "h"), ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"),
            ("òóôõöøōŏő", "o"), ("ŕŗř", "r"), ("śŝşšſ", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"),
            ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        for (letters, base) in groups {
            for scalar in letters.unicodeScalars { table[scalar.value] = base }
        }
        table[0x00DF] = "ss"  // ß
        table[0x00E6] = "ae"  // æ
        table[0x0153] = "oe"  // œ
        table[0x00FE] = "th"  // þ
        table[0x00F0] = "d"  // ð
        table[0x0133] = "ij"  // ĳ
        return table
    }()
}
