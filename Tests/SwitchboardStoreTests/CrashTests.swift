import Foundation
import SwitchboardCore
import Testing
@testable import SwitchboardStore

/// A child process commits as fast as it can and is killed with SIGKILL at a random moment:
/// every id it reported as committed is there after reopening, nothing half-written is visible,
/// and SQLite's integrity check passes.
@Suite struct CrashTests {
    /// The child must report at least this many commits before it may be killed.
    static let minimumCommitsBeforeKill = 20
    /// The test gives up waiting for the child's first commits after this long.
    static let startupTimeout: Duration = .seconds(30)

    @Test(arguments: [11, 22, 33, 44])
    func everyReportedCommitSurvivesSIGKILL(seed: UInt64) async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("crash.sqlite")
        var random = SeededRandom(seed: seed)
        let extraCommits = Int.random(in: 0...400, using: &random)

        let process = Process()
        process.executableURL = try childExecutable()
        process.arguments = ["crash-writer", path, String(seed)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()

        var reported = Set<String>()
        var buffer = [UInt8]()
        let handle = pipe.fileHandleForReading
        let started = ContinuousClock.now
        // Read until the random kill point, then kill mid-write.
        while reported.count < Self.minimumCommitsBeforeKill + extraCommits,
            ContinuousClock.now - started < Self.startupTimeout
        {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer += chunk
            reported.formUnion(Self.completeLines(&buffer))
        }
        kill(process.processIdentifier, SIGKILL)
        // Whatever it wrote to the pipe before dying was committed too.
        buffer += handle.readDataToEndOfFile()
        reported.formUnion(Self.completeLines(&buffer))
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(reported.count >= Self.minimumCommitsBeforeKill)

        let store = try SQLiteStore(path: path)
        defer { store.close() }
        #expect(try await store.integrityCheck() == ["ok"])
        let audit = try await store.read { db in try CrashAudit(db) }
        let missing = reported.subtracting(audit.inbox)
        #expect(missing.isEmpty, "reported as committed but missing after the crash: \(missing.sorted().prefix(10))")
        // Nothing half-written: each message has its inbound event and both outbox rows.
        #expect(audit.inboundEvents == Int64(audit.inbox.count))
        #expect(audit.outbox.count == 2 * audit.inbox.count)
        let expectedOutbox = Set(audit.inbox.flatMap { ["\($0)#0", "\($0)#1"] })
        #expect(Set(audit.outbox) == expectedOutbox)
        // Every 7th message escalated; customers repeat (c0…c96), so at most one open per conversation.
        #expect(audit.escalations <= Int64(audit.sevenths))
        #expect(audit.sevenths == 0 || audit.escalations > 0)
    }

    static func completeLines(_ buffer: inout [UInt8]) -> [String] {
        guard let lastNewline = buffer.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        let complete = buffer[...lastNewline]
        buffer.removeSubrange(...lastNewline)
        return complete.split(separator: UInt8(ascii: "\n")).compactMap { line in
            let text = String(decoding: line, as: UTF8.self)
            return text.hasPrefix("committed ") ? String(text.dropFirst("committed ".count)) : nil
        }
    }
}

/// What the reopened database holds.
struct CrashAudit: Sendable {
    var inbox: Set<String>
    var inboundEvents: Int64
    var outbox: [String]
    var escalations: Int64
    /// Messages whose number is a multiple of 7 (the child escalates those).
    var sevenths: Int

    init(_ db: SQLiteConnection) throws {
        let ids = try db.query("SELECT event_id FROM inbox") { $0.text(0) }
        inbox = Set(ids)
        inboundEvents = try db.first("SELECT count(*) FROM events WHERE kind = 'inbound'") { $0.int64(0) } ?? -1
        outbox = try db.query("SELECT delivery_id FROM outbox") { $0.text(0) }
        escalations = try db.first("SELECT count(*) FROM escalations") { $0.int64(0) } ?? -1
        sevenths = ids.filter { id in
            let number = id.split(separator: "-").last.flatMap { Int($0) } ?? 1
            return number % 7 == 0
        }.count
    }
}
