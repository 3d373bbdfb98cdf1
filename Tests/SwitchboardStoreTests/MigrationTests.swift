import Foundation
import SwitchboardCore
import Testing
@testable import SwitchboardStore

/// Files written by earlier versions open with their data intact under the newest schema.
@Suite struct MigrationTests {
    /// A version-2 file as Switchboard wrote it: contacts and tones keyed by (account, customer).
    func versionTwoFile(at path: String) throws {
        let connection = try SQLiteConnection(path: path, create: true)
        defer { connection.close() }
        try connection.execute("PRAGMA journal_mode = WAL")
        for migration in Schema.migrations.prefix(2) { try migration.apply(to: connection) }
        try connection.execute("PRAGMA user_version = 2")
        try connection.execute("PRAGMA application_id = \(Schema.applicationID)")
        for (id, customer) in [(1, "c1"), (2, "c2")] {
            _ = try connection.run(
                """
                INSERT INTO conversations (id, account, customer, state, owner_kind, created_at, updated_at)
                VALUES (?1, 'brand', ?2, x'7B7D', 'bot', ?3, ?3)
                """, [Int64(id), customer, at(minutes: 0).milliseconds])
            _ = try connection.run(
                "INSERT INTO customers (account, customer, name, followers, first_seen_at, last_seen_at) VALUES ('brand', ?1, ?2, 5, ?3, ?3)",
                [customer, "Customer \(customer)", at(minutes: 0).milliseconds])
        }
        // c1: three contacts, tone getting worse; c2: one contact, one happy message.
        for (customer, minute, score, label) in [
            ("c1", Int64(0), 0.6, "positive"), ("c2", 0, 0.8, "positive"), ("c1", 60 * 24, -0.3, "negative"),
            ("c1", 60 * 48, -0.9, "very_negative"),
        ] {
            _ = try connection.run(
                "INSERT INTO contacts (account, customer, at) VALUES ('brand', ?1, ?2)",
                [customer, at(minutes: minute).milliseconds])
            _ = try connection.run(
                "INSERT INTO tones (account, customer, at, score, label) VALUES ('brand', ?1, ?2, ?3, ?4)",
                [customer, at(minutes: minute).milliseconds, score, label])
        }
    }

    @Test func versionTwoCustomersContactsAndTonesMoveUnderTheirConversation() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("v2.sqlite")
        try versionTwoFile(at: path)
        let store = try SQLiteStore(path: path)
        defer { store.close() }
        #expect(try await store.integrityCheck() == ["ok"])
        let version = try await store.read { db in try db.first("PRAGMA user_version") { $0.int64(0) } }
        #expect(version == Int64(Schema.latestVersion))

        let first = try await store.customerHistory(key("c1"), now: at(minutes: 60 * 48))
        #expect(first.name == "Customer c1")
        #expect(first.followers == 5)
        #expect(first.contacts == 3)
        #expect(first.tones.map(\.label) == [.positive, .negative, .veryNegative])
        #expect(first.toneTrend == .worsening)
        let second = try await store.customerHistory(key("c2"), now: at(minutes: 60 * 48))
        #expect(second.name == "Customer c2")
        #expect(second.contacts == 1)
        #expect(second.tones.map(\.label) == [.positive])

        // New messages add to the migrated history, and an escalation's priority reads it.
        let outcome = try await store.process(
            inbound("e1", from: "c1", text: "where is my order", minute: 60 * 24 * 10),
            step: replying(escalate: EscalationRequest(queue: "general", reason: .customerAsked)))
        guard case .processed(let processed) = outcome, let escalation = processed.escalation else {
            Issue.record("expected an escalation, got \(outcome)")
            return
        }
        let after = try await store.customerHistory(key("c1"), now: at(minutes: 60 * 24 * 10))
        #expect(after.contacts == 4)
        #expect(after.tones.count == 4)
        let detail = try await store.escalation(escalation, now: at(minutes: 60 * 24 * 10))
        // The tone that ranks it is the migrated "very negative", not this message's own.
        #expect(detail.summary.priority.contributions.map(\.reason).contains("very negative tone"))
        #expect(detail.summary.customerName == "Customer c1")
    }
}
