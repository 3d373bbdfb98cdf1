/// How a store opens and runs its database.
public struct StoreOptions: Sendable {
    /// How hard a commit waits for the disk.
    public var durability: Durability = .full
    /// How long a statement waits for another process's lock.
    public var busyTimeout: Duration = .seconds(5)
    /// Run `PRAGMA quick_check` when an existing file is opened (O(size); catches damage before any write).
    public var verifyOnOpen = true
    /// Most writes committed together in one transaction (group commit).
    public var maximumBatch = 512
    /// How long the writer waits for more writes to join a batch, while writes come concurrently
    /// (a lone write never waits). Fewer, larger commits cost less CPU per write; each waits up to
    /// this much longer. Off by default (see README, "Commit gathering").
    public var commitGather: Duration = .zero
    /// Most steps of received DMs (`SQLiteStore.processReceived`) committed together before the
    /// writer looks again for quick writes (inbox rows that webhooks wait for): about 5 ms of work.
    public var processingBatch = 32
    /// WAL frames (4 KiB pages) past which the writer checkpoints between two batches so that the
    /// WAL starts again from the top (see `WALBound`): about 32 MiB.
    public var walRestartFrames: Int64 = 8_192
    /// How often the background thread copies the WAL into the database while writes happen:
    /// short enough that the WAL stays small.
    public var checkpointInterval: Duration = .milliseconds(200)
    /// Queue policy: priority weights, hours and SLA per queue, windows.
    public var queue = QueuePolicy()

    public init() {}
}

/// How a commit waits for the disk.
///
/// `full` is the default: the webhook acknowledges a DM once it is committed, and X does not send
/// it again, so a commit must survive power loss, not only a crash of our process. In WAL mode
/// `normal` survives a process crash but may lose the last commits on power loss; group commit makes
/// `full`'s one fsync per batch affordable.
public enum Durability: Sendable {
    case full
    case normal

    var pragmaValue: String {
        switch self {
        case .full: "FULL"
        case .normal: "NORMAL"
        }
    }
}
