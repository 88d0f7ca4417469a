import Foundation
import GRDB

// One record type per table of Schema v1, as in GRDB's demo app: plain Codable structs with a
// nested `Columns` enum. They stay internal; the public API speaks in names, never row ids.

/// Dates are stored as REAL seconds since Foundation's reference date so they round-trip exactly.
protocol StoredRecord: Codable, FetchableRecord, PersistableRecord {}

extension StoredRecord {
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSinceReferenceDate
    }
    static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSinceReferenceDate
    }
}

/// Table `session`.
struct SessionRow: StoredRecord {
    static let databaseTableName = "session"
    var id: Int64?
    var name: String
    var createdAt: Date
    var lastUsed: Date

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let lastUsed = Column(CodingKeys.lastUsed)
    }
}

/// Table `dataset`.
struct DatasetRow: StoredRecord {
    static let databaseTableName = "dataset"
    var id: Int64?
    var sessionId: Int64
    var name: String
    var recipe: String
    var source: String
    var count: Int
    var shape: [Int]          // GRDB stores arrays as JSON text
    var createdAt: Date

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let sessionId = Column(CodingKeys.sessionId)
        static let name = Column(CodingKeys.name)
    }

    init(_ d: DatasetRecord, sessionId: Int64) {
        self.id = nil
        self.sessionId = sessionId
        self.name = d.name
        self.recipe = d.recipe
        self.source = d.source
        self.count = d.count
        self.shape = d.shape
        self.createdAt = d.createdAt
    }

    var record: DatasetRecord {
        DatasetRecord(name: name, recipe: recipe, source: source, count: count, shape: shape,
                      createdAt: createdAt)
    }
}

/// Table `model`.
struct ModelRow: StoredRecord {
    static let databaseTableName = "model"
    var id: Int64?
    var sessionId: Int64
    var name: String
    var architecture: String
    var compileSettings: String?
    var weights: Data?
    var optimizerState: Data?
    var epochs: Int
    var trainingSeconds: Double
    var updatedAt: Date

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let sessionId = Column(CodingKeys.sessionId)
        static let name = Column(CodingKeys.name)
    }

    init(_ m: ModelRecord, sessionId: Int64) {
        self.id = nil
        self.sessionId = sessionId
        self.name = m.name
        self.architecture = m.architecture
        self.compileSettings = m.compileSettings
        self.weights = m.weights
        self.optimizerState = m.optimizerState
        self.epochs = m.epochs
        self.trainingSeconds = m.trainingSeconds
        self.updatedAt = m.updatedAt
    }

    var record: ModelRecord {
        ModelRecord(name: name, architecture: architecture, compileSettings: compileSettings,
                    weights: weights, optimizerState: optimizerState, epochs: epochs,
                    trainingSeconds: trainingSeconds, updatedAt: updatedAt)
    }
}

/// Table `epoch`, keyed by (modelId, epoch).
struct EpochRow: StoredRecord {
    static let databaseTableName = "epoch"
    var modelId: Int64
    var epoch: Int
    var seconds: Double
    var loss: Double
    var accuracy: Double
    var valLoss: Double?
    var valAccuracy: Double?

    enum Columns {
        static let modelId = Column(CodingKeys.modelId)
        static let epoch = Column(CodingKeys.epoch)
    }

    init(_ e: EpochRecord, modelId: Int64) {
        self.modelId = modelId
        self.epoch = e.epoch
        self.seconds = e.seconds
        self.loss = e.loss
        self.accuracy = e.accuracy
        self.valLoss = e.valLoss
        self.valAccuracy = e.valAccuracy
    }

    func record(model: String) -> EpochRecord {
        EpochRecord(model: model, epoch: epoch, seconds: seconds, loss: loss, accuracy: accuracy,
                    valLoss: valLoss, valAccuracy: valAccuracy)
    }
}

/// Table `evaluation`.
struct EvaluationRow: StoredRecord {
    static let databaseTableName = "evaluation"
    var id: Int64?
    var modelId: Int64
    var dataset: String
    var count: Int
    var loss: Double
    var accuracy: Double
    var createdAt: Date

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let modelId = Column(CodingKeys.modelId)
    }

    init(_ e: EvaluationRecord, modelId: Int64) {
        self.id = nil
        self.modelId = modelId
        self.dataset = e.dataset
        self.count = e.count
        self.loss = e.loss
        self.accuracy = e.accuracy
        self.createdAt = e.createdAt
    }

    func record(model: String) -> EvaluationRecord {
        EvaluationRecord(model: model, dataset: dataset, count: count, loss: loss,
                         accuracy: accuracy, createdAt: createdAt)
    }
}

/// Table `transcriptEntry`: the statements that succeeded, in id order.
struct TranscriptRow: StoredRecord {
    static let databaseTableName = "transcriptEntry"
    var id: Int64?
    var sessionId: Int64
    var statement: String
    var createdAt: Date

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let sessionId = Column(CodingKeys.sessionId)
        static let statement = Column(CodingKeys.statement)
    }
}

/// Table `setting`: small per-session key/value pairs, keyed by (sessionId, key).
struct SettingRow: StoredRecord {
    static let databaseTableName = "setting"
    var sessionId: Int64
    var key: String
    var value: String

    enum Columns {
        static let sessionId = Column(CodingKeys.sessionId)
        static let key = Column(CodingKeys.key)
        static let value = Column(CodingKeys.value)
    }
}
