import SwitchboardCore
internal import Foundation
import Synchronization

/// Copies the WAL back into the database file on a thread of its own, so that the writer never
/// pays for a checkpoint inside a commit (SQLite's automatic checkpoint would, and that was the
/// long tail of commit latency).
///
/// PASSIVE checkpoints never block the writer or readers; the writer restarts the WAL from the
/// beginning once a checkpoint has copied everything.
final class Checkpointer: Sendable {

    private let stop = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let stopped = Mutex(false)

    /// - Parameters:
    ///   - path: the database file, synced after each pass (see `pass`).
    ///   - interval: time between passes (`StoreOptions.checkpointInterval`).
    init(connection: sending SQLiteConnection, path: String, bound: WALBound, interval: Duration) {
        let milliseconds = Int(clamping: interval.wholeMilliseconds)
        let box = ConnectionBox(connection)
        let thread = Thread { [self] in
            Thread.current.name = "sb-checkpoint"  // from inside: Foundation names the OS thread only then
            let connection = box.take()
            let file = open(path, O_RDONLY | O_CLOEXEC)  // -1: not synced here, SQLite's own sync still holds
            defer { if file >= 0 { Glibc.close(file) } }
            while stop.wait(timeout: .now() + .milliseconds(max(1, milliseconds))) == .timedOut {
                // A failed checkpoint is retried at the next tick; the WAL still holds every commit.
                // The row is (busy, frames in the WAL, frames copied).
                guard var pass = Self.pass(connection, flushing: file), pass.log >= bound.frames else { continue }
                // The WAL is past its bound: copy again what arrived during the long pass, so that
                // the writer's own catch-up (a pause for every request) has only a little left.
                for _ in 0..<Self.extraPasses {
                    guard let next = Self.pass(connection, flushing: file) else { break }
                    let shrinking = next.log - next.copied < pass.log - pass.copied
                    pass = next
                    if !shrinking { break }
                }
                bound.observe(logFrames: pass.log)
            }
            try? connection.execute("PRAGMA wal_checkpoint(PASSIVE)")  // best effort; closing checkpoints too
            connection.close()
            finished.signal()
        }
        thread.start()
    }

    /// Extra passes in a row when the WAL is past its bound (each copies what the last one left).
    static let extraPasses = 3

    /// One PASSIVE checkpoint: frames in the WAL and frames copied into the database so far.
    ///
    /// Then the database file is synced here, off the writer. SQLite syncs it only at the end of a
    /// checkpoint that reached the end of the WAL, which under sustained writes is only the
    /// writer's catch-up: that one fsync then wrote out every page the background passes had
    /// copied since the last catch-up, tens of megabytes of random pages, while every request
    /// waited (measured: 35–50 ms once the file had grown, against under 2 ms for the copy). Synced
    /// after each pass, the catch-up finds only the pages of its own short copy unwritten. An
    /// extra sync is always safe; a failed one leaves SQLite's own sync to do the work.
    private static func pass(_ connection: SQLiteConnection, flushing file: Int32) -> (log: Int64, copied: Int64)? {
        let pass = try? connection.first("PRAGMA wal_checkpoint(PASSIVE)", [], { (log: $0.int64(1), copied: $0.int64(2)) })
        if let pass, pass.copied > 0, file >= 0 { _ = fdatasync(file) }
        return pass
    }

    /// Stops the thread and closes its connection; waits for that to happen.
    func close() {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        stop.signal()
        finished.wait()
    }
}
