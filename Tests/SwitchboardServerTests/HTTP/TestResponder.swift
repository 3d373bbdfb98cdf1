import SwitchboardServer
import Synchronization

/// Routes for socket tests: `/echo` returns method, path and body; `/slow` waits `delay` and
/// counts handlers that started; anything else is 404.
final class TestResponder: HTTPResponder {
    let delay: Duration
    let started = Atomic<Int>(0)
    let finished = Atomic<Int>(0)

    init(delay: Duration = .milliseconds(300)) {
        self.delay = delay
    }

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        switch request.path {
        case "/echo":
            return .text("\(request.method) \(request.target) \(String(decoding: request.body, as: UTF8.self))")
        case "/slow":
            started.add(1, ordering: .sequentiallyConsistent)
            try? await Task.sleep(for: delay)
            finished.add(1, ordering: .sequentiallyConsistent)
            return .text("slow done")
        default:
            return .text("no route", status: .notFound)
        }
    }
}
