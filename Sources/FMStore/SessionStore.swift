import Foundation
import GRDB

/// One session's view of the store: its datasets, models, training history, evaluations,
/// transcript and settings. Made by `Store.openSession(_:)`.
///
/// Every write method is one transaction. `transaction(_:)` groups several into one: the
/// calls made inside its body join the outer transaction (GRDB's reentrant access finds the
/// writer connection already inside a transaction), and reads inside it see its writes.
///
/// A `SessionStore` may be shared between threads: writes queue on the store's one writer
/// connection (a `transaction` runs whole before another thread's write), reads run on
/// reader connections and see committed data.
public final class SessionStore: @unchecked Sendable {
    public let name: String
    /// The row id of the session, fixed for the session's life.
    let id: Int64
    /// Kept strongly: the session keeps its store (and its connections) open.
    let store: Store

    init(store: Store, name: String, id: Int64) {
        self.store = store
        self.name = name
        self.id = id
    }

    /// Path of the store file.
    public var path: String { store.path }

    // MARK: - Reads

    /// Datasets in the order they were first saved.
    public func datasets() throws -> [DatasetRecord] {
        try read { db in
            try DatasetRow.filter(DatasetRow.Columns.sessionId == id)
                .order(DatasetRow.Columns.id).fetchAll(db).map(\.record)
        }
    }

    /// Models (with weights and optimiser state) in the order they were first saved.
    public func models() throws -> [ModelRecord] {
        try read { db in
            try ModelRow.filter(ModelRow.Columns.sessionId == id)
                .order(ModelRow.Columns.id).fetchAll(db).map(\.record)
        }
    }

    /// Models without their weight and optimiser blobs (which stay nil in each record), in the
    /// order they were first saved, with whether the store holds weights for each. Opening a
    /// session reads only this; `model(named:)` fetches the blobs of the one a statement needs.
    public func modelOutlines() throws -> [(record: ModelRecord, hasWeights: Bool)] {
        try read { db in
            let rows = try ModelRow.filter(ModelRow.Columns.sessionId == id).order(ModelRow.Columns.id)
                .select(Column("id"), Column("sessionId"), Column("name"), Column("architecture"), Column("compileSettings"),
                        Column("epochs"), Column("trainingSeconds"), Column("updatedAt"),
                        (Column("weights") != nil).forKey("hasWeights"))
                .asRequest(of: Row.self).fetchAll(db)
            return try rows.map { row in (try ModelRow(row: row).record, row["hasWeights"] ?? false) }
        }
    }

    /// One model, or nil when the session has none of that name.
    public func model(named model: String) throws -> ModelRecord? {
        try read { db in
            try ModelRow.filter(ModelRow.Columns.sessionId == id && ModelRow.Columns.name == model)
                .fetchOne(db)?.record
        }
    }

    /// One dataset, or nil when the session has none of that name.
    public func dataset(named dataset: String) throws -> DatasetRecord? {
        try read { db in
            try DatasetRow.filter(DatasetRow.Columns.sessionId == id && DatasetRow.Columns.name == dataset)
                .fetchOne(db)?.record
        }
    }

    /// The model's completed epochs, by epoch number. Throws `notFound` for an unknown model.
    public func epochs(model: String) throws -> [EpochRecord] {
        try read { db in
            let modelId = try modelId(db, model)
            return try EpochRow.filter(EpochRow.Columns.modelId == modelId)
                .order(EpochRow.Columns.epoch).fetchAll(db).map { $0.record(model: model) }
        }
    }

    /// Evaluations of one model, or of every model when `model` is nil, oldest first.
    /// Throws `notFound` for an unknown model.
    public func evaluations(model: String?) throws -> [EvaluationRecord] {
        try read { db in
            var sql = """
                SELECT model.name AS modelName, evaluation.* FROM evaluation
                JOIN model ON model.id = evaluation.modelId
                WHERE model.sessionId = ?
                """
            var arguments: StatementArguments = [id]
            if let model {
                _ = try modelId(db, model)
                sql += " AND model.name = ?"
                arguments += [model]
            }
            sql += " ORDER BY evaluation.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                try EvaluationRow(row: row).record(model: row["modelName"])
            }
        }
    }

    /// The statements that succeeded, in order.
    public func transcript() throws -> [String] {
        try read { db in
            try TranscriptRow
                .select(TranscriptRow.Columns.statement, as: String.self)
                .filter(TranscriptRow.Columns.sessionId == id)
                .order(TranscriptRow.Columns.id)
                .fetchAll(db)
        }
    }

    /// A setting of this session (current model, seed, RNG state …), or nil when unset.
    public func value(forKey key: String) throws -> String? {
        try read { db in
            try SettingRow.filter(SettingRow.Columns.sessionId == id && SettingRow.Columns.key == key)
                .fetchOne(db)?.value
        }
    }

    /// Every setting of this session, by key.
    public func values() throws -> [String: String] {
        try read { db in
            let rows = try SettingRow.filter(SettingRow.Columns.sessionId == id).fetchAll(db)
            return Dictionary(rows.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        }
    }

    // MARK: - Access

    /// Runs `body` on a connection that sees this thread's open transaction if there is one
    /// (inside `transaction(_:)`), else in a read transaction of its own.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try store.ensureOpen()
        return try mapErrors(path: path) {
            try store.pool.unsafeReentrantRead { db in
                try db.inTransactionIfNeeded(.deferred) { try body(db) }
            }
        }
    }

    /// Runs `body` in a new IMMEDIATE transaction (which takes the write lock up front, so the
    /// busy timeout applies at BEGIN), or, inside this thread's open `transaction`, in a
    /// savepoint of it: a nested write that throws leaves nothing even if the caller catches
    /// the error and lets the outer transaction commit.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try store.ensureOpen()
        return try mapErrors(path: path) {
            try store.pool.unsafeReentrantWrite { db in
                try db.inTransactionIfNeeded(.immediate) { try body(db) }
            }
        }
    }

    /// The row id of the model `name`, or `notFound`.
    func modelId(_ db: Database, _ name: String) throws -> Int64 {
        let found = try Int64.fetchOne(db, sql: "SELECT id FROM model WHERE sessionId = ? AND name = ?",
                                       arguments: [id, name])
        guard let found else { throw StoreError.notFound(kind: "model", name: name) }
        return found
    }
}

extension Database {
    /// Runs `body` in a new transaction of `kind`, or in a savepoint of the current one; either
    /// commits when `body` returns and rolls back when it throws. (Reads pass `.deferred`:
    /// for them the savepoint only costs two statements.)
    func inTransactionIfNeeded<T>(_ kind: TransactionKind, _ body: () throws -> T) throws -> T {
        var result: T?
        let run: () throws -> TransactionCompletion = {
            result = try body()
            return .commit
        }
        if isInsideTransaction {
            try inSavepoint(run)
        } else {
            try inTransaction(kind, run)
        }
        guard let result else { throw DatabaseError(message: "transaction returned no value") }
        return result
    }
}
