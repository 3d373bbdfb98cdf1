import SwitchboardCore
internal import CSQLite

/// One SQLite connection with a cache of prepared statements.
///
/// Not thread-safe: a connection is used by one thread at a time (the store gives each connection a
/// thread of its own). Every value reaches SQL through a bound parameter.
public final class SQLiteConnection {
    let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]
    /// The same statements by the address of their SQL text's bytes (see `prepared(_:)`).
    private var statementsByAddress: [UInt: SQLiteStatement] = [:]
    private var savepointDepth = 0

    /// Distinct SQL texts kept prepared; our SQL is static, so this bound is never reached in practice.
    static let statementCacheLimit = 256

    /// Opens (and, with `create`, creates) the database file at `path`.
    ///
    /// - Parameter busyTimeout: how long a statement waits for another process's lock before failing.
    public init(path: String, create: Bool, busyTimeout: Duration = .seconds(5)) throws(SQLiteError) {
        _ = Self.processSettings
        var pointer: OpaquePointer?
        var flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        if create { flags |= SQLITE_OPEN_CREATE }
        let status = sqlite3_open_v2(path, &pointer, flags, nil)
        guard let pointer else {
            throw SQLiteError(code: status, message: String(cString: sqlite3_errstr(status)))
        }
        guard status == SQLITE_OK else {
            let error = SQLiteError(code: status, message: String(cString: sqlite3_errmsg(pointer)))
            sqlite3_close_v2(pointer)
            throw error
        }
        handle = pointer
        sqlite3_extended_result_codes(handle, 1)
        let milliseconds = busyTimeout.wholeMilliseconds
        sqlite3_busy_timeout(handle, Int32(clamping: milliseconds))
    }

    /// SQLite's process-wide settings, made once before the first connection opens (SQLite
    /// accepts them only then; `SQLITE_MISUSE` if another library in the process opened one first,
    /// which changes speed, not behaviour). Memory statistics are off: with them on, every one of
    /// SQLite's allocations takes a global mutex, a few percent of the store writer's time.
    static let processSettings: Int32 = csqlite_config_memstatus(0)

    private var isClosed = false

    deinit { close() }

    /// Finalizes the statements and closes the file (checkpointing the WAL if this is the last
    /// connection). Further use of the connection is a programming error.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        statements.removeAll()
        statementsByAddress.removeAll()
        sqlite3_close_v2(handle)
    }

    /// The SQLite library's version number, such as 3040001 for 3.40.1.
    public static var libraryVersion: Int32 { sqlite3_libversion_number() }

    func error(_ status: Int32, sql: String?) -> SQLiteError {
        let extended = sqlite3_extended_errcode(handle)
        let code = (extended & 0xFF) == (status & 0xFF) ? extended : status
        return SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs SQL text that takes no parameters (schema, pragmas), possibly several statements.
    public func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        guard status == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_free(message)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    func prepared(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        // Our SQL is mostly string literals, whose bytes never move: found by their address first,
        // then confirmed equal (O(1) for the same literal). Hashing a few hundred bytes of SQL for
        // each of the ~20 statements a DM runs was a visible share of the writer's time.
        let address = Self.address(of: sql)
        if let statement = statementsByAddress[address], statement.sql == sql { return statement }
        let statement: SQLiteStatement
        if let cached = statements[sql] {
            statement = cached
        } else {
            var pointer: OpaquePointer?
            let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
            guard status == SQLITE_OK, let pointer else { throw error(status, sql: sql) }
            statement = SQLiteStatement(handle: pointer, sql: sql, connection: self)
            if statements.count >= Self.statementCacheLimit { statements.removeAll() }
            statements[sql] = statement
        }
        // A built string's address may later hold other text: the equality check above tells.
        if statementsByAddress.count >= Self.statementCacheLimit { statementsByAddress.removeAll() }
        statementsByAddress[address] = statement
        return statement
    }

    /// Where the string's UTF-8 bytes are (0 when it has no contiguous storage of its own).
    private static func address(of text: String) -> UInt {
        text.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) } ?? 0
    }

    /// Runs one statement with bound values and returns the number of rows it changed.
    @discardableResult
    public func run(_ sql: String, _ values: [any SQLiteBindable] = []) throws(SQLiteError) -> Int {
        let statement = try prepared(sql)
        try statement.bind(values)
        defer { statement.reset() }
        while try statement.step() {}
        return Int(sqlite3_changes(handle))
    }

    /// Runs a query with bound values and maps each row.
    public func query<T>(
        _ sql: String, _ values: [any SQLiteBindable] = [], _ map: (SQLiteRow) throws -> T
    ) throws -> [T] {
        let statement = try prepared(sql)
        try statement.bind(values)
        defer { statement.reset() }
        var rows: [T] = []
        while try statement.step() { rows.append(try map(SQLiteRow(statement: statement.handle))) }
        return rows
    }

    /// Runs a query with bound values and maps its first row, if any.
    public func first<T>(
        _ sql: String, _ values: [any SQLiteBindable] = [], _ map: (SQLiteRow) throws -> T
    ) throws -> T? {
        let statement = try prepared(sql)
        try statement.bind(values)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return try map(SQLiteRow(statement: statement.handle))
    }

    /// Runs `body` with `sqlite_schema` writable (`PRAGMA writable_schema`, and SQLite's defensive
    /// mode off if this build of SQLite turned it on), then puts both back as they were.
    func withWritableSchema<T>(_ body: () throws -> T) throws -> T {
        let defensive = try isDefensive()
        if defensive { try setDefensive(false) }
        defer { if defensive { try? setDefensive(true) } }
        try execute("PRAGMA writable_schema = ON")
        defer { try? execute("PRAGMA writable_schema = OFF") }
        return try body()
    }

    /// Whether SQLite's defensive mode is on (https://sqlite.org/c3ref/c_dbconfig_defensive.html).
    func isDefensive() throws(SQLiteError) -> Bool {
        var current: Int32 = 0
        let status = csqlite_db_config_defensive(handle, -1, &current)
        guard status == SQLITE_OK else { throw error(status, sql: nil) }
        return current != 0
    }

    func setDefensive(_ on: Bool) throws(SQLiteError) {
        let status = csqlite_db_config_defensive(handle, on ? 1 : 0, nil)
        guard status == SQLITE_OK else { throw error(status, sql: nil) }
    }

    /// The rowid of the last row inserted on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Whether no transaction is open.
    public var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction (takes the write lock at once, so it never
    /// fails half-way on a lock upgrade); commits if it returns, rolls back if it throws.
    public func immediateTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if !isAutocommit { try? execute("ROLLBACK") }  // the original error is the one to report
            throw error
        }
    }

    /// Runs `body` inside a savepoint: its changes are undone if it throws, and the
    /// surrounding transaction goes on.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "sp\(savepointDepth)"
        try execute("SAVEPOINT \(name)")
        do {
            let result = try body()
            try execute("RELEASE \(name)")
            return result
        } catch {
            try execute("ROLLBACK TO \(name)")
            try execute("RELEASE \(name)")
            throw error
        }
    }
}
