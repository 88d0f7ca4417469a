import Foundation
import GRDB

/// Everything that can go wrong in the session store, each case naming the file and, where the
/// user can act, what to do. The store never overwrites or resets a file it cannot read.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    /// The file exists but SQLite cannot read it: truncated, overwritten, not a database.
    case damaged(path: String, reason: String)
    /// The file was migrated by a newer fm: its `grdb_migrations` table names migrations this
    /// code does not know.
    case newerSchema(path: String)
    /// The file is a SQLite database, but not an fm store (tables of its own, no migrations).
    case foreign(path: String)
    /// Another process kept the database locked for longer than the busy timeout.
    case busy(path: String)
    /// A model, dataset or session that the session does not hold.
    case notFound(kind: String, name: String)
    /// The folder or file cannot be created or opened (permissions, a file in the folder's place).
    case cannotOpen(path: String, reason: String)
    /// Any other SQLite failure (disk full, I/O error), with SQLite's own message.
    case sqlite(path: String, message: String)

    public var description: String {
        switch self {
        case let .damaged(path, reason):
            return "the session store \(path) is damaged (\(reason)). fm has not changed it. "
                + "Move it aside (mv \(path) \(path).damaged) to start a new store there, "
                + "or set FM_HOME to another folder."
        case let .newerSchema(path):
            return "the session store \(path) was written by a newer version of fm. "
                + "This fm leaves it untouched: use the newer fm, or set FM_HOME to another folder."
        case let .foreign(path):
            return "\(path) is a SQLite database of another program, not an fm session store. "
                + "fm has not changed it: move it away, or set FM_HOME to another folder."
        case let .busy(path):
            return "the session store \(path) is busy: another fm process kept it locked longer "
                + "than the busy timeout. Nothing was written; try again when it has finished."
        case let .notFound(kind, name):
            return "no \(kind) named '\(name)' in this session"
        case let .cannotOpen(path, reason):
            return "cannot open the session store \(path): \(reason)"
        case let .sqlite(path, message):
            return "the session store \(path) failed: \(message)"
        }
    }

    /// Turns any error thrown inside a database access into a `StoreError` about `path`.
    /// SQLite's result codes decide the case: BUSY/LOCKED → busy, CORRUPT/NOTADB → damaged,
    /// CANTOPEN/PERM/READONLY → cannotOpen; StoreErrors pass through unchanged.
    static func wrap(_ error: Error, path: String) -> StoreError {
        if let storeError = error as? StoreError { return storeError }
        guard let dbError = error as? DatabaseError else {
            // Row decoding errors and the like: a value in the file is not what v1 writes.
            return .damaged(path: path, reason: String(describing: error))
        }
        let message = dbError.message ?? "\(dbError.resultCode)"
        switch dbError.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .damaged(path: path, reason: message)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            return .cannotOpen(path: path, reason: message)
        default:
            return .sqlite(path: path, message: message)
        }
    }
}

/// Runs `body`, turning whatever it throws into a `StoreError` about `path`.
@inline(__always)
func mapErrors<T>(path: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw StoreError.wrap(error, path: path)
    }
}
