import Foundation
@testable import SwitchboardStore
import Testing

@Suite struct WALBoundTests {
    /// Frames in the WAL now, read without touching the database: `mxFrame` in the wal-index
    /// header at the start of the `-shm` file (offset 16, native byte order; sqlite.org/walformat.html).
    static func walFrames(_ path: String) throws -> Int64 {
        let header = try Data(contentsOf: URL(fileURLWithPath: path + "-shm")).prefix(20)
        guard header.count == 20 else { return -1 }
        return Int64(header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 16, as: UInt32.self) })
    }

    @Test func whenAskedTheWriterCatchesUpAndTheWALStartsAgainFromTheTop() async throws {
        let folder = try TemporaryFolder()
        var options = StoreOptions()
        options.checkpointInterval = .seconds(3600)  // no background pass: the test drives the bound
        let path = folder.file("db.sqlite")
        let store = try SQLiteStore(path: path, options: options)
        defer { store.close() }
        for index in 0..<40 {
            _ = try await store.process(inbound("e\(index)", from: "c\(index)"), step: replying())
        }
        // Without a checkpoint the WAL only grows: every commit appends.
        let grown = try Self.walFrames(path)
        _ = try await store.process(inbound("e-more", from: "c-more"), step: replying())
        #expect(try Self.walFrames(path) > grown)
        // The checkpointer's report: past the bound. The writer catches up after its next batch,
        // and the batch after that writes from the top of the WAL.
        store.walBound.observe(logFrames: .max)
        _ = try await store.process(inbound("e-catch-up", from: "c-x"), step: replying())
        _ = try await store.process(inbound("e-restart", from: "c-y"), step: replying())
        #expect(try Self.walFrames(path) < grown / 4)
    }

    @Test func theWriterCatchesUpOnlyWhenAsked() throws {
        let bound = WALBound(frames: 100)
        bound.observe(logFrames: 99)
        let folder = try TemporaryFolder()
        let connection = try SQLiteConnection(path: folder.file("db.sqlite"), create: true)
        #expect(!bound.catchUpIfAsked(connection))
        bound.observe(logFrames: 100)
        #expect(bound.catchUpIfAsked(connection))
        #expect(!bound.catchUpIfAsked(connection), "one request, one catch-up")
        connection.close()
    }
}
