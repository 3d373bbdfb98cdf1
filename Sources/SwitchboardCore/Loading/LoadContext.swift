/// Shared by the decoders of one load: the diagnostics and the cross-file references.
final class LoadContext {
    let log = LoadLog()
    var references = References()
    /// Each file's bytes by path, for exact places inside strings.
    var sources: [String: [UInt8]] = [:]
}
