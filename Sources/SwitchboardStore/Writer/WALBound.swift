import Synchronization

/// Keeps the write-ahead log from growing without end under sustained writes.
///
/// The checkpointer copies the WAL into the database in the background (PASSIVE), but SQLite
/// starts the WAL again from its beginning only when a checkpoint has copied *every* frame, and
/// with commits arriving all the time the background checkpoint never quite catches up: the WAL
/// grew by about 27 KB per DM (641 MB after 6 s of load). So when the checkpointer sees the WAL past
/// `frames`, it asks the writer to checkpoint once itself between two batches: no commit can
/// land in between, the few frames the background pass left are copied, and the next
/// transaction starts the WAL from the beginning. `journal_size_limit` then trims the file.
final class WALBound: Sendable {
    /// WAL frames (pages of 4 KiB by default) after which the writer catches up.
    let frames: Int64
    private let requested = Atomic<Bool>(false)

    init(frames: Int64) { self.frames = frames }

    /// The checkpointer's report after a pass: `log` frames in the WAL.
    func observe(logFrames log: Int64) {
        if log >= frames { requested.store(true, ordering: .relaxed) }
    }

    /// Run by the writer after a batch: one PASSIVE checkpoint of its own when asked for.
    /// Returns whether it checkpointed.
    @discardableResult
    func catchUpIfAsked(_ connection: SQLiteConnection) -> Bool {
        guard requested.exchange(false, ordering: .acquiringAndReleasing) else { return false }
        // Best effort: when the background pass holds the checkpoint lock this reports busy,
        // and the checkpointer asks again at its next pass.
        try? connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        return true
    }
}
