import Foundation

/// Everything the report shows, gathered by the interpreter from its session and store.
public struct ReportSession: Sendable, Equatable {
    public struct Dataset: Sendable, Equatable {
        public var name: String
        public var count: Int
        /// One example's shape, e.g. [28, 28] or [1, 28, 28].
        public var shape: [Int]
        public var source: String
        public init(name: String, count: Int, shape: [Int], source: String) {
            (self.name, self.count, self.shape, self.source) = (name, count, shape, source)
        }
    }

    public struct Model: Sendable, Equatable {
        public struct Score: Sendable, Equatable {
            public var dataset: String
            public var accuracy: Double
            public init(dataset: String, accuracy: Double) { (self.dataset, self.accuracy) = (dataset, accuracy) }
        }
        public var name: String
        /// Layer kinds in order ("conv2d", "relu", …).
        public var layers: [String]
        public var params: Int
        public var epochs: Int
        public var trainingSeconds: Double
        public var bestValAccuracy: Double?
        /// nil when not compiled.
        public var optimiser: String?
        /// The latest accuracy on each dataset it was evaluated on.
        public var evaluations: [Score]
        /// Every epoch it trained, for the session's curves.
        public var history: [TrainingRun.Epoch]
        public init(name: String, layers: [String], params: Int, epochs: Int, trainingSeconds: Double,
                    bestValAccuracy: Double?, optimiser: String?, evaluations: [Score] = [],
                    history: [TrainingRun.Epoch] = []) {
            (self.name, self.layers, self.params, self.epochs, self.trainingSeconds) = (name, layers, params, epochs, trainingSeconds)
            (self.bestValAccuracy, self.optimiser, self.evaluations, self.history) = (bestValAccuracy, optimiser, evaluations, history)
        }
    }

    public var name: String
    public var writtenAt: Date
    public var datasets: [Dataset]
    public var models: [Model]
    /// In the order they happened (by `sequence`); notes among them.
    public var results: [KeptEntry]
    /// The statements that succeeded (the transcript).
    public var statements: [String]

    public init(name: String, writtenAt: Date = Date(), datasets: [Dataset], models: [Model],
                results: [KeptEntry], statements: [String]) {
        (self.name, self.writtenAt, self.datasets, self.models) = (name, writtenAt, datasets, models)
        (self.results, self.statements) = (results.sorted { $0.sequence < $1.sequence }, statements)
    }

    /// The notes, with their entries.
    public var notes: [(entry: KeptEntry, text: String)] {
        results.compactMap { e in if case let .note(text) = e.result { return (e, text) } else { return nil } }
    }
}
