import SwitchboardCore
internal import Foundation
import Synchronization

/// One SQLite connection driven by a dedicated thread: callers `await`, the thread blocks.
///
/// In `groupCommit` mode the thread takes every queued job at once, runs each in its own SAVEPOINT
/// inside one `BEGIN IMMEDIATE` transaction, commits once, and then resumes every caller; a job
/// that throws undoes only its own savepoint. A lone job is committed at once: the thread never
/// waits for a batch to fill. In `reads` mode each job runs in its own read transaction (a snapshot).
///
/// Deferred jobs (`perform(deferred: true, …)`) wait in a lane of their own, in order: the thread
/// commits ordinary jobs until none is queued, then at most `deferredBatch` deferred ones, then
/// looks again. So a quick write someone is waiting for (a webhook's inbox row) never queues behind a
/// long run of deferred work (the steps of the DMs already acknowledged). Deferred batches commit
/// with `deferredSynchronous` when it is set (see `SQLiteStore.processReceived`).
final class DatabaseThread: Sendable {
    enum Mode {
        /// Writes in batches, each one transaction; `afterBatch` runs between batches, outside
        /// any transaction.
        case groupCommit(
            maximumBatch: Int, gather: Duration = .zero, deferredBatch: Int = 32,
            deferredSynchronous: (relaxed: String, normal: String)? = nil,
            afterBatch: @Sendable (SQLiteConnection) -> Void = { _ in })
        case reads
    }

    private let queue = Mutex(Queue())
    private let wakeUp = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// How many times the writer waited for a batch to fill (tests read it: a lone write never waits).
    let gatherings = Atomic<Int>(0)

    private struct Queue: ~Copyable {
        var jobs: [any DatabaseJob] = []
        /// The deferred lane, oldest first from `deferredHead` (taken ones are dropped in bulk, so a
        /// long backlog costs O(1) per job, not a shift of the whole array per batch).
        var deferred: [any DatabaseJob] = []
        var deferredHead = 0
        var closed = false
    }

    /// Starts the thread; `connection` is moved to it and used by it alone from now on. `name` is
    /// what `top -H` shows: Linux keeps 15 bytes of it.
    init(name: String, connection: sending SQLiteConnection, mode: Mode) {
        let box = ConnectionBox(connection)
        let thread = Thread { [self] in
            Thread.current.name = name  // named from inside: Foundation names the OS thread only then
            run(box.take(), mode: mode)
        }
        thread.name = name
        thread.start()
    }

    /// Runs `body` on the thread (inside a savepoint of a group transaction, in group-commit mode)
    /// and returns its result once committed.
    /// `deferred` jobs go to the deferred lane: after every ordinary job queued, in the order given.
    func perform<T: Sendable>(deferred: Bool = false, _ body: @escaping @Sendable (SQLiteConnection) throws -> T)
        async throws -> T
    {
        try await withCheckedThrowingContinuation { continuation in
            let job = Job(body: body, continuation: continuation)
            let accepted = queue.withLock { queue in
                guard !queue.closed else { return false }
                if deferred { queue.deferred.append(job) } else { queue.jobs.append(job) }
                return true
            }
            guard accepted else {
                continuation.resume(throwing: StoreClosedError())
                return
            }
            wakeUp.signal()
        }
    }

    /// Jobs waiting for the thread to take them (tests wait on it to line up a batch).
    var queuedJobs: Int { queue.withLock { $0.jobs.count + $0.deferred.count - $0.deferredHead } }

    /// Finishes queued jobs, stops the thread and closes the connection; waits for that to happen.
    func close() {
        let first = queue.withLock { queue in
            defer { queue.closed = true }
            return !queue.closed
        }
        guard first else { return }
        wakeUp.signal()
        finished.wait()
    }

