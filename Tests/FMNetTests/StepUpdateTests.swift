import XCTest
import FMTensor
@testable import FMNet

/// The dense layer updates its weights block by block during backward (`StepUpdate`); the
/// result must be the update after backward, for every optimiser.
final class StepUpdateTests: XCTestCase {
    /// Wide enough (300 × 200 kernel) to be cut into several blocks.
    let spec = ModelSpec(inputShape: [10, 10], layers: [
        .flatten, .dense(units: 300, activation: .relu), .dense(units: 200, activation: .relu), .dense(units: 4, activation: .softmax),
    ])

    func testUpdatingDuringBackwardEqualsUpdatingAfter() throws {
        let (x, y) = quadrantImages(count: 64, seed: 3)
        for kind in [OptimizerKind.adam, .sgd, .rmsprop] {
            var compile = CompileSpec()
            compile.optimizer = kind; compile.momentum = kind == .adam ? 0 : 0.9
            var rng = SeededRandom(seed: 4)
            let fused = try Network(spec: spec, rng: &rng)
            rng = SeededRandom(seed: 4)
            let byHand = try Network(spec: spec, rng: &rng)
            XCTAssertGreaterThan(DenseLayer.rowBlocks(inputs: 300, units: 200, batch: 32, inputGradient: true), 1)

            var config = TrainConfig()
            config.batchSize = 32; config.epochs = 1; config.shuffle = false
            _ = try Trainer(network: fused, compile: compile).fit(images: .floats(x), labels: y, validation: nil, config: config, rng: &rng)

            // The same two steps: backward without an update, then every parameter at once.
            let trainable = byHand.allParameters.filter(\.trainable)
            let slots = OptimizerSlots(compile: compile, parameters: trainable)
            let scalars = x.scalars
            for step in 1...2 {
                let b = 32, start = (step - 1) * b
                scalars.withUnsafeBufferPointer { s in
                    byHand.outputs[0].reserve(b * 100)
                    byHand.outputs[0].pointer.update(from: s.baseAddress! + start * 100, count: b * 100)
                }
                var context = PassContext(training: true, rng: SeededRandom(seed: 0))
                let logits = byHand.forwardKeeping(batch: b, context: &context)
                let L = byHand.layers.count
                byHand.gradients[L].reserve(b * 4)
                let labels = Array(y[start..<(start + b)])
                _ = labels.withUnsafeBufferPointer {
                    Kernels.softmaxCrossEntropy(logits: logits, labels: $0.baseAddress!, rows: b, cols: 4, gradient: byHand.gradients[L].pointer)
                }
                byHand.backward(batch: b, context: context)
                slots.apply(to: trainable, alpha: slots.stepSize(step))
            }
            for (p, q) in zip(fused.allParameters, byHand.allParameters) {
                let a = UnsafeBufferPointer(start: p.value.pointer, count: p.count), e = UnsafeBufferPointer(start: q.value.pointer, count: q.count)
                let worst = zip(a, e).map { abs($0 - $1) }.max() ?? 0
                XCTAssertLessThanOrEqual(worst, 1e-6, "\(kind) \(p.name)")
            }
        }
    }

    func testBackwardStopsAtTheFirstTrainableLayerUnlessTheInputGradientIsAsked() throws {
        var rng = SeededRandom(seed: 2)
        let net = try Network(spec: spec, rng: &rng)
        XCTAssertEqual(net.firstTrainable, 1, "flatten has nothing to train")
        XCTAssertTrue(net.outputs[1] === net.outputs[0] && net.gradients[1] === net.gradients[0], "a flatten copies nothing")
        XCTAssertFalse(net.outputs[2] === net.outputs[1])
        let frozenFree = try Network(spec: ModelSpec(inputShape: [10, 10], layers: [.flatten, .dropout(rate: 0.1), .dense(units: 4, activation: .softmax)]), rng: &rng)
        XCTAssertEqual(frozenFree.firstTrainable, 2)
        // The input gradient (saliency) still goes through the flatten.
        let (x, _) = quadrantImages(count: 1, seed: 9)
        let g = net.inputGradient(of: try x.reshaped([10, 10]), classIndex: 0)
        XCTAssertEqual(g.shape, [10, 10])
        XCTAssertGreaterThan(g.scalars.map(abs).max() ?? 0, 0)
    }
}
