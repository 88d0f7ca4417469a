import XCTest
import FMTensor
@testable import FMNet

/// Every layer and the loss against finite differences (tolerances in `GradientChecker`).
final class GradientCheckTests: XCTestCase {
    let checker = GradientChecker()

    func testDenseEveryActivation() {
        for a in Activation.allCases {
            var rng = SeededRandom(seed: 1)
            let layer = DenseLayer(index: 1, inputs: 6, units: 5, activation: a, rng: &rng)
            layer.bias.value.pointer.update(from: [0.1, -0.2, 0.3, 0.05, -0.1], count: 5)
            checker.check(layer, batch: 3, input: smoothInput(18, seed: 2))
        }
    }

    /// Smooth activations here: a 1e-2 step on a kernel moves many conv outputs across relu's kink.
    /// relu itself is checked in the dense and activation-layer tests, with inputs kept off 0.
    func testConv2DSameValidAndStrided() throws {
        let cases: [(LayerSpec, [Int])] = [
            (.conv2d(filters: 3, kernel: [3, 3], strides: [1, 1], padding: .same, activation: .sigmoid), [5, 5, 2]),
            (.conv2d(filters: 2, kernel: [2, 3], strides: [2, 1], padding: .same, activation: .tanh), [6, 5, 2]),
            (.conv2d(filters: 2, kernel: [3, 3], strides: [2, 2], padding: .valid, activation: .linear), [7, 6, 3]),
            (.conv2d(filters: 4, kernel: [1, 1], strides: [1, 1], padding: .valid, activation: .sigmoid), [3, 3, 2]),
        ]
        for (spec, input) in cases {
            var rng = SeededRandom(seed: 4)
            let out = try spec.outputShape(for: input)
            let layer = try makeLayer(spec, index: 1, input: input, output: out, rng: &rng)
            checker.check(layer, batch: 2, input: smoothInput(2 * input.reduce(1, *), seed: 6))
        }
    }

    func testConv2DInChunksMatchesOneChunk() throws {
        // A tiny column budget forces one image per GEMM; gradients must not change.
        let g = WindowGeometry(height: 5, width: 5, channels: 2, kernel: (3, 3), strides: (1, 1), same: true)
        var rng = SeededRandom(seed: 4)
        let layer = Conv2DLayer(index: 1, geometry: g, filters: 3, activation: .tanh, rng: &rng)
        layer.algorithm = Im2colConvolution(geometry: g, filters: 3, maxColumnFloats: 1)
        checker.check(layer, batch: 3, input: smoothInput(3 * 50, seed: 8))
    }

    func testPools() throws {
        let input = [6, 5, 2]
        for spec in [LayerSpec.maxpool(pool: [2, 2], strides: [2, 2]), .avgpool(pool: [2, 2], strides: [2, 2]),
                     .maxpool(pool: [3, 2], strides: [1, 2]), .avgpool(pool: [3, 3], strides: [1, 1]), .globalavgpool] {
            var rng = SeededRandom(seed: 1)
            let layer = try makeLayer(spec, index: 1, input: input, output: try spec.outputShape(for: input), rng: &rng)
            checker.check(layer, batch: 2, input: smoothInput(120, seed: 9))
        }
    }

    func testFlattenDropoutActivationLayers() throws {
        var rng = SeededRandom(seed: 1)
        checker.check(FlattenLayer(input: [2, 3, 2], output: [12]), batch: 2, input: smoothInput(24, seed: 1))
        checker.check(DropoutLayer(shape: [10], rate: 0.4), batch: 3, input: smoothInput(30, seed: 2))
        checker.check(DropoutLayer(shape: [10], rate: 0.4), batch: 3, input: smoothInput(30, seed: 2), training: false)
        for a in Activation.allCases {
            checker.check(ActivationLayer(shape: [2, 2, 3], activation: a), batch: 2, input: smoothInput(24, seed: 3))
        }
        _ = rng.next()
    }

    func testBatchNormTrainingAndInference() {
        for shape in [[4], [3, 3, 2]] {
            let layer = BatchNormLayer(index: 1, shape: shape, momentum: 0.99, epsilon: 1e-3)
            let c = shape.last!
            for i in 0..<c { layer.gamma.value.pointer[i] = 1 + 0.1 * Float(i); layer.beta.value.pointer[i] = 0.05 * Float(i) }
            let n = 4 * shape.reduce(1, *)
            checker.check(layer, batch: 4, input: smoothInput(n, seed: 11))
            for i in 0..<c { layer.movingMean.value.pointer[i] = 0.1; layer.movingVariance.value.pointer[i] = 0.5 + Float(i) }
            checker.check(layer, batch: 4, input: smoothInput(n, seed: 12), training: false)
        }
    }

