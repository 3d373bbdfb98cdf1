/// Turns byte offsets into 1-based lines and columns (columns count Unicode scalars).
///
/// Offsets are usually asked for in increasing order, so the tracker walks forward from the last
/// answer: O(n) over a whole file. Asking for an earlier offset restarts from the top.
/// Line breaks are `\n`, `\r\n` and a lone `\r`.
struct LocationTracker {
    let bytes: [UInt8]
    let file: String
    private let origin: Int
    private var offset: Int
    private var line = 1
    private var column = 1

    /// `origin` is where column counting starts on line 1 (past a byte-order mark).
    init(bytes: [UInt8], file: String, origin: Int = 0) {
        self.bytes = bytes
        self.file = file
        self.origin = origin
        self.offset = origin
    }

    mutating func location(at target: Int) -> SourceLocation {
        let target = min(max(target, origin), bytes.count)
        if target < offset {
            offset = origin
            line = 1
            column = 1
        }
        while offset < target {
            let byte = bytes[offset]
            if byte == 0x0A || (byte == 0x0D && (offset + 1 >= bytes.count || bytes[offset + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 && byte != 0x0D {
                column += 1
            }
            offset += 1
        }
        return SourceLocation(file: file, line: line, column: column, offset: target)
    }
}
