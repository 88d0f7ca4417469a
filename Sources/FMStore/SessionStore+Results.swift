import Foundation
import GRDB

/// One kept result: what a statement showed (a summary, an evaluation, a picture's data, a
/// note …), as bytes the interpreter made. The store never looks inside `payload`.
public struct ResultRecord: Sendable, Equatable {
    /// 1, 2, 3 … in the order the session kept its results; given by `appendResult`.
    public var sequence: Int
    /// What the payload holds, e.g. "evaluation" or "note": the interpreter's word.
    public var kind: String
    /// The statement that made the result, as typed.
    public var statement: String
    /// The result's data (JSON from the interpreter).
    public var payload: Data
    public var createdAt: Date

    public init(sequence: Int, kind: String, statement: String, payload: Data, createdAt: Date) {
        self.sequence = sequence
        self.kind = kind
        self.statement = statement
        self.payload = payload
        self.createdAt = createdAt
    }
}

/// Table `result` (migration v2), keyed by (sessionId, sequence).
struct ResultRow: StoredRecord {
    static let databaseTableName = "result"
    var id: Int64?
    var sessionId: Int64
    var sequence: Int
    var kind: String
    var statement: String
    var payload: Data
    var createdAt: Date

    enum Columns {
        static let sessionId = Column(CodingKeys.sessionId)
        static let sequence = Column(CodingKeys.sequence)
        static let kind = Column(CodingKeys.kind)
    }

    var record: ResultRecord {
        ResultRecord(sequence: sequence, kind: kind, statement: statement, payload: payload, createdAt: createdAt)
    }
}

extension SessionStore {
    /// Keeps a result after the session's others and returns its sequence number (one more
    /// than the last kept, 1 for the first). Inside a `transaction`, it is kept only if the
    /// transaction commits.
    @discardableResult
    public func appendResult(kind: String, statement: String, payload: Data,
                             createdAt: Date = Date()) throws -> Int {
        try write { db in
            let last = try Int.fetchOne(db, sql: "SELECT MAX(sequence) FROM result WHERE sessionId = ?",
                                        arguments: [id]) ?? 0
            let row = ResultRow(id: nil, sessionId: id, sequence: last + 1, kind: kind,
                                statement: statement, payload: payload, createdAt: createdAt)
            try row.insert(db)
            return last + 1
        }
    }

    /// The kept results in the order they were kept; only those of `kind` when it is given.
    public func results(kind: String? = nil) throws -> [ResultRecord] {
        try read { db in
            var request = ResultRow.filter(ResultRow.Columns.sessionId == id)
            if let kind { request = request.filter(ResultRow.Columns.kind == kind) }
            return try request.order(ResultRow.Columns.sequence).fetchAll(db).map(\.record)
        }
    }

    /// Forgets every kept result of this session (its models, datasets and transcript stay).
    /// Numbering starts again at 1.
    public func clearResults() throws {
        try write { db in
            _ = try ResultRow.filter(ResultRow.Columns.sessionId == id).deleteAll(db)
        }
    }
}
