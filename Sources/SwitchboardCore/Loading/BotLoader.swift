/// Loads a bot from its flow and intent files: read JSON5, decode, validate, all errors at once.
///
/// Pure: the caller reads the files. A file is a flow file when it has `flow`/`states`, an intents
/// file when it has `intents`/`settings`/`outOfScope`; a file with neither is told apart by a
/// `flows/` or `intents/` folder in its path.
public enum BotLoader {
    /// Most files in one bot: a bound on work, far above any real bot.
    public static let maximumFiles = 1_000

    /// Loads `files`; the definition is nil when any diagnostic is an error.
    public static func load(files: [SourceFile]) -> LoadResult {
        let context = LoadContext()
        let files = files.sorted { $0.path < $1.path }
        guard !files.isEmpty else {
            context.log.error(
                DiagnosticCode.noFiles, "no flow files given; a bot needs at least one flows/*.json5 file", at: nil)
            return LoadResult(definition: nil, diagnostics: context.log.diagnostics)
        }
        guard files.count <= maximumFiles else {
            context.log.error(
                DiagnosticCode.limitExceeded, "\(files.count) files; a bot has at most \(maximumFiles)", at: nil)
            return LoadResult(definition: nil, diagnostics: context.log.diagnostics)
        }
        var flows: [DecodedFlow] = []
        var intents: [DecodedIntents] = []
        var unreadable = 0
        for file in files {
            context.sources[file.path] = file.bytes
            let parsed = JSON5Parser.parse(file.bytes, file: file.path)
            context.log.append(contentsOf: parsed.diagnostics)
            guard let value = parsed.value else {
                unreadable += 1
                continue
            }
            switch kind(of: value, path: file.path) {
            case .flow:
                if let flow = context.flowFile(value, path: file.path) { flows.append(flow) }
            case .intents:
                if let decoded = context.intentsFile(value, path: file.path) { intents.append(decoded) }
            case nil:
                unreadable += 1
                context.log.error(
                    DiagnosticCode.unknownFile,
                    "cannot tell what this file is: a flow file has 'flow' and 'states', an intents file has 'intents'",
                    at: value.location)
            }
        }
        // Checks across files would only guess about a file that could not be read: skip them.
        guard unreadable == 0 else {
            return LoadResult(definition: nil, diagnostics: context.log.finalDiagnostics)
        }
        var validator = BotValidator(context: context, flows: flows, intents: intents)
        let validated = validator.validate()
        let version = self.version(of: files)
        checkMetadataLength(version: version, log: context.log)
        let diagnostics = context.log.finalDiagnostics
        guard !context.log.hasErrors, let validated else {
            return LoadResult(definition: nil, diagnostics: diagnostics)
        }
        let definition = BotDefinition(
            flows: flows.map(\.flow), intents: intents.flatMap(\.intents), settings: validated.settings,
            start: validated.start, version: version)
        return LoadResult(definition: definition, diagnostics: diagnostics)
    }

    enum FileKind { case flow, intents }

    static func kind(of value: JSON5Value, path: String) -> FileKind? {
        if case .object(let object) = value.kind {
            let flowish = LoadContext.flowFields.contains { object[$0] != nil }
            let intentish = LoadContext.intentsFields.contains { object[$0] != nil }
            if flowish && !intentish { return .flow }
            if intentish && !flowish { return .intents }
        }
        let folders = path.split(separator: "/").dropLast()
        if folders.contains("intents") { return .intents }
        if folders.contains("flows") { return .flow }
        if case .object(let object) = value.kind, object["states"] != nil { return .flow }
        return nil
    }

    /// FNV-1a 64 over each file's path, length and bytes, in path order.
    static func version(of files: [SourceFile]) -> String {
        var hash = FNV1a()
        for file in files {
            hash.combine(file.path.utf8)
            hash.combine([0])
            let count = UInt64(file.bytes.count)
            hash.combine((0..<8).map { UInt8(truncatingIfNeeded: count >> ($0 * 8)) })
            hash.combine(file.bytes)
        }
        return hash.hex
    }

    /// The longest quick-reply metadata we would write must fit X's limit.
    private static func checkMetadataLength(version: String, log: LoadLog) {
        // 63 is the largest index QuickReplyToken accepts back.
        let longest = QuickReplyToken(version: version, turn: Int.max, index: 63).rawValue
        if longest.utf8.count > Limits.maximumMetadataLength {
            log.error(
                DiagnosticCode.limitExceeded,
                "quick-reply metadata would be \(longest.utf8.count) characters; X allows \(Limits.maximumMetadataLength)",
                at: nil)
        }
    }
}
