import Synchronization
import Foundation
import SwitchboardCore
@testable import SwitchboardStore

/// A fresh folder per test, removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("switchboard-store-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        chmod(path, 0o755)
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }
}

/// A deterministic generator for tests (SplitMix64).
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An instant in minutes after a fixed Monday 2023-11-13T00:00Z, so tests read in minutes.
func at(minutes: Int64) -> Instant {
    Instant(milliseconds: 1_699_833_600_000 + minutes * 60_000)
}

func key(_ customer: String) -> ConversationKey {
    ConversationKey(account: "brand", customer: CustomerID(customer))
}

func inbound(_ eventID: String, from customer: String = "c1", text: String = "hello", minute: Int64 = 0,
             followers: Int = 0) -> InboundRecord {
    InboundRecord(
        eventID: eventID, key: key(customer), text: text, receivedAt: at(minutes: minute),
        sender: CustomerProfile(name: "Customer \(customer)", handle: customer, followers: followers))
}

/// A step that replies once and, when asked, escalates.
func replying(_ text: String = "hi!", escalate: EscalationRequest? = nil) -> @Sendable (InboundContext) -> StepRecords {
    { context in
        StepRecords(
            state: Array("state-\(context.conversation?.version ?? 0)".utf8), slots: ["last": text],
            outbox: [OutboundMessage(text: text, payloadJSON: "{\"text\":\"\(text)\"}")], escalation: escalate)
    }
}

/// `replying()` that counts its runs: a DM must be stepped once, however often it is delivered.
final class CountedStep: Sendable {
    private let runs = Mutex(0)
    var count: Int { runs.withLock { $0 } }
    var step: @Sendable (InboundContext) -> StepRecords {
        { [self] context in
            runs.withLock { $0 += 1 }
            return replying()(context)
        }
    }
}

/// Runs the test child process and returns its exit status and standard output.
func runChild(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = try childExecutable()
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

struct ChildNotFound: Error, CustomStringConvertible {
    var description: String { "SwitchboardStoreChild was not built next to the tests: run `swift build` first" }
}

func childExecutable() throws -> URL {
    let candidates = [
        Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        Bundle.main.bundleURL.deletingLastPathComponent(),
    ]
    for folder in candidates {
        let url = folder.appendingPathComponent("SwitchboardStoreChild")
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    throw ChildNotFound()
}

func bytes(of path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// A zero for each of the parameters `?1`…`?9` that `sql` names, to EXPLAIN it.
func zeros(forParametersOf sql: String) -> [any SQLiteBindable] {
    Array(repeating: Int64(0), count: (1...9).last { sql.contains("?\($0)") } ?? 0)
}
