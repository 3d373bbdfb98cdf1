import Foundation
import Testing

/// SwitchboardCrypto must stay pure: standard library only, so it builds anywhere and cannot do I/O.
@Suite struct PurityTests {
    @Test func cryptoSourcesImportNothingButTheStandardLibrary() throws {
        // Tests/SwitchboardCryptoTests/PurityTests.swift → Sources/SwitchboardCrypto
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/SwitchboardCrypto")
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            let imports = text.split(separator: "\n").filter {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix("import ") || $0.contains(" import ")
            }
            #expect(imports.isEmpty, "\(file) imports \(imports)")
        }
    }
}
