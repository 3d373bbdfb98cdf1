import Foundation
import Synchronization

/// Structured logs in logfmt (`ts=… level=info msg="…" key=value`), one line per event.
///
/// Never pass secrets as fields: the logger also masks any field whose key names one
/// (`secret`, `token`, `password`, `authorization`, `signature`). Message text from customers is
/// logged only when `includeMessageText` is on.
public final class Logger: Sendable {
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case debug, info, warning, error
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
        var name: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .warning: "warn"
            case .error: "error"
            }
        }
        public init?(name: String) {
            guard let level = Level.allCases.first(where: { $0.name == name || "\($0)" == name }) else { return nil }
            self = level
        }
    }

    public let minimumLevel: Level
    public let includeMessageText: Bool
    private let sink: @Sendable (String) -> Void
    private let clock: @Sendable () -> Int64

    static let secretWords = ["secret", "token", "password", "authorization", "signature", "key"]

    public init(
        minimumLevel: Level = .info, includeMessageText: Bool = false,
        sink: @escaping @Sendable (String) -> Void = Logger.standardError,
        clock: @escaping @Sendable () -> Int64 = Logger.wallClockMilliseconds
    ) {
        self.minimumLevel = minimumLevel
        self.includeMessageText = includeMessageText
        self.sink = sink
        self.clock = clock
    }

    /// Writes a line to standard error: one `write(2)` of the line and its newline, no copies
    /// through `Data` (the server logs a line per DM). A line is never split between two writes
    /// unless the descriptor takes only part of it.
    public static let standardError: @Sendable (String) -> Void = { line in
        var text = line
        text += "\n"
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = write(2, base + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return  // stderr is closed or full: dropping a log line must not stop the server
                }
            }
        }
    }

    /// Milliseconds since 1970 from the system clock.
    public static let wallClockMilliseconds: @Sendable () -> Int64 = {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }

    public func log(_ level: Level, _ message: String, _ fields: KeyValuePairs<String, String> = [:]) {
        guard level >= minimumLevel else { return }
        var line = "ts="
        line.reserveCapacity(160)
        line += Self.timestamp(clock())
        line += " level="
        line += level.name
        line += " msg="
        Self.appendQuoted(message, to: &line)
        for (key, value) in fields {
            line += " "
            line += key
            line += "="
            if Self.namesSecret(key) {
                line += "[redacted]"
            } else if !includeMessageText && Self.isText(key) {
                Self.appendQuoted("[\(value.count) chars]", to: &line)
            } else {
                Self.appendQuoted(value, to: &line)
            }
        }
        sink(line)
    }

    public func debug(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.debug, message, fields) }
    public func info(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.info, message, fields) }
    public func warning(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.warning, message, fields) }
    public func error(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.error, message, fields) }

    static func quote(_ value: String) -> String {
        var text = ""
        appendQuoted(value, to: &text)
        return text
    }

    /// Appends `value` as a logfmt value: bare when it has no space, `=`, quote or line break;
    /// otherwise in quotes with `\\`, `\"` and `\n` escaped. One pass over the UTF-8 bytes (every
    /// special character but three rare line breaks is ASCII), no Foundation string search.
    static func appendQuoted(_ value: String, to line: inout String) {
        var needsQuotes = value.isEmpty
        var needsEscapes = false
        var hasNonASCII = false
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "="), UInt8(ascii: "\r"), 0x0B, 0x0C: needsQuotes = true
            case UInt8(ascii: "\""), UInt8(ascii: "\n"): needsQuotes = true; needsEscapes = true
            case UInt8(ascii: "\\"): needsEscapes = true
            case 0x80...: hasNonASCII = true
            default: break
            }
        }
        if !needsQuotes && hasNonASCII {
            // NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are line breaks too.
            needsQuotes = value.unicodeScalars.contains { $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" }
        }
        guard needsQuotes else {
            line += value
            return
        }
        guard needsEscapes else {
            line += "\""
            line += value
            line += "\""
            return
        }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(value.utf8.count + 8)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        line += String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a field's key names a secret (`x_token`, `Authorization`, …) and is not an id.
    /// Compares ASCII letters without case, on the key's bytes, allocating nothing.
    static func namesSecret(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { bytes in
            let count = bytes.count
            if count >= 3 && bytes[count - 3] == UInt8(ascii: "_") && lower(bytes[count - 2]) == UInt8(ascii: "i")
                && lower(bytes[count - 1]) == UInt8(ascii: "d")
            {
                return false
            }
            return secretWordBytes.contains { word in contains(bytes, word) }
        }
    }

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// Whether `needle` (lower-case ASCII) occurs in `haystack`, ignoring ASCII case.
    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) {
            var index = 0
            while index < needle.count && lower(haystack[start + index]) == needle[index] { index += 1 }
            if index == needle.count { return true }
        }
        return false
    }

    private static let secretWordBytes: [[UInt8]] = secretWords.map { Array($0.utf8) }

    private static func isText(_ key: String) -> Bool {
        key.utf8.count == 4 && zip(key.utf8, "text".utf8).allSatisfy { lower($0) == $1 }
    }

    static func timestamp(_ milliseconds: Int64) -> String { ISO8601.format(milliseconds: milliseconds) }
}

/// `2026-11-23T16:42:29.123Z` from epoch milliseconds, without a formatter (thread-safe and fast:
/// digits written straight into the string's 24 bytes).
enum ISO8601 {
    static func format(milliseconds: Int64) -> String {
        let seconds = milliseconds.floorDivided(by: 1000)
        let millis = Int(milliseconds - seconds * 1000)
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
        guard (0...9999).contains(year) else {
            // Outside four digits (a clock gone wrong): still a readable, sortable-enough stamp.
            return "\(year)-\(month)-\(day)T\(secondOfDay)s.\(millis)Z"
        }
        return String(unsafeUninitializedCapacity: 24) { out in
            func put(_ value: Int, width: Int, at offset: Int) {
                var rest = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    out[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, width: 4, at: 0)
            out[4] = UInt8(ascii: "-")
            put(month, width: 2, at: 5)
            out[7] = UInt8(ascii: "-")
            put(day, width: 2, at: 8)
            out[10] = UInt8(ascii: "T")
            put(secondOfDay / 3600, width: 2, at: 11)
            out[13] = UInt8(ascii: ":")
            put(secondOfDay / 60 % 60, width: 2, at: 14)
            out[16] = UInt8(ascii: ":")
            put(secondOfDay % 60, width: 2, at: 17)
            out[19] = UInt8(ascii: ".")
            put(millis, width: 3, at: 20)
            out[23] = UInt8(ascii: "Z")
            return 24
        }
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
