public import SwitchboardCore
import Foundation

/// Reads a bot's files from disk (`flows/*.json5`, `intents/*.json5`) and loads them through the
/// pure loader: validation first, then the classifier is trained. Never half-loaded.
public enum BotDirectory {
    /// What loading produced: the bot when there were no errors, and every diagnostic either way.
    public struct Loaded: Sendable {
        public var bot: Bot?
        /// The validated definition (nil when there were errors), for checks beyond loading.
        public var definition: BotDefinition?
        public var diagnostics: [Diagnostic]
        /// The files' contents by path, for diagnostic excerpts.
        public var sources: [String: [UInt8]]
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// A file or folder problem, before any JSON5 is read.
    public struct ReadError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): error: \(reason)" }
    }

    /// Loads the bot in `flows` and `intents` (a missing intents folder means a bot without intents).
    public static func load(flows: String, intents: String) throws(ReadError) -> Loaded {
        var files = try sourceFiles(in: flows, required: true)
        files += try sourceFiles(in: intents, required: false)
        let result = BotLoader.load(files: files)
        let sources = Dictionary(files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        guard let definition = result.definition else {
            return Loaded(bot: nil, definition: nil, diagnostics: result.diagnostics, sources: sources)
        }
        return Loaded(
            bot: definition.makeBot(classifier: definition.trainClassifier()), definition: definition,
            diagnostics: result.diagnostics, sources: sources)
    }

    /// The `.json5` files directly in a folder, sorted by name so loading is deterministic.
    public static func sourceFiles(in directory: String, required: Bool) throws(ReadError) -> [SourceFile] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            if required {
                throw ReadError(path: directory, reason: "no such folder; pass the bot's folder with --flows DIR")
            }
            return []
        }
        guard isDirectory.boolValue else { throw ReadError(path: directory, reason: "is a file, not a folder") }
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: directory)
        } catch {
            throw ReadError(path: directory, reason: "cannot list the folder (\(error.localizedDescription))")
        }
        var files: [SourceFile] = []
        for name in names.sorted() where name.hasSuffix(".json5") && !name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            files.append(try readFile(path))
        }
        return files
    }

    /// Reads one file, refusing anything larger than the loader accepts (before reading it all).
    public static func readFile(_ path: String) throws(ReadError) -> SourceFile {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? NSNumber, size.intValue > JSON5Parser.maximumFileSize {
            throw ReadError(
                path: path,
                reason: "the file is \(size.intValue) bytes; flow and intent files may be at most "
                    + "\(JSON5Parser.maximumFileSize) bytes. Split it into several files.")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(path: path, reason: "cannot read the file (check that it exists and is readable)")
        }
        return SourceFile(path: path, bytes: [UInt8](data))
    }
}
