import Foundation
import FMTensor
import FMNet
import FMInterop
import FMStore

/// A model entry to and from its stored record: architecture and settings as JSON, weights
/// and optimiser state as safetensors blobs.
enum ModelCodec {
    static func record(for e: ModelEntry) throws -> ModelRecord {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let architecture = String(decoding: try encoder.encode(e.spec), as: UTF8.self)
        let compile = try e.compile.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        return ModelRecord(name: e.name, architecture: architecture, compileSettings: compile,
                           weights: weightsBlob(e), optimizerState: optimizerBlob(e),
                           epochs: e.epochs, trainingSeconds: e.trainingSeconds, updatedAt: Date())
    }

    static func weightsBlob(_ e: ModelEntry) -> Data? {
        e.network.map { SafeTensors.encode($0.parameters) }
    }

    static func optimizerBlob(_ e: ModelEntry) -> Data? {
        e.trainer.map { SafeTensors.encode($0.optimizerState, metadata: ["step": String($0.optimizerStep)]) }
    }

    /// Rebuilds a model from its record (without blobs) and epoch history. The weights stay in
    /// the store until `build` needs them, so opening a session reads and builds no network.
    static func entry(from r: ModelRecord, hasWeights: Bool, epochs: [EpochRecord]) throws -> ModelEntry {
        let decoder = JSONDecoder()
        let spec = try decoder.decode(ModelSpec.self, from: Data(r.architecture.utf8))
        let e = ModelEntry(name: r.name, spec: spec)
        e.compile = try r.compileSettings.map { try decoder.decode(CompileSpec.self, from: Data($0.utf8)) }
        e.history = epochs.sorted { $0.epoch < $1.epoch }.map {
            EpochStats(epoch: $0.epoch, seconds: $0.seconds, loss: $0.loss, accuracy: $0.accuracy, valLoss: $0.valLoss, valAccuracy: $0.valAccuracy)
        }
        e.trainingSeconds = r.trainingSeconds
        e.imported = hasWeights && epochs.isEmpty   // weights without training here came from a file
        e.weightsInStore = hasWeights
        return e
    }

    /// Builds the network (and trainer) of a reopened model from its stored blobs. The initial
    /// weights come from a generator of their own, since they are overwritten: reopening a
    /// session leaves the session's generator where it was.
    static func build(_ e: ModelEntry, weights: Data, optimizerState: Data?) throws {
        var scratch = SeededRandom(seed: 0)
        let network = try Network(spec: e.spec, rng: &scratch)
        try network.setParameters(SafeTensors.decode(weights, file: "stored weights of \(e.name)").tensors)
        var trainer: Trainer?
        if let o = optimizerState {
            let t = Trainer(network: network, compile: e.compile ?? CompileSpec())
            let (state, meta) = try SafeTensors.decode(o, file: "stored optimiser state of \(e.name)")
            try t.restoreOptimizer(state: state, step: Int(meta["step"] ?? "0") ?? 0)
            trainer = t
        }
        e.network = network
        e.trainer = trainer
    }
}
