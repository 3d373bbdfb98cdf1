import Foundation
import SwitchboardServer
import Synchronization
import Testing

/// Signed DMs over loopback; the server is killed with SIGKILL mid-way, restarted, and the sending
/// finishes. Every DM that got a 200 has exactly one reply at the fake X API; none got two.
@Suite(.serialized) struct KillTests {
    static let secret = "FAKE_CONSUMER_SECRET"
    static let brand = "1000000000000000001"

    @Test(arguments: [1, 2])
    func everyAcknowledgedDMGetsExactlyOneReplyAcrossASIGKILL(round: Int) async throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fakeX = FakeXAPI()
        let fakeServer = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), responder: fakeX)
        let fakePort = try fakeServer.start()
        defer { Task { await fakeServer.shutdown() } }

        let total = 40
        let killAfter = 10 + round * 7
        var acknowledged = Set<Int>()
        var server = try ServerProcess(data: folder.path, apiBase: "http://127.0.0.1:\(fakePort)")
        for index in 0..<total {
            if index == killAfter {
                server.kill()
                server = try ServerProcess(data: folder.path, apiBase: "http://127.0.0.1:\(fakePort)")
            }
            if try await Self.send(index, to: server.port) { acknowledged.insert(index) }
        }
        // Redeliver everything (as X does when unsure): nothing may be answered twice.
        for index in 0..<total where try await Self.send(index, to: server.port) { acknowledged.insert(index) }

        let deadline = ContinuousClock.now + .seconds(20)
        while Set(fakeX.received.map(\.recipientID)).count < acknowledged.count && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(500))
        server.terminate()
        let replies = Dictionary(grouping: fakeX.received, by: \.recipientID)
        #expect(acknowledged.count == total)
        for index in acknowledged {
            #expect(replies["3\(index)"]?.count == 1, "customer \(index): \(replies["3\(index)"]?.count ?? 0) replies")
        }
        #expect(replies.values.allSatisfy { $0.count == 1 })
    }

    /// Sends customer `index`'s DM; true when the server answered 200.
    static func send(_ index: Int, to port: Int) async throws -> Bool {
        let (body, signature) = XWebhookFixture.dm(
            consumerSecret: secret, brandID: brand, customerID: "3\(index)", eventID: "kill-\(index)", text: "hi")
        do {
            let response = try await URLSessionTransport().send(
                OutgoingHTTPRequest(
                    method: .post, url: "http://127.0.0.1:\(port)/webhooks/x",
                    headers: ["x-twitter-webhooks-signature": signature], body: body, timeout: .seconds(5)))
            return response.status == 200
        } catch {
            return false
        }
    }
}

/// `switchboard serve` as a child process on a free port.
struct ServerProcess {
    let process: Process
    let port: Int

    init(data: String, apiBase: String) throws {
        process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = [
            "serve", "--port", "0", "--data", data, "--flows", CLIRunner.packageRoot.appendingPathComponent("flows").path,
            "--intents", CLIRunner.packageRoot.appendingPathComponent("intents").path, "--log-level", "error",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["SWITCHBOARD_X_CONSUMER_KEY"] = "key"
        environment["SWITCHBOARD_X_CONSUMER_SECRET"] = KillTests.secret
        environment["SWITCHBOARD_X_ACCESS_TOKEN"] = "token"
        environment["SWITCHBOARD_X_ACCESS_TOKEN_SECRET"] = "token-secret"
        environment["SWITCHBOARD_X_API_BASE"] = apiBase
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The banner's first line names the port: "Switchboard is running on http://127.0.0.1:PORT".
        var text = ""
        let handle = output.fileHandleForReading
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("\n") && Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first, let colon = line.lastIndex(of: ":"),
            let port = Int(line[line.index(after: colon)...])
        else {
            process.terminate()
            throw ServerStartError(output: text)
        }
        self.port = port
    }

    func kill() {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func terminate() {
        process.terminate()
        process.waitUntilExit()
    }
}

struct ServerStartError: Error, CustomStringConvertible {
    var output: String
    var description: String { "switchboard serve did not start: \(output)" }
}
