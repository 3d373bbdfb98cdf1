/// Answers requests for `HTTPServer`: routing, webhooks, the agent API all sit behind this.
///
/// Called on the Swift concurrency pool, never on the event-loop thread, one request at a time per
/// connection. It may block briefly (a SQLite commit); anything long belongs on its own thread.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest) async -> HTTPResponse
}
