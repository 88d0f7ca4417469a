import Foundation

// The values the store hands out and takes in. They carry names, JSON text made by the
// interpreter and binary blobs; the store never looks inside the JSON or the blobs.
// Dates round-trip exactly (stored as Foundation's reference-date seconds, a REAL).

/// One stored session as `sessions` lists it.
public struct SessionSummary: Sendable, Equatable {
    public var name: String
    /// Model names, in the order they were first saved.
    public var models: [String]
    /// Dataset names, in the order they were first saved.
    public var datasets: [String]
    /// Payload bytes of the session: JSON text, blobs, transcript and history rows
    /// (SQLite's page overhead not counted).
    public var bytes: Int
    public var lastUsed: Date

    public init(name: String, models: [String], datasets: [String], bytes: Int, lastUsed: Date) {
        self.name = name
        self.models = models
        self.datasets = datasets
        self.bytes = bytes
        self.lastUsed = lastUsed
    }
}

/// A dataset by recipe: how to rebuild it, not its pixels.
public struct DatasetRecord: Sendable, Equatable {
    public var name: String
    /// JSON made by the interpreter (source file and checksum, or a derivation with its seed).
    public var recipe: String
    /// A short human-readable origin, e.g. a file path or "translate test".
    public var source: String
    /// Number of examples.
    public var count: Int
    /// Shape of one example, e.g. [28, 28] or [1, 28, 28].
    public var shape: [Int]
    public var createdAt: Date

    public init(name: String, recipe: String, source: String, count: Int, shape: [Int],
                createdAt: Date = Date()) {
        self.name = name
        self.recipe = recipe
        self.source = source
        self.count = count
        self.shape = shape
        self.createdAt = createdAt
    }
}

/// A model: architecture, compile settings, weights and optimiser state.
public struct ModelRecord: Sendable, Equatable {
    public var name: String
    /// JSON (ModelSpec) made by the interpreter.
    public var architecture: String
    /// JSON (CompileSpec), or nil when not compiled.
    public var compileSettings: String?
    /// Blob (safetensors bytes), or nil before any training or initialisation.
    public var weights: Data?
    /// Blob, or nil before any training.
    public var optimizerState: Data?
    /// Epochs trained so far.
    public var epochs: Int
    /// Seconds of training so far.
    public var trainingSeconds: Double
    public var updatedAt: Date

    public init(name: String, architecture: String, compileSettings: String? = nil,
                weights: Data? = nil, optimizerState: Data? = nil, epochs: Int = 0,
                trainingSeconds: Double = 0, updatedAt: Date = Date()) {
        self.name = name
        self.architecture = architecture
        self.compileSettings = compileSettings
        self.weights = weights
        self.optimizerState = optimizerState
        self.epochs = epochs
        self.trainingSeconds = trainingSeconds
        self.updatedAt = updatedAt
    }
}

/// One completed training epoch of a model.
public struct EpochRecord: Sendable, Equatable {
    public var model: String
    /// 1-based, counted over the model's whole life (training continues the count).
    public var epoch: Int
    public var seconds: Double
    public var loss: Double
    public var accuracy: Double
    public var valLoss: Double?
    public var valAccuracy: Double?

    public init(model: String, epoch: Int, seconds: Double, loss: Double, accuracy: Double,
                valLoss: Double? = nil, valAccuracy: Double? = nil) {
        self.model = model
        self.epoch = epoch
        self.seconds = seconds
        self.loss = loss
        self.accuracy = accuracy
        self.valLoss = valLoss
        self.valAccuracy = valAccuracy
    }
}

/// One evaluation of a model on a dataset.
public struct EvaluationRecord: Sendable, Equatable {
    public var model: String
    /// The dataset's name when evaluated (kept even if the dataset is later forgotten).
    public var dataset: String
    public var count: Int
    public var loss: Double
    public var accuracy: Double
    public var createdAt: Date

    public init(model: String, dataset: String, count: Int, loss: Double, accuracy: Double,
                createdAt: Date = Date()) {
        self.model = model
        self.dataset = dataset
        self.count = count
        self.loss = loss
        self.accuracy = accuracy
        self.createdAt = createdAt
    }
}
