import Foundation
import Testing

/// The build must not need SQLite's -dev package: no file of ours includes <sqlite3.h>.
@Test func noFileOfOursIncludesTheSQLiteDevHeader() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    var offenders: [String] = []
    var scanned = 0
    for folder in ["Sources", "Tests"] {
        let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)
        while let relative = enumerator?.nextObject() as? String {
            guard [".h", ".c", ".swift", ".modulemap"].contains(where: relative.hasSuffix) else { continue }
            let path = root.appendingPathComponent(folder).appendingPathComponent(relative).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            scanned += 1
            let includes = text.split(separator: "\n").contains { line in
                let compact = line.filter { !$0.isWhitespace }
                return compact.hasPrefix("#include") && compact.contains("sqlite3.h")
            }
            if includes { offenders.append(folder + "/" + relative) }
        }
    }
    #expect(scanned > 10)
    #expect(offenders.isEmpty, "these files include SQLite's dev header: \(offenders)")
    let moduleMap = try String(
        contentsOf: root.appendingPathComponent("Sources/CSQLite/module.modulemap"), encoding: .utf8)
    #expect(moduleMap.contains("link \":libsqlite3.so.0\""))
}
