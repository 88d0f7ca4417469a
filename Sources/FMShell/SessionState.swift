import Foundation
import FMTensor
import FMNet
import FMData

/// How a dataset was made, so a reopened session can make it again instead of storing pixels.
enum DatasetRecipe: Codable, Equatable {
    case fashionMNIST(part: String, directory: String, limit: Int?)
    case idx(images: String, labels: String, limit: Int?)
    case npy(images: String, labels: String?, limit: Int?)
    case image(path: String, invert: String)
    case translation(base: String, lower: Int?, upper: Int?, transform: Translation, seed: UInt64, limit: Int?)
    case subset(base: String, lower: Int, upper: Int)

    /// The dataset this one is derived from, if any.
    var base: String? {
        switch self {
        case let .translation(base, _, _, _, _, _), let .subset(base, _, _): return base
        default: return nil
        }
    }
}

/// A dataset in the session with its recipe.
struct DatasetEntry {
    var dataset: Dataset
    var recipe: DatasetRecipe
}

/// A model in the session: architecture, settings, and (once built) its network and trainer.
final class ModelEntry {
    let name: String
    var spec: ModelSpec
    var compile: CompileSpec?
    var network: Network?
    var trainer: Trainer?
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
