import Foundation
import GRDB

/// The session store: one SQLite file, `fm.sqlite`, in the FM_HOME folder.
///
/// One `Store` owns one `DatabasePool` (WAL mode: readers never block the writer, a crash
/// leaves the last committed transaction intact) and runs one migrator, as GRDB's demo app's
/// `AppDatabase` does. Foreign keys are on; a write that finds the file locked by another
/// process waits up to `busyTimeout` seconds, then fails with `StoreError.busy`.
///
/// Opening never overwrites or resets a file it cannot read: a damaged file, a database of
/// another program or a schema from a newer fm is reported as a `StoreError` and left as it is.
///
/// `@unchecked Sendable`: the pool is thread-safe and the one mutable flag is behind a lock.
public final class Store: @unchecked Sendable {
    /// The store's file name inside the folder.
    public static let fileName = "fm.sqlite"
    /// Seconds a write waits for another process's lock before giving up.
    public static let defaultBusyTimeout: TimeInterval = 5

    /// Absolute path of `fm.sqlite`.
    public let path: String
    let pool: DatabasePool
    private var isClosed = false
    private let closeLock = NSLock()

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// Opens (creating when missing) `directory/fm.sqlite` and migrates it to the current schema.
    ///
    /// - Parameters:
    ///   - busyTimeout: seconds to wait for another process's write lock.
    ///   - onWait: called (on a database thread) when a write starts waiting for another
    ///     process, with the store's path, so the shell can say "waiting for …".
    /// - Throws: `StoreError.cannotOpen`, `.damaged`, `.foreign`, `.newerSchema`, `.busy`.
    public static func open(directory: String, busyTimeout: TimeInterval = defaultBusyTimeout,
                            onWait: (@Sendable (String) -> Void)? = nil) throws -> Store {
        let folder = URL(fileURLWithPath: directory).standardizedFileURL
        let path = folder.appendingPathComponent(fileName).path
        try createFolder(folder.path, storePath: path)

        // Processes that create the same new store at once race for the switch to WAL and the
        // schema; SQLite reports some of those lock upgrades as busy at once, without waiting.
        // The loser tries again until the busy timeout has passed.
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                return try openOnce(path: path, busyTimeout: busyTimeout, onWait: onWait)
            } catch StoreError.busy(_) where Date() < deadline {
                usleep(20_000)
            }
        }
    }

    private static func openOnce(path: String, busyTimeout: TimeInterval,
                                 onWait: (@Sendable (String) -> Void)?) throws -> Store {
        // Look before touching: a read-only look at the file decides whether it is ours.
        // Opening the pool switches the file to WAL, which would modify a foreign database.
        try inspect(path: path)

        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = busyMode(timeout: busyTimeout, path: path, onWait: onWait)
        config.label = "fm.store"
        let pool = try mapErrors(path: path) { try DatabasePool(path: path, configuration: config) }
        try migrate(pool, path: path)
        return Store(path: path, pool: pool)
    }

    /// Folds the write-ahead log into `fm.sqlite` and closes the file, so the file alone holds
    /// everything (a copy of it is a complete store). Later calls on this store or its sessions
    /// throw `StoreError.sqlite`. Called on deinit too; calling it twice does no harm.
    public func close() throws {
        closeLock.lock()
        defer { closeLock.unlock() }
        if isClosed { return }   // a closed GRDB connection must not be used again
        // GRDB closes the writer before the readers, so SQLite's own checkpoint-on-close never
        // runs: checkpoint here. If another process keeps it from finishing, the WAL simply
        // stays (it is part of the database; the next open reads it).
        try? pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        try mapErrors(path: path) { try pool.close() }
        isClosed = true
    }

    deinit {
        try? close()
    }

    /// Throws once `close()` has run: GRDB must not touch a closed connection.
    func ensureOpen() throws {
        closeLock.lock()
        defer { closeLock.unlock() }
        if isClosed { throw StoreError.sqlite(path: path, message: "the store is closed") }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound, otherwise SQLite's findings,
    /// one per line. (On some damage SQLite reports its findings, then fails the statement
    /// with SQLITE_CORRUPT: the findings so far are returned, followed by that error.)
    public func integrityCheck() throws -> String {
        try ensureOpen()
        return try mapErrors(path: path) {
            // Not `read`: GRDB rethrows the pragma's SQLITE_CORRUPT as the read ends, losing the findings.
            try pool.unsafeReentrantRead { db in
                var findings: [String] = []
                do {
                    let cursor = try String.fetchCursor(db, sql: "PRAGMA integrity_check")
                    while let line = try cursor.next() { findings.append(line) }
                } catch let error as DatabaseError
                            where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
                    findings.append(error.message ?? "database disk image is malformed")
                }
                return findings.joined(separator: "\n")
            }
        }
    }

    // MARK: - Opening

    private static func createFolder(_ folder: String, storePath: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            if !isDirectory.boolValue {
                throw StoreError.cannotOpen(path: storePath, reason: "\(folder) is a file, not a folder")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotOpen(path: storePath,
                                        reason: "cannot create the folder \(folder): \(error.localizedDescription)")
        }
    }

    /// Reads the existing file (if any) without changing it and throws unless it is empty
    /// or an fm store whose migrations this code knows.
    private static func inspect(path: String) throws {
        guard let size = fileSize(path) else { return }   // no file yet: the pool creates it
        if size == 0 { return }   // an empty file is an empty database: nothing to lose
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(defaultBusyTimeout)
        do {
            try mapErrors(path: path) {
                let queue = try DatabaseQueue(path: path, configuration: config)
                defer { try? queue.close() }
                try queue.read { db in try check(db, path: path) }
            }
        } catch let StoreError.damaged(path, reason) {
            throw StoreError.damaged(path: path, reason: FileHeader.diagnose(path: path) ?? reason)
        }
    }

    /// The checks of `inspect`, inside one read transaction.
    private static func check(_ db: Database, path: String) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        if tables.isEmpty { return }
        guard tables.contains("grdb_migrations") else { throw StoreError.foreign(path: path) }
        let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        if applied.contains(where: { !Schema.knownMigrations.contains($0) }) {
            throw StoreError.newerSchema(path: path)
        }
    }

    /// Runs the migrator. Two processes creating the same new store may race: the loser's
    /// migration fails ("table already exists") after the winner committed; it then finds
    /// every migration applied and goes on.
    private static func migrate(_ pool: DatabasePool, path: String) throws {
        // Processes creating one store at the same moment race: one's migration can find the
        // tables another has just made (its check of what was applied came first). Such a
        // loser looks again; the migrations another process finished are then skipped.
        for attempt in 0... {
            do {
                try Schema.migrator.migrate(pool)
                break
            } catch {
                let complete = (try? pool.read { try Schema.migrator.hasCompletedMigrations($0) }) ?? false
                if complete { break }
                if attempt >= 20 { throw StoreError.wrap(error, path: path) }
                usleep(20_000)
            }
        }
        let superseded = try mapErrors(path: path) {
            try pool.read { try Schema.migrator.hasBeenSuperseded($0) }
        }
        if superseded { throw StoreError.newerSchema(path: path) }
    }

    /// A busy handler that tells `onWait` once per wait, then polls every 10 ms until
    /// `timeout` seconds have passed (SQLite then returns SQLITE_BUSY → `StoreError.busy`).
    private static func busyMode(timeout: TimeInterval, path: String,
                                 onWait: (@Sendable (String) -> Void)?) -> Database.BusyMode {
        guard let onWait else { return .timeout(timeout) }
        let interval: TimeInterval = 0.01
        let maxTries = Int((timeout / interval).rounded(.up))
        return .callback { tries in
            if tries == 0 { onWait(path) }
            if tries >= maxTries { return false }
            usleep(UInt32(interval * 1_000_000))
            return true
        }
    }
}

/// The size of the file at `path` in bytes, or nil when there is none.
func fileSize(_ path: String) -> Int? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
    return (attributes[.size] as? NSNumber)?.intValue
}
