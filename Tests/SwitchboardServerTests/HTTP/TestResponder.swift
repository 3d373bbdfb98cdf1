import SwitchboardServer
import Synchronization

/// Routes for socket tests: `/echo` returns method, path and body; `/slow` waits `delay` and
/// counts handlers that started; `/follow-up` answers with a follow-up that notes it began, then
/// waits for `releaseFollowUp` and notes it ended; anything else is 404.
final class TestResponder: HTTPResponder {
    let delay: Duration
    let started = Atomic<Int>(0)
    let finished = Atomic<Int>(0)
    let followUpBegan = Atomic<Bool>(false)
    let releaseFollowUp = Atomic<Bool>(false)
    let followUpEnded = Atomic<Bool>(false)

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
        case "/follow-up":
            var response = HTTPResponse.text("answered")
            response.followUp = { [self] in
                followUpBegan.store(true, ordering: .sequentiallyConsistent)
                while !releaseFollowUp.load(ordering: .sequentiallyConsistent) { try? await Task.sleep(for: .milliseconds(2)) }
                followUpEnded.store(true, ordering: .sequentiallyConsistent)
            }
            return response
        default:
            return .text("no route", status: .notFound)
        }
    }
}