    private func run(_ connection: SQLiteConnection, mode: Mode) {
        var lastBatch = 0
        var moreDeferred = false
        while true {
            // Deferred jobs left after the last pass: look again without waiting for a signal.
            if !moreDeferred { wakeUp.wait() }
            var (jobs, closed) = take()
            gatherIfConcurrent(&jobs, closed: &closed, lastBatch: &lastBatch, mode: mode)
            switch mode {
            case .groupCommit(let maximumBatch, _, let deferredBatch, let synchronous, let afterBatch):
                // Quick writes until none is queued (those that came during a commit too), then one
                // deferred batch.
                while !jobs.isEmpty {
                    var start = 0
                    while start < jobs.count {
                        let end = min(jobs.count, start + max(1, maximumBatch))
                        Self.commit(jobs[start..<end], on: connection)
                        afterBatch(connection)
                        start = end
                    }
                    let (more, isClosed) = take()
                    jobs = more
                    closed = closed || isClosed
                    gatherIfConcurrent(&jobs, closed: &closed, lastBatch: &lastBatch, mode: mode)
                }
                let (deferred, left) = takeDeferred(upTo: max(1, deferredBatch))
                moreDeferred = left
                if !deferred.isEmpty {
                    if let synchronous { try? connection.execute("PRAGMA synchronous = \(synchronous.relaxed)") }
                    Self.commit(deferred[...], on: connection)
                    if let synchronous { try? connection.execute("PRAGMA synchronous = \(synchronous.normal)") }
                    afterBatch(connection)
                }
            case .reads:
                for job in jobs { Self.read(job, on: connection) }
            }
            if closed && !moreDeferred {
                connection.close()
                finished.signal()
                return
            }
        }
    }

    /// Gathers more jobs into `jobs` while writes come concurrently (see `gatherMore`), and keeps
    /// the size of the batch for the next decision.
    private func gatherIfConcurrent(
        _ jobs: inout [any DatabaseJob], closed: inout Bool, lastBatch: inout Int, mode: Mode
    ) {
        guard !jobs.isEmpty else { return }
        if case .groupCommit(let maximumBatch, let gather, _, _, _) = mode, gather > .zero, !closed,
            jobs.count > 1 || lastBatch > 1
        {
            gatherMore(into: &jobs, closed: &closed, upTo: maximumBatch, for: gather)
        }
        lastBatch = jobs.count
    }

    private func take() -> ([any DatabaseJob], Bool) {
        queue.withLock { queue in
            let taken = queue.jobs
            queue.jobs.removeAll(keepingCapacity: true)
            return (taken, queue.closed)
        }
    }

    /// The oldest `limit` deferred jobs, and whether more wait.
    private func takeDeferred(upTo limit: Int) -> ([any DatabaseJob], Bool) {
        queue.withLock { queue in
            let end = min(queue.deferred.count, queue.deferredHead + limit)
            let taken = Array(queue.deferred[queue.deferredHead..<end])
            queue.deferredHead = end
            if queue.deferredHead == queue.deferred.count {
                queue.deferred.removeAll(keepingCapacity: true)
                queue.deferredHead = 0
            } else if queue.deferredHead >= 4096 {
                queue.deferred.removeFirst(queue.deferredHead)
                queue.deferredHead = 0
            }
            return (taken, !queue.deferred.isEmpty)
        }
    }

    /// Waits up to `duration` for more jobs to join `jobs`, so that they share one commit. Called
    /// only while writes come concurrently (this batch or the last one held more than one job): a
    /// lone writer, as in a test or a quiet hour, never waits.
    private func gatherMore(
        into jobs: inout [any DatabaseJob], closed: inout Bool, upTo maximumBatch: Int, for duration: Duration
    ) {
        gatherings.add(1, ordering: .relaxed)
        let deadline = DispatchTime.now() + duration.inSeconds
        // Signals of jobs already taken return at once and add nothing; the loop then waits again.
        while jobs.count < maximumBatch, !closed, wakeUp.wait(timeout: deadline) == .success {
            let (more, isClosed) = take()
            jobs += more
            closed = isClosed
        }
    }

