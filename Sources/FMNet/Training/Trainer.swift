import Dispatch
import FMTensor

/// Trains a network with sparse categorical cross-entropy (fused with the final softmax) and
/// the compiled optimiser. Each step: gather a shuffled batch into the network's input buffer,
/// forward, loss and `dz = (p − onehot)/B`, backward, one optimiser update. No allocation per step.
public final class Trainer {
    public let network: Network
    public let compile: CompileSpec
    let trainable: [Parameter]
    var slots: OptimizerSlots
    public internal(set) var optimizerStep = 0

    public init(network: Network, compile: CompileSpec) {
        self.network = network
        self.compile = compile
        trainable = network.allParameters.filter(\.trainable)
        slots = OptimizerSlots(compile: compile, parameters: trainable)
    }

    /// The optimiser's state tensors, named after their parameters ("1.dense.kernel.m").
    public var optimizerState: [NamedTensor] {
        trainable.enumerated().flatMap { i, p in
            slots.buffers(i).map { NamedTensor(name: "\(p.name).\($0.0)", tensor: Tensor(shape: p.shape, copying: $0.1.pointer)) }
        }
    }

    /// Puts back a saved optimiser state; names and shapes must match (nothing changes otherwise).
    public func restoreOptimizer(state: [NamedTensor], step: Int) throws {
        var byName: [String: Tensor] = [:]
        for t in state { byName[t.name] = t.tensor }
        var targets: [(FloatBuffer, Tensor)] = []
        var known = Set<String>()
        for (i, p) in trainable.enumerated() {
            for (suffix, buffer) in slots.buffers(i) {
                let name = "\(p.name).\(suffix)"
                known.insert(name)
                guard let t = byName[name] else { throw ModelError.missingParameter(name: name) }
                guard t.shape == p.shape else { throw ModelError.parameterShape(name: name, expected: p.shape, actual: t.shape) }
                targets.append((buffer, t))
            }
        }
        if let stray = state.first(where: { !known.contains($0.name) }) { throw ModelError.unknownParameter(name: stray.name) }
        guard step >= 0 else { throw ModelError.invalidTraining(reason: "optimizer step \(step) is negative") }
        for (buffer, t) in targets {
            t.withUnsafeBufferPointer { if let s = $0.baseAddress { buffer.pointer.update(from: s, count: t.count) } }
        }
        optimizerStep = step
    }

    /// Loss and accuracy on labelled images (inference mode). NaN when they do not fit.
    public func evaluate(images: Examples, labels: [Int32], batchSize: Int = 256) -> (loss: Double, accuracy: Double) {
        FMNet.evaluate(network: network, images: images, labels: labels, batchSize: batchSize)
    }

    /// Every parameter value and optimiser state, copied (to roll back to an epoch's end).
    struct Snapshot {
        var parameters: [[Float]]
        var optimizer: [[Float]]
        var step: Int
    }

    func snapshot(includeOptimizer: Bool = true) -> Snapshot {
        let params = network.allParameters.map { Array(UnsafeBufferPointer(start: $0.value.pointer, count: $0.count)) }
        var opt: [[Float]] = []
        if includeOptimizer {
            for (i, p) in trainable.enumerated() {
                for (_, b) in slots.buffers(i) { opt.append(Array(UnsafeBufferPointer(start: b.pointer, count: p.count))) }
            }
        }
        return Snapshot(parameters: params, optimizer: opt, step: optimizerStep)
    }

    func restore(_ s: Snapshot, includeOptimizer: Bool = true) {
        for (p, values) in zip(network.allParameters, s.parameters) {
            values.withUnsafeBufferPointer { if let b = $0.baseAddress { p.value.pointer.update(from: b, count: p.count) } }
        }
        guard includeOptimizer else { return }
        var k = 0
        for (i, p) in trainable.enumerated() {
            for (_, b) in slots.buffers(i) {
                s.optimizer[k].withUnsafeBufferPointer { if let v = $0.baseAddress { b.pointer.update(from: v, count: p.count) } }
                k += 1
            }
        }
        optimizerStep = s.step
    }
}
