import Foundation
import Testing

/// The core and crypto modules stay pure: no I/O, no clock, no randomness, no concurrency runtime.
/// (Time and ids are parameters; the edges implement the rest.)
@Suite struct CorePurityTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// What may never appear in pure code, with why.
    static let forbidden: [(pattern: String, why: String)] = [
        ("import Foundation", "Foundation brings file, network and clock APIs"),
        ("import Dispatch", "threads belong at the edges"),
        ("import Glibc", "system calls belong at the edges"),
        ("FileManager", "file I/O"), ("URLSession", "network I/O"), ("Date()", "reading the clock"),
        ("UUID()", "random ids"), ("ContinuousClock.now", "reading the clock"), ("SystemRandomNumberGenerator", "randomness"),
        (".random(", "randomness"),
    ]

    @Test(arguments: ["SwitchboardCore", "SwitchboardCrypto"])
    func moduleHasNoIOClockOrRandomness(module: String) throws {
        let folder = Self.sources.appendingPathComponent(module)
        let files = try #require(FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String })
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 5)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
                .joined(separator: "\n")
            for (pattern, why) in Self.forbidden {
                #expect(!code.contains(pattern), "\(module)/\(file) uses \(pattern): \(why)")
            }
        }
    }
}
