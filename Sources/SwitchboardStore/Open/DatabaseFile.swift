internal import Foundation

/// Checks a database path before SQLite touches it, then opens, verifies and migrates it.
///
/// Order matters: every check that can refuse the file runs before the first write (journal mode,
/// migrations), so a refused file keeps its bytes.
enum DatabaseFile {
    /// SQLite 3.35 brought RETURNING and the DROP COLUMN we may need in migrations.
    static let minimumSQLiteVersion: Int32 = 3_035_000
    static let sqliteHeader = Array("SQLite format 3\0".utf8)

    /// Opens a connection that is ready for use: WAL, synchronous level, foreign keys, latest schema.
    static func open(path: String, options: StoreOptions, migrate: Bool) throws(StoreOpenError) -> SQLiteConnection {
        guard SQLiteConnection.libraryVersion >= minimumSQLiteVersion else {
            throw .sqliteTooOld(found: versionText(SQLiteConnection.libraryVersion), required: versionText(minimumSQLiteVersion))
        }
        let exists = try preflight(path: path)
        let connection: SQLiteConnection
        do {
            connection = try SQLiteConnection(path: path, create: !exists, busyTimeout: options.busyTimeout)
        } catch {
            throw .sqlite(path: path, error: error)
        }
        try verify(connection, path: path, deep: options.verifyOnOpen && exists)
        do {
            try connection.execute("PRAGMA journal_mode = WAL")
            try connection.execute("PRAGMA synchronous = \(options.durability.pragmaValue)")
            try connection.execute("PRAGMA foreign_keys = ON")
            try connection.execute("PRAGMA temp_store = MEMORY")
            if migrate { try migrateToLatest(connection) }
        } catch let error as SQLiteError {
            throw .sqlite(path: path, error: error)
        } catch {
            throw .sqlite(path: path, error: SQLiteError(code: 1, message: "\(error)"))
        }
        return connection
    }

    /// Returns whether the file exists; throws if it or its folder cannot be used.
    static func preflight(path: String) throws(StoreOpenError) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        let folder = directory.isEmpty ? "." : directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .directoryMissing(directory: folder)
        }
        guard access(folder, W_OK | X_OK) == 0 else { throw .directoryNotWritable(directory: folder) }
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        guard !isDirectory.boolValue else { throw .notAFile(path: path) }
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { throw .notAFile(path: path) }
        guard access(path, R_OK) == 0 else { throw .permissionDenied(path: path, access: "read") }
        guard access(path, W_OK) == 0 else { throw .permissionDenied(path: path, access: "write") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .permissionDenied(path: path, access: "read") }
        defer { try? handle.close() }  // read-only handle: closing cannot lose data
        let header: Data
        do {
            header = try handle.read(upToCount: sqliteHeader.count) ?? Data()
        } catch {
            throw .permissionDenied(path: path, access: "read")
        }
        // An empty file is a new database to SQLite; anything else must start with the header.
        guard header.isEmpty || Array(header) == sqliteHeader else { throw .notADatabase(path: path) }
        return true
    }

    /// Reads without writing: SQLite's header and schema, the application id, the schema version.
    static func verify(_ connection: SQLiteConnection, path: String, deep: Bool) throws(StoreOpenError) {
        do {
            let tables = try connection.first("SELECT count(*) FROM sqlite_schema") { $0.int64(0) } ?? 0
            if deep {
                let result = try connection.first("PRAGMA quick_check(1)") { $0.text(0) } ?? "no result"
                guard result == "ok" else { throw StoreOpenError.corrupt(path: path, detail: result) }
            }
            let applicationID = try connection.first("PRAGMA application_id") { $0.int64(0) } ?? 0
            if applicationID != Schema.applicationID, tables > 0 {
                throw StoreOpenError.foreignDatabase(path: path, applicationID: applicationID)
            }
            let version = Int(try connection.first("PRAGMA user_version") { $0.int64(0) } ?? 0)
            guard version <= Schema.latestVersion else {
                throw StoreOpenError.newerSchema(path: path, found: version, supported: Schema.latestVersion)
            }
        } catch let error as StoreOpenError {
            throw error
        } catch let error as SQLiteError {
            switch error.primaryCode {
            case 26: throw .notADatabase(path: path)
            case 11: throw .corrupt(path: path, detail: error.message)
            default: throw .sqlite(path: path, error: error)
            }
        } catch {
            throw .sqlite(path: path, error: SQLiteError(code: 1, message: "\(error)"))
        }
    }

    /// Runs the migrations this file has not seen, all in one transaction (a failure leaves the file as it was).
    static func migrateToLatest(_ connection: SQLiteConnection) throws {
        try connection.immediateTransaction {
            var version = Int(try connection.first("PRAGMA user_version") { $0.int64(0) } ?? 0)
            while version < Schema.latestVersion {
                try Schema.migrations[version].apply(to: connection)
                version += 1
                // PRAGMA takes no parameters; the value is our own integer, not outside input.
                try connection.execute("PRAGMA user_version = \(version)")
            }
            try connection.execute("PRAGMA application_id = \(Schema.applicationID)")
        }
    }

    static func versionText(_ number: Int32) -> String {
        "\(number / 1_000_000).\(number / 1000 % 1000).\(number % 1000)"
    }
}
