import XCTest
import FMTensor
@testable import FMNet

/// Synthetic 10x10 images: class c has a bright 4x4 square in quadrant c, jittered by up to 1
/// pixel, on uniform noise in [0, 0.3).
func quadrantImages(count: Int, seed: UInt64) -> (Tensor, [Int32]) {
    var rng = SeededRandom(seed: seed)
    var pixels = [Float](repeating: 0, count: count * 100)
    var labels = [Int32](repeating: 0, count: count)
    for n in 0..<count {
        let c = Int(rng.next() % 4)
        labels[n] = Int32(c)
        for i in 0..<100 { pixels[n * 100 + i] = rng.nextUnitFloat() * 0.3 }
        let top = (c / 2) * 5 + Int(rng.next() % 2), left = (c % 2) * 5 + Int(rng.next() % 2)
        for y in top..<(top + 4) { for x in left..<(left + 4) { pixels[n * 100 + y * 10 + x] = 1 } }
    }
    return ((try? Tensor(shape: [count, 10, 10], scalars: pixels)) ?? Tensor(shape: [0]), labels)
}

final class Recorder: TrainingMonitor {
    var stopAt: (epoch: Int, step: Int)?
    var current = (epoch: 0, step: 0)
    var epochs: [EpochStats] = []
    var weightsAtEpochEnd: [[Float]] = []
    var network: Network?
    func epochBegan(epoch: Int, steps: Int) { current = (epoch, 0) }
    func stepEnded(epoch: Int, step: Int, steps: Int, loss: Double, accuracy: Double) { current = (epoch, step) }
    func epochEnded(_ stats: EpochStats) {
        epochs.append(stats)
        if let network { weightsAtEpochEnd.append(network.parameters.flatMap(\.tensor.scalars)) }
    }
    var stopRequested: Bool { stopAt.map { $0.epoch == current.epoch && $0.step == current.step } ?? false }
}

final class TrainerTests: XCTestCase {
    let small = ModelSpec(inputShape: [10, 10, 1], layers: [
        .conv2d(filters: 4, kernel: [3, 3], strides: [1, 1], padding: .same, activation: .relu),
        .maxpool(pool: [2, 2], strides: [2, 2]),
        .batchnorm(momentum: 0.99, epsilon: 1e-3),
        .flatten, .dropout(rate: 0.2),
        .dense(units: 4, activation: .softmax),
    ])

    func train(seed: UInt64, epochs: Int = 2) throws -> (weights: [Float], losses: [Double]) {
        var rng = SeededRandom(seed: seed)
        let net = try Network(spec: small, rng: &rng)
        let (x, y) = quadrantImages(count: 96, seed: 5)
        var config = TrainConfig()
        config.epochs = epochs; config.batchSize = 16
        let r = try Trainer(network: net, compile: CompileSpec()).fit(images: .floats(x), labels: y, validation: nil, config: config, rng: &rng)
        return (net.parameters.flatMap(\.tensor.scalars), r.history.map(\.loss))
    }

    func testByteImagesTrainAndPredictExactlyAsTheirFloats() throws {
        // Images quantised to bytes: as bytes or as the floats b/255 they stand for, training
        // must give the same losses and weights, and prediction the same probabilities.
        let (x, y) = quadrantImages(count: 96, seed: 5)
        let bytes = try ByteTensor(shape: x.shape, bytes: x.scalars.map { UInt8(($0 * 255).rounded()) })
        func run(_ images: Examples) throws -> (losses: [Double], weights: [Float], predictions: [Float], loss: Double) {
            var rng = SeededRandom(seed: 8)
            let net = try Network(spec: small, rng: &rng)
            var config = TrainConfig()
            config.epochs = 2; config.batchSize = 16
            let trainer = Trainer(network: net, compile: CompileSpec())
            let r = try trainer.fit(images: images, labels: y, validation: (images, y), config: config, rng: &rng)
            return (r.history.map(\.loss) + r.history.compactMap(\.valLoss), net.parameters.flatMap(\.tensor.scalars),
                    net.predict(images, batchSize: 7).scalars, trainer.evaluate(images: images, labels: y, batchSize: 5).loss)
        }
        let a = try run(.bytes(bytes)), b = try run(.floats(bytes.floats))
        XCTAssertEqual(a.losses, b.losses)
        XCTAssertEqual(a.weights, b.weights)
        XCTAssertEqual(a.predictions, b.predictions)
        XCTAssertEqual(a.loss, b.loss)
    }

