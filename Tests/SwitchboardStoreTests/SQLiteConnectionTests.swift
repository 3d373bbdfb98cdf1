import Foundation
import Testing
@testable import SwitchboardStore

@Suite struct SQLiteConnectionTests {
    func connection(_ folder: TemporaryFolder) throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: folder.file("plain.sqlite"), create: true)
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, data BLOB)")
        return connection
    }

    /// SQLite took the process-wide settings (memory statistics off): they are made before the
    /// first connection of the process, so SQLite answers OK, not SQLITE_MISUSE (21).
    @Test func processWideSettingsAreTakenBeforeTheFirstConnection() throws {
        let folder = try TemporaryFolder()
        _ = try connection(folder)
        #expect(SQLiteConnection.processSettings == 0)
    }

    /// Statements are cached by their SQL's address too; built SQL whose memory is freed and
    /// reused for other text (short strings live inline, long ones on the heap) still runs as written.
    @Test func builtSQLAtAReusedAddressRunsAsWritten() throws {
        let folder = try TemporaryFolder()
        let db = try connection(folder)
        for index in 0..<600 {
            let value = index % 7
            let short = "SELECT \(value) + ?1"
            let long = "SELECT \(value) + ?1" + String(repeating: " ", count: 40 + index % 3)
            #expect(try db.first(short, [1], { $0.int64(0) }) == Int64(value + 1))
            #expect(try db.first(long, [2], { $0.int64(0) }) == Int64(value + 2))
        }
    }

    @Test func valuesRoundTripThroughParameters() throws {
        let folder = try TemporaryFolder()
        let db = try connection(folder)
        let awkward = "Robert'); DROP TABLE t;--"
        try db.run("INSERT INTO t (name, score, data) VALUES (?1, ?2, ?3)", [awkward, 2.5, [UInt8]([0, 1, 255])])
        try db.run("INSERT INTO t (name, score, data) VALUES (?1, ?2, ?3)", ["", Optional<Double>.none, [UInt8]()])
        let rows = try db.query("SELECT name, score, data, score IS NULL FROM t ORDER BY id") {
            ($0.text(0), $0.double(1), $0.blob(2), $0.int64(3))
        }
        #expect(rows.count == 2)
        #expect(rows[0].0 == awkward && rows[0].1 == 2.5 && rows[0].2 == [0, 1, 255])
        #expect(rows[1].0 == "" && rows[1].2 == [] && rows[1].3 == 1)
    }

    @Test func constraintErrorsCarrySQLitesMessage() throws {
        let folder = try TemporaryFolder()
        let db = try connection(folder)
        try db.run("INSERT INTO t (name) VALUES (?1)", ["x"])
        do {
            try db.run("INSERT INTO t (name) VALUES (?1)", ["x"])
            Issue.record("a duplicate should fail")
        } catch {
            #expect(error.isConstraintViolation)
            #expect(error.message.contains("UNIQUE constraint failed: t.name"))
            #expect(error.description.contains("INSERT INTO t"))
        }
    }

    @Test func wrongParameterCountIsRefused() throws {
        let folder = try TemporaryFolder()
        let db = try connection(folder)
        #expect(throws: SQLiteError.self) { try db.run("INSERT INTO t (name) VALUES (?1)", []) }
        #expect(throws: SQLiteError.self) { try db.run("SELECT * FROM no_such_table") }
    }

    @Test func savepointUndoesOnlyItsOwnWork() throws {
        struct Oops: Error {}
        let folder = try TemporaryFolder()
        let db = try connection(folder)
        try db.immediateTransaction {
            try db.run("INSERT INTO t (name) VALUES (?1)", ["kept"])
            _ = try? db.savepoint {
                try db.run("INSERT INTO t (name) VALUES (?1)", ["undone"])
                throw Oops()
            }
        }
        #expect(try db.query("SELECT name FROM t") { $0.text(0) } == ["kept"])
        #expect(throws: Oops.self) {
            try db.immediateTransaction {
                try db.run("INSERT INTO t (name) VALUES (?1)", ["rolled back"])
                throw Oops()
            }
        }
        #expect(try db.query("SELECT name FROM t") { $0.text(0) } == ["kept"])
        #expect(db.isAutocommit)
    }
}
