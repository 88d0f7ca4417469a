import Foundation
import FMTensor
import FMNet
import FMData
import FMReport

/// A dataset in the session: its recipe, what the store says of it, and its pixels once a
/// statement has needed them (a reopened session makes none until then).
final class DatasetEntry {
    let recipe: DatasetRecipe
    let count: Int
    let height: Int
    let width: Int
    let source: String
    private(set) var cached: Dataset?

    init(dataset: Dataset, recipe: DatasetRecipe) {
        self.recipe = recipe
        (count, height, width, source) = (dataset.count, dataset.height, dataset.width, dataset.source)
        cached = dataset
    }

    init(recipe: DatasetRecipe, count: Int, shape: [Int], source: String) {
        self.recipe = recipe
        self.count = count
        height = shape.count > 0 ? shape[0] : 0
        width = shape.count > 1 ? shape[1] : 0
        self.source = source
    }

    func remember(_ d: Dataset) { cached = d }
}

/// A model in the session: architecture, settings, and (once built) its network and trainer.
final class ModelEntry {
    let name: String
    var spec: ModelSpec
    var compile: CompileSpec?
    /// Setting it (or clearing it) replaces what the store holds.
    var network: Network? { didSet { weightsInStore = false } }
    var trainer: Trainer?
    /// The store holds weights (and optimiser state) not built into a network yet: a reopened
    /// session reads and builds them only when a statement needs them (`materialize`).
    var weightsInStore = false
    var history: [EpochStats] = []
    var trainingSeconds: Double = 0
    /// Weights that came from a file rather than from training here.
    var imported = false
    /// Test accuracies by dataset name, latest evaluation.
    var evaluations: [String: (loss: Double, accuracy: Double)] = [:]

    init(name: String, spec: ModelSpec) {
        self.name = name
        self.spec = spec
    }

    var epochs: Int { history.count }
    /// It has weights, built or still stored.
    var hasWeights: Bool { network != nil || weightsInStore }
    var bestValAccuracy: Double? { history.compactMap(\.valAccuracy).max() }

    /// Architecture changes throw away weights and training.
    func resetTraining() {
        network = nil
        trainer = nil
        history = []
        trainingSeconds = 0
        evaluations = [:]
    }
}

/// Everything the interpreter holds for the current session.
final class SessionState {
    var name: String
    var datasets: [String: DatasetEntry] = [:]
    var datasetOrder: [String] = []
    var models: [String: ModelEntry] = [:]
    var modelOrder: [String] = []
    var currentModel: String?
    var rng: SeededRandom
    var seed: UInt64?
    /// Fashion-MNIST sets already read, by folder, while a reopened session makes its datasets.
    /// Results kept when there is no store (with a store they are in its `result` table).
    var keptWithoutStore: [KeptEntry] = []
    private var fashionSets: [String: (train: Dataset, test: Dataset)] = [:]

    init(name: String) {
        self.name = name
        self.rng = SeededRandom(seed: UInt64(truncatingIfNeeded: Int(Date().timeIntervalSince1970 * 1e6)))
    }

    func setDataset(_ name: String, _ entry: DatasetEntry) {
        if datasets[name] == nil { datasetOrder.append(name) }
        datasets[name] = entry
    }

    func removeDataset(_ name: String) {
        datasets[name] = nil
        datasetOrder.removeAll { $0 == name }
    }

    /// The pixels of dataset `name`, made from its recipe the first time (and its bases with it).
    func pixels(of name: String, depth: Int = 0) throws -> Dataset {
        guard let entry = datasets[name] else { throw DatasetGone(name: name) }
        if let d = entry.cached { return d }
        guard depth < 64 else { throw DatasetGone(name: name) }
        let d = try entry.recipe.make(base: { try self.pixels(of: $0, depth: depth + 1) }, fashion: { directory in
            if let pair = self.fashionSets[directory] { return pair }
            let pair = try FashionMNIST.load(from: directory)
            self.fashionSets[directory] = pair
            return pair
        })
        entry.remember(d)
        return d
    }

    func setModel(_ entry: ModelEntry) {
        if models[entry.name] == nil { modelOrder.append(entry.name) }
        models[entry.name] = entry
    }

    func removeModel(_ name: String) {
        models[name] = nil
        modelOrder.removeAll { $0 == name }
        if currentModel == name { currentModel = modelOrder.last }
    }

    /// Datasets made from `name` (translations and subsets of it).
    func dependents(of name: String) -> [String] {
        datasetOrder.filter { datasets[$0]?.recipe.base == name }
    }
}

/// A derived dataset whose source is no longer in the session.
struct DatasetGone: Error, CustomStringConvertible {
    var name: String
    var description: String { "its source `\(name)` is gone" }
}
