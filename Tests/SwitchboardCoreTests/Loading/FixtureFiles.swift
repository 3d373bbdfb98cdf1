import Foundation
import Testing

@testable import SwitchboardCore

/// Reads the test fixtures copied into the test bundle.
enum FixtureFiles {
    static func root() throws -> URL {
        let resources = try #require(Bundle.module.resourceURL)
        return resources.appendingPathComponent("Fixtures")
    }

    /// The entries (files and folders) directly inside a fixture folder, sorted by name.
    static func entries(in folder: String) throws -> [String] {
        let url = try root().appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// A fixture case as source files: one file (its name as path) or a folder (paths relative to it).
    static func sourceFiles(_ relativePath: String) throws -> [SourceFile] {
        let url = try root().appendingPathComponent(relativePath)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            Issue.record("missing fixture \(relativePath)")
            return []
        }
        guard isFolder.boolValue else {
            return [SourceFile(path: url.lastPathComponent, bytes: Array(try Data(contentsOf: url)))]
        }
        let enumerator = FileManager.default.enumerator(atPath: url.path)
        var files: [SourceFile] = []
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".json5") else { continue }
            files.append(SourceFile(path: path, bytes: Array(try Data(contentsOf: url.appendingPathComponent(path)))))
        }
        return files.sorted { $0.path < $1.path }
    }
}
