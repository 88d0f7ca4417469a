import Foundation
import GRDB

extension Store {
    /// Every stored session, most recently used first.
    public func sessions() throws -> [SessionSummary] {
        try ensureOpen()
        return try mapErrors(path: path) {
            try pool.read { db in
                let rows = try SessionRow
                    .order(SessionRow.Columns.lastUsed.desc, SessionRow.Columns.id.desc)
                    .fetchAll(db)
                return try rows.map { row in
                    let id = row.id ?? 0
                    return SessionSummary(
                        name: row.name,
                        models: try String.fetchAll(db, sql: "SELECT name FROM model WHERE sessionId = ? ORDER BY id", arguments: [id]),
                        datasets: try String.fetchAll(db, sql: "SELECT name FROM dataset WHERE sessionId = ? ORDER BY id", arguments: [id]),
                        bytes: try Self.payloadBytes(db, sessionId: id),
                        lastUsed: row.lastUsed)
                }
            }
        }
    }

    /// Opens the session `name`, creating it when absent, and marks it as used now.
    public func openSession(_ name: String) throws -> SessionStore {
        try ensureOpen()
        let now = Date()
        let id: Int64 = try mapErrors(path: path) {
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO session (name, createdAt, lastUsed) VALUES (?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET lastUsed = excluded.lastUsed
                    """, arguments: [name, now.timeIntervalSinceReferenceDate, now.timeIntervalSinceReferenceDate])
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM session WHERE name = ?", arguments: [name]) else {
                    throw StoreError.notFound(kind: "session", name: name)
                }
                return id
            }
        }
        return SessionStore(store: self, name: name, id: id)
    }

    /// Removes the session `name` with everything it holds (foreign keys cascade).
    public func deleteSession(_ name: String) throws {
        try ensureOpen()
        try mapErrors(path: path) {
            try pool.write { db in
                try db.execute(sql: "DELETE FROM session WHERE name = ?", arguments: [name])
                if db.changesCount == 0 { throw StoreError.notFound(kind: "session", name: name) }
            }
        }
    }

    /// The session's payload in bytes: the UTF-8 length of every text, the length of every
    /// blob, and 8 bytes for every number, over all its rows.
    static func payloadBytes(_ db: Database, sessionId: Int64) throws -> Int {
        func bytes(_ column: String) -> String { "IFNULL(length(CAST(\(column) AS BLOB)), 0)" }
        let sql = """
            SELECT
              (SELECT IFNULL(SUM(\(bytes("name")) + \(bytes("recipe")) + \(bytes("source"))
                                 + \(bytes("shape")) + 16), 0)
                 FROM dataset WHERE sessionId = :id)
            + (SELECT IFNULL(SUM(\(bytes("name")) + \(bytes("architecture")) + \(bytes("compileSettings"))
                                 + \(bytes("weights")) + \(bytes("optimizerState")) + 24), 0)
                 FROM model WHERE sessionId = :id)
            + (SELECT COUNT(*) * 48 FROM epoch JOIN model ON model.id = epoch.modelId
                 WHERE model.sessionId = :id)
            + (SELECT IFNULL(SUM(\(bytes("evaluation.dataset")) + 32), 0)
                 FROM evaluation JOIN model ON model.id = evaluation.modelId
                 WHERE model.sessionId = :id)
            + (SELECT IFNULL(SUM(\(bytes("statement")) + 8), 0)
                 FROM transcriptEntry WHERE sessionId = :id)
            + (SELECT IFNULL(SUM(\(bytes("key")) + \(bytes("value"))), 0)
                 FROM setting WHERE sessionId = :id)
            + (SELECT IFNULL(SUM(\(bytes("kind")) + \(bytes("statement")) + \(bytes("payload")) + 16), 0)
                 FROM result WHERE sessionId = :id)
            """
        return try Int.fetchOne(db, sql: sql, arguments: ["id": sessionId]) ?? 0
    }
}