    /// Commits a batch. First without savepoints: a savepoint per job made SQLite copy every page
    /// the job touched into its statement journal, a tenth or more of a DM's cost on this thread.
    /// When a job fails, that attempt is rolled back and the batch runs again with a savepoint
    /// per job, so the failure stays the job's own (its body runs twice; bodies touch only the
    /// database and their own result, so that is safe). A batch of one needs no second run.
    private static func commit(_ jobs: ArraySlice<any DatabaseJob>, on connection: SQLiteConnection) {
        do {
            try connection.run("BEGIN IMMEDIATE")
            var allSucceeded = true
            for job in jobs {
                job.run(connection)
                if job.failed {
                    allSucceeded = false
                    break
                }
            }
            if allSucceeded {
                try connection.run("COMMIT")
                for job in jobs { job.finish(failure: nil) }
                return
            }
            try connection.execute("ROLLBACK")
            if jobs.count == 1 {
                jobs.first?.finish(failure: nil)  // resumes with the job's own failure
                return
            }
        } catch {
            if !connection.isAutocommit { try? connection.execute("ROLLBACK") }  // the batch error is reported below
            for job in jobs { job.finish(failure: error) }
            return
        }
        commitWithSavepoints(jobs, on: connection)
    }

    private static func commitWithSavepoints(_ jobs: ArraySlice<any DatabaseJob>, on connection: SQLiteConnection) {
        do {
            try connection.run("BEGIN IMMEDIATE")
            for job in jobs { try job.runInSavepoint(connection) }
            try connection.run("COMMIT")
            for job in jobs { job.finish(failure: nil) }
        } catch {
            if !connection.isAutocommit { try? connection.execute("ROLLBACK") }  // the batch error is reported below
            for job in jobs { job.finish(failure: error) }
        }
    }

    private static func read(_ job: any DatabaseJob, on connection: SQLiteConnection) {
        do {
            try connection.run("BEGIN")
            job.run(connection)
            try connection.run("COMMIT")
            job.finish(failure: nil)
        } catch {
            if !connection.isAutocommit { try? connection.execute("ROLLBACK") }  // reported below
            job.finish(failure: error)
        }
    }
}

/// The store was closed; nothing was written.
public struct StoreClosedError: Error, Sendable, CustomStringConvertible {
    public var description: String { "the store is closed: open it again before using it" }
}

/// Moves a connection into the thread that owns it from then on.
final class ConnectionBox: @unchecked Sendable {
    // Written once before the thread starts, read once by that thread.
    private var connection: SQLiteConnection?
    init(_ connection: SQLiteConnection) { self.connection = connection }
    func take() -> SQLiteConnection {
        guard let connection else { preconditionFailure("a database thread takes its connection once") }
        self.connection = nil
        return connection
    }
}

protocol DatabaseJob: Sendable {
    /// Runs the job inside a savepoint; the job's own failure is kept for `finish`, while a failure
    /// of the savepoint machinery itself is thrown and fails the whole batch.
    func runInSavepoint(_ connection: SQLiteConnection) throws
    /// Runs the job, keeping its result or failure for `finish`.
    func run(_ connection: SQLiteConnection)
    /// Whether the last run kept a failure.
    var failed: Bool { get }
    /// Resumes the caller with the job's result, or with `failure` if the transaction failed.
    func finish(failure: (any Error)?)
}

/// A job and its caller's continuation.
private final class Job<T: Sendable>: DatabaseJob, @unchecked Sendable {
    // `result` is touched only by the database thread, between `run` and `finish`.
    private let body: @Sendable (SQLiteConnection) throws -> T
    private let continuation: CheckedContinuation<T, any Error>
    private var result: Result<T, any Error>?

    init(body: @escaping @Sendable (SQLiteConnection) throws -> T, continuation: CheckedContinuation<T, any Error>) {
        self.body = body
        self.continuation = continuation
    }

    func runInSavepoint(_ connection: SQLiteConnection) throws {
        try connection.run("SAVEPOINT job")
        do {
            result = .success(try body(connection))
            try connection.run("RELEASE job")
        } catch {
            if case .success = result {
                throw error  // RELEASE failed: the transaction is in doubt
            }
            result = .failure(error)
            try connection.run("ROLLBACK TO job")
            try connection.run("RELEASE job")
        }
    }

    func run(_ connection: SQLiteConnection) {
        result = Result { try body(connection) }
    }

    var failed: Bool {
        if case .failure = result { return true }
        return false
    }

    func finish(failure: (any Error)?) {
        if let failure, case .success = result {
            continuation.resume(throwing: failure)
        } else if let result {
            continuation.resume(with: result)
        } else {
            continuation.resume(throwing: failure ?? StoreClosedError())
        }
    }
}
