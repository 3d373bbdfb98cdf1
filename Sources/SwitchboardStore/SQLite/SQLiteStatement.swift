internal import CSQLite

/// A prepared statement: parameters are bound by position, never spliced into the SQL.
///
/// Not thread-safe: a statement belongs to its connection's thread.
public final class SQLiteStatement {
    let handle: OpaquePointer
    let sql: String
    unowned let connection: SQLiteConnection

    init(handle: OpaquePointer, sql: String, connection: SQLiteConnection) {
        self.handle = handle
        self.sql = sql
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Resets the statement and binds `values` to its parameters `?1 … ?n`.
    ///
    /// Throws if the number of values differs from the number of parameters in the SQL.
    func bind(_ values: [any SQLiteBindable]) throws(SQLiteError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == values.count else {
            throw SQLiteError(
                code: 25, message: "the statement has \(expected) parameters but \(values.count) values were given",
                sql: sql)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value.sqliteValue {
            case .integer(let number): status = sqlite3_bind_int64(handle, index, number)
            case .real(let number): status = sqlite3_bind_double(handle, index, number)
            case .null: status = sqlite3_bind_null(handle, index)
            case .text(let string):
                var copy = string
                status = copy.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { text in
                        // An empty string still needs a valid pointer, or SQLite stores NULL.
                        guard let base = text.baseAddress else { return csqlite_bind_text_copy(handle, index, "", 0) }
                        return csqlite_bind_text_copy(handle, index, base, Int32(text.count))
                    }
                }
            case .blob(let bytes):
                status = bytes.withUnsafeBytes {
                    // A zero-length blob needs a non-null pointer, or SQLite stores NULL.
                    csqlite_bind_blob_copy(handle, index, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32($0.count))
                }
            }
            guard status == SQLITE_OK else { throw connection.error(status, sql: sql) }
        }
    }

    /// Advances to the next row; returns false when the statement is done.
    func step() throws(SQLiteError) -> Bool {
        let status = sqlite3_step(handle)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = connection.error(status, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Releases the statement's read cursor so that it does not hold a snapshot open.
    func reset() { sqlite3_reset(handle) }
}

/// The current row of a statement, read by column index.
///
/// Valid only inside the closure it is passed to: copy values out, never keep the row.
public struct SQLiteRow {
    let statement: OpaquePointer

    /// Whether the column holds NULL.
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    /// The column as an integer (0 for NULL).
    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    /// The column as an integer, or nil for NULL.
    public func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    /// The column as a double (0 for NULL).
    public func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }

    /// The column as text ("" for NULL).
    public func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// The column as text, or nil for NULL.
    public func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    /// The column as bytes (empty for NULL).
    public func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
