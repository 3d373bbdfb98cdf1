internal import Foundation
import Synchronization

/// Copies the WAL back into the database file on a thread of its own, so that the writer never
/// pays for a checkpoint inside a commit (SQLite's automatic checkpoint would, and that was the
/// long tail of commit latency).
///
/// PASSIVE checkpoints never block the writer or readers; the writer restarts the WAL from the
/// beginning once a checkpoint has copied everything.
final class Checkpointer: Sendable {
    /// How often to checkpoint while writes happen: short enough that the WAL stays small.
    static let interval: DispatchTimeInterval = .milliseconds(200)

    private let stop = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let stopped = Mutex(false)

    init(connection: sending SQLiteConnection) {
        let box = ConnectionBox(connection)
        let thread = Thread { [self] in
            let connection = box.take()
            while stop.wait(timeout: .now() + Self.interval) == .timedOut {
                // A failed checkpoint is retried at the next tick; the WAL still holds every commit.
                try? connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
            }
            try? connection.execute("PRAGMA wal_checkpoint(PASSIVE)")  // best effort; closing checkpoints too
            connection.close()
            finished.signal()
        }
        thread.name = "switchboard-store-checkpoint"
        thread.start()
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
