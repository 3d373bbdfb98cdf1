import SwitchboardCore

/// The embedded store: one SQLite file in WAL mode, a writer thread with group commit, and a reader
/// thread for queries, so that listing the queue never waits behind a batch of writes.
///
/// Thread-safe; every method is `async` and never blocks the caller's thread. Call `close()` when
/// done (the threads stop and the file is closed).
public final class SQLiteStore: SwitchboardStorage {
    let writer: DatabaseThread
    let reader: DatabaseThread
    let checkpointer: Checkpointer
    let walBound: WALBound
    /// The WAL file is trimmed to this after it starts again from the top (a burst can leave it larger).
    static let walFileLimitBytes = 64 << 20
    /// The rules the store applies (priority, hours, SLA, windows).
    public let policy: QueuePolicy
    let tone: ToneAnalyzer
    /// The database file.
    public let path: String

    /// Opens (creating if missing) the store at `path`, migrating it to the latest schema.
    ///
    /// Throws `StoreOpenError` without changing the file when it is not a usable Switchboard database.
    public init(path: String, options: StoreOptions = StoreOptions()) throws(StoreOpenError) {
        let writerConnection = try DatabaseFile.open(path: path, options: options, migrate: true)
        let readerConnection = try DatabaseFile.open(path: path, options: Self.readerOptions(options), migrate: false)
        let checkpointConnection = try DatabaseFile.open(path: path, options: Self.readerOptions(options), migrate: false)
        do {
            // Checkpoints run on their own thread (see `Checkpointer`), never inside a commit.
            try writerConnection.execute("PRAGMA wal_autocheckpoint = 0")
            // After a burst, the WAL file is cut back to this when it starts again from the top.
            try writerConnection.execute("PRAGMA journal_size_limit = \(Self.walFileLimitBytes)")
        } catch {
            throw .sqlite(path: path, error: error)
        }
        self.path = path
        self.policy = options.queue
        self.tone = ToneAnalyzer()
        let bound = WALBound(frames: options.walRestartFrames)
        walBound = bound
        writer = DatabaseThread(
            name: "sb-store-writer", connection: writerConnection,
            mode: .groupCommit(
                maximumBatch: options.maximumBatch, gather: options.commitGather, deferredBatch: options.processingBatch,
                deferredSynchronous: options.durability == .full ? (relaxed: "NORMAL", normal: "FULL") : nil,
                afterBatch: { bound.catchUpIfAsked($0) }))
        reader = DatabaseThread(name: "sb-store-reader", connection: readerConnection, mode: .reads)
        checkpointer = Checkpointer(
            connection: checkpointConnection, path: path, bound: bound, interval: options.checkpointInterval)
    }

    private static func readerOptions(_ options: StoreOptions) -> StoreOptions {
        var copy = options
        copy.verifyOnOpen = false  // the writer's open just checked the file
        return copy
    }

    deinit { close() }

    /// Finishes queued work and closes the file. Calls after this throw `StoreClosedError`.
    public func close() {
        writer.close()
        reader.close()
        checkpointer.close()
    }

    /// Runs `PRAGMA integrity_check` and returns its verdict (`["ok"]` when sound).
    public func integrityCheck() async throws -> [String] {
        try await reader.perform { db in try db.query("PRAGMA integrity_check") { $0.text(0) } }
    }

    /// Runs a write on the writer thread (group-committed).
    func write<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await writer.perform(body)
    }

    /// Runs a read on the reader thread, in a snapshot of committed data.
    func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await reader.perform(body)
    }
}