    func testBatchNormUpdatesMovingStatisticsLikeKeras() {
        let layer = BatchNormLayer(index: 1, shape: [1], momentum: 0.9, epsilon: 1e-3)
        var context = PassContext(training: true, rng: SeededRandom(seed: 1))
        let x: [Float] = [1, 2, 3, 6], y = FloatBuffer(capacity: 4)
        x.withUnsafeBufferPointer { layer.forward($0.baseAddress!, into: y.pointer, batch: 4, context: &context) }
        // mean 3, biased variance (4 + 1 + 0 + 9)/4 = 3.5.
        XCTAssertEqual(layer.movingMean.value.pointer[0], 0.3, accuracy: 1e-6)
        XCTAssertEqual(layer.movingVariance.value.pointer[0], 0.9 + 0.35, accuracy: 1e-6)
        XCTAssertEqual(y.pointer[3], 3 / (3.5 + 1e-3).squareRoot(), accuracy: 1e-5)
    }

    func testSoftmaxCrossEntropyGradient() { checkSoftmaxCrossEntropy(smoothing: 0) }

    /// Keras's label smoothing: the gradient is that of the smoothed loss, and the loss of a
    /// uniform prediction is log(cols) whatever the smoothing.
    func testSmoothedCrossEntropyGradient() {
        checkSoftmaxCrossEntropy(smoothing: 0.1)
        let z = [Float](repeating: 0.5, count: 4), label: [Int32] = [2]
        let loss = z.withUnsafeBufferPointer { zp in label.withUnsafeBufferPointer { lp in
            Kernels.softmaxCrossEntropy(logits: zp.baseAddress!, labels: lp.baseAddress!, rows: 1, cols: 4, gradient: nil, smoothing: 0.3).lossSum
        } }
        XCTAssertEqual(loss, log(4), accuracy: 1e-6)
    }

    private func checkSoftmaxCrossEntropy(smoothing: Float) {
        var rng = SeededRandom(seed: 21)
        let rows = 3, cols = 4
        var z = (0..<(rows * cols)).map { _ in rng.nextUnitFloat() * 4 - 2 }
        let labels: [Int32] = [1, 3, 0]
        var dz = [Float](repeating: 0, count: z.count)
        func meanLoss(_ z: [Float]) -> Double {
            z.withUnsafeBufferPointer { zp in labels.withUnsafeBufferPointer { lp in
                Kernels.softmaxCrossEntropy(logits: zp.baseAddress!, labels: lp.baseAddress!, rows: rows, cols: cols, gradient: nil, smoothing: smoothing).lossSum
            } } / Double(rows)
        }
        z.withUnsafeBufferPointer { zp in labels.withUnsafeBufferPointer { lp in dz.withUnsafeMutableBufferPointer {
            _ = Kernels.softmaxCrossEntropy(logits: zp.baseAddress!, labels: lp.baseAddress!, rows: rows, cols: cols, gradient: $0.baseAddress!, smoothing: smoothing)
        } } }
        let h: Float = 1e-2
        for i in 0..<z.count {
            let old = z[i]
            z[i] = old + h; let plus = meanLoss(z)
            z[i] = old - h; let minus = meanLoss(z)
            z[i] = old
            XCTAssertEqual(Float((plus - minus) / Double(2 * h)), dz[i], accuracy: 2e-4, "dz[\(i)]")
        }
    }

    func testSaliencyMatchesFiniteDifferences() throws {
        var rng = SeededRandom(seed: 3)
        let spec = ModelSpec(inputShape: [6, 6, 1], layers: [
            .conv2d(filters: 2, kernel: [3, 3], strides: [1, 1], padding: .same, activation: .tanh),
            .avgpool(pool: [2, 2], strides: [2, 2]), .flatten, .dense(units: 3, activation: .softmax),
        ])
        let net = try Network(spec: spec, rng: &rng)
        var image = try Tensor(shape: [6, 6, 1], scalars: smoothInput(36, seed: 4))
        let grad = net.inputGradient(of: image, classIndex: 2)
        XCTAssertEqual(grad.shape, [6, 6, 1])
        let h: Float = 1e-2
        for i in [0, 7, 14, 21, 35] {
            func prob(_ delta: Float) -> Double {
                var t = image
                t.withUnsafeMutableBufferPointer { $0[i] += delta }
                return Double(net.predict(.floats(try! t.reshaped([1, 6, 6, 1]))).scalars[2])
            }
            XCTAssertEqual(Float((prob(h) - prob(-h)) / Double(2 * h)), grad.scalars[i], accuracy: 2e-4)
        }
        image = Tensor(shape: [2, 2])
        XCTAssertEqual(net.inputGradient(of: image, classIndex: 0).shape, [0])
    }
}