    func testSameSeedSameWeightsAndLosses() throws {
        let a = try train(seed: 42), b = try train(seed: 42), c = try train(seed: 43)
        XCTAssertEqual(a.weights, b.weights)
        XCTAssertEqual(a.losses, b.losses)
        XCTAssertNotEqual(a.weights, c.weights)
    }

    func testAccuracyRisesOnSyntheticImages() throws {
        var rng = SeededRandom(seed: 7)
        let net = try Network(spec: small, rng: &rng)
        let (x, y) = quadrantImages(count: 400, seed: 1), (tx, ty) = quadrantImages(count: 200, seed: 2)
        let trainer = Trainer(network: net, compile: CompileSpec())
        let before = trainer.evaluate(images: .floats(tx), labels: ty)
        var config = TrainConfig()
        config.epochs = 5
        let r = try trainer.fit(images: .floats(x), labels: y, validation: (.floats(tx), ty), config: config, rng: &rng)
        let after = trainer.evaluate(images: .floats(tx), labels: ty)
        XCTAssertLessThan(before.accuracy, 0.5)
        XCTAssertGreaterThan(after.accuracy, 0.95)
        XCTAssertEqual(r.history.last?.valAccuracy, after.accuracy)
        XCTAssertEqual(r.end, .completed)
        XCTAssertLessThan(r.history.last!.loss, r.history.first!.loss)
        // predict agrees with evaluate's accuracy; probabilities sum to 1.
        let p = net.predict(.floats(tx))
        XCTAssertEqual(p.shape, [200, 4])
        let s = p.scalars
        var correct = 0
        for n in 0..<200 {
            let row = Array(s[(n * 4)..<(n * 4 + 4)])
            XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-5)
            if row.firstIndex(of: row.max()!) == Int(ty[n]) { correct += 1 }
        }
        XCTAssertEqual(Double(correct) / 200, after.accuracy, accuracy: 1e-9)
        // Bounded inference buffers: small chunks give the same probabilities.
        let saved = Network.inferenceBufferFloats
        Network.inferenceBufferFloats = 1000
        XCTAssertEqual(net.predict(.floats(tx), batchSize: 256).scalars, s)
        Network.inferenceBufferFloats = saved
        XCTAssertEqual(net.activations(of: .floats(tx), upTo: 2).shape, [200, 5, 5, 4])
        XCTAssertEqual(net.activations(of: .floats(tx), upTo: 6).scalars, s)
    }

    func testInterruptionRestoresLastCompletedEpoch() throws {
        var rng = SeededRandom(seed: 3)
        let net = try Network(spec: small, rng: &rng)
        let (x, y) = quadrantImages(count: 64, seed: 4)
        let trainer = Trainer(network: net, compile: CompileSpec())
        let monitor = Recorder()
        monitor.network = net
        monitor.stopAt = (2, 3)
        var config = TrainConfig()
        config.epochs = 3; config.batchSize = 16
        let r = try trainer.fit(images: .floats(x), labels: y, validation: nil, config: config, rng: &rng, monitor: monitor)
        XCTAssertEqual(r.end, .interrupted(epoch: 2, step: 3, steps: 4))
        XCTAssertEqual(r.history.count, 1)
        XCTAssertEqual(net.parameters.flatMap(\.tensor.scalars), monitor.weightsAtEpochEnd.first)
        XCTAssertEqual(trainer.optimizerStep, 4)
    }

    func testKeepBestStopAtAndPatience() throws {
        var rng = SeededRandom(seed: 3)
        let (x, y) = quadrantImages(count: 64, seed: 4)
        var config = TrainConfig()
        config.epochs = 30; config.batchSize = 16; config.stopAtAccuracy = 0.9
        var net = try Network(spec: small, rng: &rng)
        var r = try Trainer(network: net, compile: CompileSpec()).fit(images: .floats(x), labels: y, validation: nil, config: config, rng: &rng)
        guard case let .reachedTarget(epoch) = r.end else { return XCTFail("expected reachedTarget, got \(r.end)") }
        XCTAssertGreaterThanOrEqual(r.history[epoch - 1].accuracy, 0.9)

        // An absurd learning rate makes the validation loss climb: patience stops, keepBest rolls back.
        var wild = CompileSpec()
        wild.optimizer = .sgd; wild.learningRate = 5
        net = try Network(spec: small, rng: &rng)
        let monitor = Recorder()
        monitor.network = net
        config = TrainConfig()
        config.epochs = 12; config.batchSize = 16; config.keepBest = true; config.patience = 2
        r = try Trainer(network: net, compile: wild).fit(images: .floats(x), labels: y, validation: (.floats(x), y), config: config, rng: &rng, monitor: monitor)
        let losses = r.history.map { $0.valLoss ?? .nan }
        let bestEpoch = (losses.indices.min { losses[$0] < losses[$1] } ?? 0) + 1
        XCTAssertEqual(r.restoredBestEpoch, bestEpoch)
        XCTAssertEqual(net.parameters.flatMap(\.tensor.scalars).count, monitor.weightsAtEpochEnd[bestEpoch - 1].count)
        // Weights (not batchnorm statistics, which evaluation never touches) equal that epoch's.
        XCTAssertEqual(net.parameters.flatMap(\.tensor.scalars), monitor.weightsAtEpochEnd[bestEpoch - 1])
        if r.history.count < 12 { XCTAssertEqual(r.end, .earlyStopped(epoch: r.history.count)) }
    }

    func testBadDataIsRefusedWithClearErrors() throws {
        var rng = SeededRandom(seed: 3)
        let net = try Network(spec: small, rng: &rng)
        let trainer = Trainer(network: net, compile: CompileSpec())
        let (x, y) = quadrantImages(count: 8, seed: 4)
        XCTAssertThrowsError(try trainer.fit(images: .floats(x), labels: Array(y.prefix(5)), validation: nil, config: TrainConfig(), rng: &rng)) {
            XCTAssertEqual("\($0)", "train: 8 images but 5 labels")
        }
        var bad = y; bad[2] = 7
        XCTAssertThrowsError(try trainer.fit(images: .floats(x), labels: bad, validation: nil, config: TrainConfig(), rng: &rng)) {
            XCTAssertEqual("\($0)", "train: label 7 of example 2 is outside 0..3")
        }
        XCTAssertThrowsError(try trainer.fit(images: .floats(Tensor(shape: [8, 28, 28])), labels: y, validation: nil, config: TrainConfig(), rng: &rng)) {
            XCTAssertEqual("\($0)", "train: images of shape 8x28x28 do not fit the model input 10x10x1")
        }
        XCTAssertEqual(net.predict(.floats(Tensor(shape: [3, 28, 28]))).shape, [0, 4])
        XCTAssertEqual(net.predict(.floats(x)).shape, [8, 4], "[N,H,W] images fit an [H,W,1] input")
        XCTAssertTrue(evaluate(network: net, images: .floats(x), labels: bad).loss.isNaN)
    }

    func testSetParametersChecksNamesAndShapes() throws {
        var rng = SeededRandom(seed: 3)
        let net = try Network(spec: small, rng: &rng)
        var p = net.parameters
        XCTAssertEqual(p.map(\.name), ["1.conv2d.kernel", "1.conv2d.bias", "3.batchnorm.gamma", "3.batchnorm.beta",
                                       "3.batchnorm.moving_mean", "3.batchnorm.moving_variance", "6.dense.kernel", "6.dense.bias"])
        p[1].tensor = Tensor(shape: [5])
        XCTAssertThrowsError(try net.setParameters(p)) { XCTAssertEqual("\($0)", "parameter 1.conv2d.bias has shape 5, the model needs 4") }
        XCTAssertThrowsError(try net.setParameters(Array(net.parameters.dropLast()))) {
            XCTAssertEqual("\($0)", "parameter 6.dense.bias is missing")
        }
        p = net.parameters
        p[1].tensor = try Tensor(shape: [4], scalars: [1, 2, 3, 4])
        try net.setParameters(p)
        XCTAssertEqual(net.parameters[1].tensor.scalars, [1, 2, 3, 4])
    }

    func testOptimizerStateRoundTripContinuesIdentically() throws {
        let (x, y) = quadrantImages(count: 32, seed: 4)
        var config = TrainConfig()
        config.batchSize = 16
        for kind in [OptimizerKind.adam, .sgd, .rmsprop] {
            var compile = CompileSpec()
            compile.optimizer = kind; compile.momentum = kind == .adam ? 0 : 0.9
            var rng = SeededRandom(seed: 8)
            let a = try Network(spec: small, rng: &rng)
            let ta = Trainer(network: a, compile: compile)
            _ = try ta.fit(images: .floats(x), labels: y, validation: nil, config: config, rng: &rng)
            // Copy network and optimiser into a fresh pair, then train both one more epoch.
            var rngB = SeededRandom(seed: 99)
            let b = try Network(spec: small, rng: &rngB)
            try b.setParameters(a.parameters)
            let tb = Trainer(network: b, compile: compile)
            try tb.restoreOptimizer(state: ta.optimizerState, step: ta.optimizerStep)
            var r1 = SeededRandom(seed: 5), r2 = SeededRandom(seed: 5)
            _ = try ta.fit(images: .floats(x), labels: y, validation: nil, config: config, rng: &r1)
            _ = try tb.fit(images: .floats(x), labels: y, validation: nil, config: config, rng: &r2)
            XCTAssertEqual(a.parameters.flatMap(\.tensor.scalars), b.parameters.flatMap(\.tensor.scalars), "\(kind)")
            XCTAssertThrowsError(try tb.restoreOptimizer(state: [], step: 1), "\(kind)")
        }
    }

    func testOptimizerStepsByHand() {
        let g: [Float] = [0.5, -2]
        func step(_ o: (UnsafeMutablePointer<Float>, UnsafePointer<Float>) -> Void) -> [Float] {
            var p: [Float] = [1, 1]
            p.withUnsafeMutableBufferPointer { pp in g.withUnsafeBufferPointer { o(pp.baseAddress!, $0.baseAddress!) } }
            return p
        }
        let sgd = SGD(learningRate: 0.1, momentum: 0.9), sgdState = sgd.makeState(count: 2)
        XCTAssertEqual(step { sgd.update(parameter: $0, gradient: $1, state: sgdState, range: 0..<2) }, [0.95, 1.2])
        // Second step from the stored velocity u = [−0.05, 0.2]: u' = 0.9u − 0.1g.
        let p2 = step { sgd.update(parameter: $0, gradient: $1, state: sgdState, range: 0..<2) }
        XCTAssertEqual(p2[0], 1 + (0.9 * -0.05 - 0.05), accuracy: 1e-6)
        let rms = RMSprop(learningRate: 0.01, rho: 0.9, epsilon: 1e-7, momentum: 0), rmsState = rms.makeState(count: 2)
        let r = step { rms.update(parameter: $0, gradient: $1, state: rmsState, range: 0..<2) }
        XCTAssertEqual(r[0], 1 - 0.01 * 0.5 / (0.1 * 0.25 + 1e-7).squareRoot(), accuracy: 1e-6)
        let adam = Adam(learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7), adamState = adam.makeState(count: 2)
        let a = step { adam.update(parameter: $0, gradient: $1, state: adamState, alpha: adam.stepSize(1), range: 0..<2) }
        // First step: α = lr·√0.001/0.1, m = 0.1g, v = 0.001g² → Δ ≈ lr·sign(g).
        XCTAssertEqual(a[0], 1 - 0.001, accuracy: 1e-6)
        XCTAssertEqual(a[1], 1 + 0.001, accuracy: 1e-6)
    }
}
