/// One step of the schema: SQL to run, or CHECK constraints to rewrite in place.
enum Migration: Sendable {
    /// Statements run as they are (`CREATE`, `ALTER`, data moves).
    case sql(String)
    /// Replaces text inside tables' `CREATE TABLE` statements, for edits that change no stored row
    /// and that every stored row already satisfies (an equivalent CHECK expression). This is SQLite's
    /// documented procedure for such changes (https://sqlite.org/lang_altertable.html#otheralter):
    /// edit the table's text in `sqlite_schema` under `writable_schema`, then bump `schema_version`
    /// so that every connection parses the schema again. It runs inside the migration's transaction.
    case rewrite([SchemaTextRewrite])

    func apply(to connection: SQLiteConnection) throws {
        switch self {
        case .sql(let statements):
            try connection.execute(statements)
        case .rewrite(let rewrites):
            let version = try connection.first("PRAGMA schema_version") { $0.int64(0) } ?? 0
            try connection.withWritableSchema {
                for rewrite in rewrites {
                    let changed = try connection.run(
                        "UPDATE sqlite_schema SET sql = replace(sql, ?2, ?3) WHERE type = 'table' AND name = ?1 AND instr(sql, ?2) > 0",
                        [rewrite.table, rewrite.old, rewrite.new])
                    guard changed == 1 else { throw rewrite.notFound }
                }
                // PRAGMA takes no parameters; the value is SQLite's own integer plus one.
                try connection.execute("PRAGMA schema_version = \(version + 1)")
            }
        }
    }
}

/// `old` becomes `new` in the `CREATE TABLE` text of `table`.
struct SchemaTextRewrite: Sendable {
    let table: String
    let old: String
    let new: String

    /// A CHECK of `column IN ('a', 'b', …)` written as `column = 'a' OR column = 'b' OR …`.
    static func inList(table: String, column: String, values: [String]) -> SchemaTextRewrite {
        let quoted = values.map { "'\($0)'" }
        return SchemaTextRewrite(
            table: table, old: "\(column) IN (\(quoted.joined(separator: ", ")))",
            new: quoted.map { "\(column) = \($0)" }.joined(separator: " OR "))
    }

    /// The file's table does not hold the text this build's migrations wrote: it was not made by
    /// Switchboard, or was edited by hand. The transaction rolls back, so the file is unchanged.
    var notFound: SQLiteError {
        SQLiteError(
            code: 1,
            message: "table \(table) has no `\(old)` to rewrite: this file's schema was not written by Switchboard's "
                + "migrations (edited by hand?). It was left unchanged; restore a backup or open it with the build that made it.")
    }
}
