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

    /// Writes a line to standard error.
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
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
    static func namesSecret(_ key: String) -> Bool {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(key.utf8.count)
        for byte in key.utf8 { bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }  // ASCII lower case
        if bytes.count >= 3 && bytes[bytes.count - 3] == UInt8(ascii: "_") && bytes[bytes.count - 2] == UInt8(ascii: "i")
            && bytes[bytes.count - 1] == UInt8(ascii: "d")
        {
            return false
        }
        return secretWordBytes.contains { word in contains(bytes, word) }
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) {
            var index = 0
            while index < needle.count && haystack[start + index] == needle[index] { index += 1 }
            if index == needle.count { return true }
        }
        return false
    }

    private static let secretWordBytes: [[UInt8]] = secretWords.map { Array($0.utf8) }

    private static func isText(_ key: String) -> Bool {
        key.utf8.count == 4 && key.lowercased() == "text"
    }

    static func timestamp(_ milliseconds: Int64) -> String { ISO8601.format(milliseconds: milliseconds) }
}

/// `2026-11-23T16:42:29.123Z` from epoch milliseconds, without a formatter (thread-safe and fast).
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
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(Int(year), 4))-\(pad(Int(month), 2))-\(pad(Int(day), 2))T"
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))."
            + "\(pad(millis, 3))Z"
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
