import Foundation

/// Runs HTTP handlers on threads of their own.
///
/// Handlers are async and would otherwise share Swift's cooperative pool (one thread per core,
/// two here). Anything elsewhere in the process that blocks those threads — a blocking read, a
/// child process wait, a long computation — would then stall every request. With this executor as
/// the handler tasks' preference, the server keeps answering; awaits on actors or the store still
/// hop where they must and come back here.
final class HandlerExecutor: TaskExecutor, @unchecked Sendable {
    /// Handler threads; handlers mostly wait on the store, so a few are plenty.
    static let defaultThreadCount = 4

    // `condition` guards `jobs` and `stopped` (hence @unchecked Sendable).
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var stopped = false

    init(threads: Int = HandlerExecutor.defaultThreadCount, name: String = "switchboard-handler") {
        for index in 0..<max(1, threads) {
            let thread = Thread { [self] in self.work() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads finish the queued jobs and exit.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while head == jobs.count && !stopped { condition.wait() }
            guard head < jobs.count else {
                condition.unlock()
                return
            }
            let job = jobs[head]
            head += 1
            if head > 1024 && head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
