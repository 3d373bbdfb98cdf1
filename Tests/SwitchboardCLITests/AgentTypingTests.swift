import Dispatch
import Foundation
import SwitchboardServer
import Testing

/// `switchboard agent typing ID`: an agent composing a reply shows the customer X's typing indicator.
@Suite(.serialized) struct AgentTypingTests {
    /// Runs the CLI off Swift's cooperative threads (it blocks until the child exits).
    static func cli(_ arguments: [String], environment: [String: String] = [:]) async throws -> CLIRunner.Outcome {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try CLIRunner.run(arguments, environment: environment) })
            }
        }
    }

    @Test func typingWithoutAnEscalationIDIsAUsageError() async throws {
        let outcome = try await Self.cli(["agent", "typing"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("'agent typing' needs an escalation ID"))
    }

    @Test func typingReachesXForTheEscalationsCustomer() async throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fakeX = FakeXAPI()
        let fakeServer = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), responder: fakeX)
        let fakePort = try fakeServer.start()
        defer { Task { await fakeServer.shutdown() } }

        let added = try await Self.cli(["agent", "add", "alice", "--queues", "general", "--data", folder.path])
        #expect(added.status == 0)
        let token = try #require(added.stdout.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("sbt_") })
        let agent = [AgentCommandNames.token: String(token)]

        let server = try ServerProcess(data: folder.path, apiBase: "http://127.0.0.1:\(fakePort)")
        defer { server.terminate() }
        for (index, text) in ["hi", "agent"].enumerated() {
            let (body, signature) = XWebhookFixture.dm(
                consumerSecret: KillTests.secret, brandID: KillTests.brand, customerID: "4242", eventID: "typing-\(index)",
                text: text)
            let response = try await URLSessionTransport().send(
                OutgoingHTTPRequest(
                    method: .post, url: "http://127.0.0.1:\(server.port)/webhooks/x",
                    headers: ["x-twitter-webhooks-signature": signature], body: body, timeout: .seconds(5)))
            #expect(response.status == 200)
        }
        let serverURL = "http://127.0.0.1:\(server.port)"
        #expect(try await Self.cli(["agent", "online", "--server", serverURL], environment: agent).status == 0)
        let typing = try await Self.cli(["agent", "typing", "1", "--server", serverURL], environment: agent)
        #expect(typing.status == 0, "\(typing.stdout)\(typing.stderr)")
        #expect(typing.stdout.contains("\"typing\" : \"queued\""))

        let deadline = ContinuousClock.now + .seconds(10)
        while fakeX.signals.isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(fakeX.signals.map(\.kind) == [.typing])
        #expect(fakeX.signals.first?.form == ["recipient_id": "4242"])
    }
}

/// The names the agent CLI reads (kept here so a rename breaks this test loudly).
enum AgentCommandNames {
    static let token = "SWITCHBOARD_AGENT_TOKEN"
}
