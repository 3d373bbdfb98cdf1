/// An error reported by SQLite, with its own message and the statement that failed.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SQLite's extended result code (https://sqlite.org/rescode.html).
    public var code: Int32
    /// SQLite's message for the failure (`sqlite3_errmsg`).
    public var message: String
    /// The SQL text that failed, if any (values are never part of it: they are bound).
    public var sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (the low byte of the extended code).
    public var primaryCode: Int32 { code & 0xFF }

    /// True when a UNIQUE, PRIMARY KEY, CHECK or FOREIGN KEY constraint refused the change.
    public var isConstraintViolation: Bool { primaryCode == 19 }

    /// True when another connection held the lock for longer than the busy timeout.
    public var isBusy: Bool { primaryCode == 5 || primaryCode == 6 }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " (in: \(sql.prefix(Self.sqlShownInErrors)))" }
        switch primaryCode {
        case 5, 6: text += ". Another process holds the database: stop it, or raise the busy timeout."
        case 13: text += ". The disk is full: free space, then retry."
        case 10: text += ". The disk reported an I/O error: check the disk and the file system."
        case 11, 26: text += ". The database file is damaged: restore it from a backup."
        default: break
        }
        return text
    }

    /// Long SQL is cut in messages: the start names the statement well enough.
    static let sqlShownInErrors = 200
}
