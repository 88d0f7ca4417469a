import Foundation
import GRDB

// The writes of a session, each one transaction (or part of the caller's `transaction`).
extension SessionStore {
    /// Runs `body` as one transaction: everything it writes through this session commits
    /// together when it returns, or not at all when it throws (its error is rethrown as is).
    public func transaction(_ body: (SessionStore) throws -> Void) throws {
        var bodyError: Error?
        do {
            try write { _ in
                do { try body(self) } catch { bodyError = error; throw error }
            }
        } catch {
            throw bodyError ?? error
        }
    }

    /// Inserts the dataset, or replaces the one of the same name (keeping its place in order).
    public func saveDataset(_ d: DatasetRecord) throws {
        try write { db in try DatasetRow(d, sessionId: id).upsert(db) }
    }

    /// Inserts the model, or replaces the one of the same name; its epochs and evaluations stay.
    /// (To start a model afresh under an old name, `deleteModel` then `saveModel` in one
    /// `transaction`.)
    public func saveModel(_ m: ModelRecord) throws {
        try write { db in try ModelRow(m, sessionId: id).upsert(db) }
    }

    /// Removes the model with its epochs and evaluations. Throws `notFound` when absent.
    public func deleteModel(named model: String) throws {
        try write { db in
            let modelId = try modelId(db, model)
            _ = try ModelRow.deleteOne(db, key: modelId)   // epochs, evaluations: ON DELETE CASCADE
        }
    }

    /// Removes the dataset (evaluations made on it keep its name). Throws `notFound` when absent.
    public func deleteDataset(named dataset: String) throws {
        try write { db in
            let deleted = try DatasetRow
                .filter(DatasetRow.Columns.sessionId == id && DatasetRow.Columns.name == dataset)
                .deleteAll(db)
            if deleted == 0 { throw StoreError.notFound(kind: "dataset", name: dataset) }
        }
    }

    /// The checkpoint after one completed epoch, in one transaction: the epoch row (replacing
    /// a row of the same number), the model's weights and optimiser state, its epoch count
    /// (= `e.epoch`) and its total training time (= `trainingSeconds`).
    public func recordEpoch(_ e: EpochRecord, weights: Data, optimizerState: Data,
                            trainingSeconds: Double) throws {
        try write { db in
            let modelId = try modelId(db, e.model)
            try EpochRow(e, modelId: modelId).upsert(db)
            try db.execute(sql: """
                UPDATE model SET weights = ?, optimizerState = ?, epochs = ?, trainingSeconds = ?,
                                 updatedAt = ?
                WHERE id = ?
                """, arguments: [weights, optimizerState, e.epoch, trainingSeconds,
                                 Date().timeIntervalSinceReferenceDate, modelId])
        }
    }

    /// Adds an evaluation of a model of this session. Throws `notFound` for an unknown model.
    public func recordEvaluation(_ e: EvaluationRecord) throws {
        try write { db in
            let modelId = try modelId(db, e.model)
            try EvaluationRow(e, modelId: modelId).insert(db)
        }
    }

    /// Appends a statement that succeeded to the transcript and marks the session as used now.
    public func appendTranscript(_ statement: String) throws {
        try write { db in
            let now = Date()
            try TranscriptRow(id: nil, sessionId: id, statement: statement, createdAt: now).insert(db)
            try db.execute(sql: "UPDATE session SET lastUsed = ? WHERE id = ?",
                           arguments: [now.timeIntervalSinceReferenceDate, id])
        }
    }

    /// Empties the transcript (the models and datasets stay).
    public func clearTranscript() throws {
        try write { db in
            _ = try TranscriptRow.filter(TranscriptRow.Columns.sessionId == id).deleteAll(db)
        }
    }

    /// Sets a small per-session setting (current model, seed, RNG state …).
    public func setValue(_ value: String, forKey key: String) throws {
        try write { db in try SettingRow(sessionId: id, key: key, value: value).upsert(db) }
    }

    /// Removes a setting; nothing happens when it is unset.
    public func removeValue(forKey key: String) throws {
        try write { db in
            _ = try SettingRow.deleteOne(db, key: ["sessionId": id, "key": key])
        }
    }
}
