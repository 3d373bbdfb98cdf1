import Foundation
import Testing

@Suite struct CorePurityTests {
    /// The classifier is pure: its sources import nothing (no Foundation, no C library, no Dispatch).
    @Test func intentSourcesImportNothing() throws {
        let tests = URL(fileURLWithPath: #filePath)
        let root = tests.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let intents = root.appendingPathComponent("Sources/SwitchboardCore/Intents")
        let enumerator = try #require(FileManager.default.enumerator(atPath: intents.path))
        var checked = 0
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let source = try String(contentsOf: intents.appendingPathComponent(path), encoding: .utf8)
            let imports = source.split(separator: "\n").filter { $0.hasPrefix("import ") || $0.contains(" import ") }
            #expect(imports.isEmpty, "\(path) imports \(imports)")
            checked += 1
        }
        #expect(checked > 10)
    }
}
