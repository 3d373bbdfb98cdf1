/// Why a database file could not be opened. The user's file is never changed when this is thrown.
public enum StoreOpenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path names a directory or a device, not a file.
    case notAFile(path: String)
    /// The file exists but this user may not read or write it.
    case permissionDenied(path: String, access: String)
    /// The folder does not let us create the database or its journal (`-wal`, `-shm`) files.
    case directoryNotWritable(directory: String)
    /// The folder does not exist.
    case directoryMissing(directory: String)
    /// The file is not an SQLite database at all.
    case notADatabase(path: String)
    /// The file is an SQLite database that fails SQLite's consistency check.
    case corrupt(path: String, detail: String)
    /// An SQLite database of another application.
    case foreignDatabase(path: String, applicationID: Int64)
    /// The file was written by a newer Switchboard.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The system's SQLite library is older than the features we use.
    case sqliteTooOld(found: String, required: String)
    /// SQLite refused to open or set up the file.
    case sqlite(path: String, error: SQLiteError)

    public var description: String {
        switch self {
        case .notAFile(let path):
            return "\(path) is not a regular file: give the path of a database file (it is created if missing)."
        case .permissionDenied(let path, let access):
            return "cannot \(access) \(path): permission denied. Give this user read and write access "
                + "(e.g. chmod u+rw), or run as the file's owner."
        case .directoryNotWritable(let directory):
            return "the folder \(directory) is not writable: the database needs to create its journal files "
                + "(-wal, -shm) beside it. Make the folder writable or put the database in another folder."
        case .directoryMissing(let directory):
            return "the folder \(directory) does not exist: create it first, or choose another path."
        case .notADatabase(let path):
            return "\(path) is not an SQLite database (its first bytes are not the SQLite header). "
                + "It was left untouched: check the path, or move the file away to start a new database."
        case .corrupt(let path, let detail):
            return "\(path) is damaged (\(detail)). It was left untouched: restore it from a backup, "
                + "or try `sqlite3 \(path) .recover` on a copy."
        case .foreignDatabase(let path, let applicationID):
            return "\(path) is an SQLite database of another application (application_id \(applicationID)), "
                + "not a Switchboard store. It was left untouched: choose another path."
        case .newerSchema(let path, let found, let supported):
            return "\(path) has schema version \(found), but this build of Switchboard understands up to "
                + "version \(supported). Upgrade Switchboard; the file was left untouched."
        case .sqliteTooOld(let found, let required):
            return "the system's SQLite library is \(found), but Switchboard needs \(required) or newer. "
                + "Upgrade the libsqlite3 package."
        case .sqlite(let path, let error):
            return "cannot open \(path): \(error)"
        }
    }
}
