import Foundation
import Testing
@testable import SwitchboardStore

/// Schema v5 writes CHECKs of several allowed values as OR chains, so the statements a DM runs need
/// no temporary b-tree, and the constraints still refuse what they refused before.
@Suite struct CheckConstraintTests {
    /// A store at the latest schema, closed, and a plain connection to its file.
    func migratedFile(_ folder: TemporaryFolder) throws -> SQLiteConnection {
        let path = folder.file("store.sqlite")
        let store = try SQLiteStore(path: path)
        store.close()
        let connection = try SQLiteConnection(path: path, create: false)
        try connection.execute("PRAGMA foreign_keys = ON")
        return connection
    }

    /// The opcodes SQLite compiles `sql` to (its parameters `?1`…`?9` bound to 0).
    func opcodes(_ connection: SQLiteConnection, _ sql: String) throws -> [String] {
        try connection.query("EXPLAIN " + sql, zeros(forParametersOf: sql)) { $0.text(1) }
    }

    @Test func theWritesADMMakesBuildNoTemporaryTable() throws {
        let folder = try TemporaryFolder()
        let connection = try migratedFile(folder)
        defer { connection.close() }
        for sql in [
            "INSERT INTO events (conversation_id, kind, at, actor, text, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            """
            INSERT INTO outbox (conversation_id, recipient, payload, delivery_id, status, next_attempt_at, created_at)
            VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6)
            """,
            "UPDATE outbox SET status = 'sent', sent_at = ?1 WHERE id = ?2",
            "UPDATE conversations SET owner_kind = ?1, owner_id = ?2, updated_at = ?3 WHERE id = ?4",
            "UPDATE escalations SET status = ?1 WHERE id = ?2",
            "UPDATE agents SET availability = ?1 WHERE id = ?2",
        ] {
            let program = try opcodes(connection, sql)
            #expect(program.contains("Insert") || program.contains("Update") || program.contains("MakeRecord"), "\(sql)")
            #expect(!program.contains("OpenEphemeral"), "\(sql) builds a temporary b-tree per run")
        }
        let tables = try connection.query("SELECT name, sql FROM sqlite_schema WHERE type = 'table'") { ($0.text(0), $0.text(1)) }
        #expect(Set(tables.map(\.0)).isSuperset(of: ["conversations", "events", "outbox", "agents", "escalations"]))
        #expect(!tables.contains { $0.1.contains(" IN (") }, "a CHECK with an IN list is left")
    }

    @Test func rewrittenChecksAcceptTheSameValuesAndRefuseOthers() throws {
        let folder = try TemporaryFolder()
        let connection = try migratedFile(folder)
        defer { connection.close() }
        try connection.run(
            "INSERT INTO conversations (id, account, customer, state, owner_kind, created_at, updated_at) VALUES (1, 'a', 'c', x'7B7D', 'bot', 0, 0)")
        for kind in ["inbound", "outbound", "agent", "note", "system"] {
            try connection.run("INSERT INTO events (conversation_id, kind, at) VALUES (1, ?1, 0)", [kind])
        }
        for kind in ["Inbound", "", "inbound ", "other"] {
            #expect(throws: SQLiteError.self, "events.kind '\(kind)'") {
                try connection.run("INSERT INTO events (conversation_id, kind, at) VALUES (1, ?1, 0)", [kind])
            }
        }
        #expect(try connection.first("SELECT count(*) FROM events") { $0.int64(0) } == 5)
        do {
            try connection.run("UPDATE conversations SET owner_kind = 'robot', owner_id = 'x' WHERE id = 1")
            Issue.record("owner_kind 'robot' was accepted")
        } catch {
            #expect(error.isConstraintViolation)
            #expect(error.message.contains("owner_kind = 'bot' OR owner_kind = 'queue' OR owner_kind = 'agent'"))
        }
        try connection.run("UPDATE conversations SET owner_kind = 'queue', owner_id = 'general' WHERE id = 1")
        for status in ["pending", "sent", "failed"] {
            try connection.run(
                """
                INSERT INTO outbox (conversation_id, recipient, payload, delivery_id, status, next_attempt_at, created_at)
                VALUES (1, 'c', '{}', ?1, ?1, 0, 0)
                """, [status])
        }
        #expect(throws: SQLiteError.self) {
            try connection.run(
                "INSERT INTO outbox (conversation_id, recipient, payload, delivery_id, status, next_attempt_at, created_at) VALUES (1, 'c', '{}', 'd', 'queued', 0, 0)")
        }
        #expect(throws: SQLiteError.self) {
            try connection.run("INSERT INTO agents (id, name, capacity, availability, updated_at) VALUES ('a', 'A', 1, 'busy', 0)")
        }
        #expect(try connection.first("PRAGMA integrity_check") { $0.text(0) } == "ok")
    }

    /// Some builds of SQLite turn defensive mode on, which forbids writing `sqlite_schema`: the
    /// rewrite turns it off for its own length and puts it back.
    @Test func theRewriteWorksUnderDefensiveModeAndRestoresIt() throws {
        let folder = try TemporaryFolder()
        let connection = try SQLiteConnection(path: folder.file("defensive.sqlite"), create: true)
        defer { connection.close() }
        for migration in Schema.migrations.prefix(4) { try migration.apply(to: connection) }
        try connection.setDefensive(true)
        #expect(try connection.isDefensive())
        #expect(throws: SQLiteError.self, "defensive mode refuses a plain schema write") {
            try connection.execute("PRAGMA writable_schema = ON")
            defer { try? connection.execute("PRAGMA writable_schema = OFF") }
            try connection.run("UPDATE sqlite_schema SET sql = sql WHERE name = 'events'")
        }
        try Schema.migrations[4].apply(to: connection)
        #expect(try connection.isDefensive(), "defensive mode is back on")
        #expect(try connection.first("PRAGMA writable_schema") { $0.int64(0) } == 0)
        let events = try connection.first("SELECT sql FROM sqlite_schema WHERE name = 'events'") { $0.text(0) }
        #expect(events?.contains("kind = 'inbound' OR kind = 'outbound'") == true)
        #expect(try connection.first("PRAGMA integrity_check") { $0.text(0) } == "ok")
    }

    /// A version-4 file whose events table was not written by our migrations: v5 finds no text to
    /// rewrite, says so, and the whole upgrade rolls back.
    @Test func aFileWithAnUnexpectedCheckIsLeftAtItsVersion() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("edited.sqlite")
        do {
            let connection = try SQLiteConnection(path: path, create: true)
            defer { connection.close() }
            try connection.execute("PRAGMA journal_mode = WAL")
            let edited = Schema.version1.replacingOccurrences(of: "'note', 'system'", with: "'note', 'system', 'bot'")
            #expect(edited != Schema.version1)
            for migration in [Migration.sql(edited), .sql(Schema.version2), .sql(Schema.version3), .sql(Schema.version4)] {
                try migration.apply(to: connection)
            }
            try connection.execute("PRAGMA user_version = 4")
            try connection.execute("PRAGMA application_id = \(Schema.applicationID)")
        }
        do {
            let store = try SQLiteStore(path: path)
            store.close()
            Issue.record("a file with an unexpected schema was migrated")
        } catch {
            #expect("\(error)".contains("table events has no `kind IN ('inbound', 'outbound', 'agent', 'note', 'system')`"), "\(error)")
        }
        let connection = try SQLiteConnection(path: path, create: false)
        defer { connection.close() }
        #expect(try connection.first("PRAGMA user_version") { $0.int64(0) } == 4)
        let conversations = try connection.first("SELECT sql FROM sqlite_schema WHERE name = 'conversations'") { $0.text(0) }
        #expect(conversations?.contains("owner_kind IN ('bot', 'queue', 'agent')") == true, "the rewrite before the failing one rolled back")
        #expect(try connection.first("PRAGMA integrity_check") { $0.text(0) } == "ok")
    }
}
