import Foundation
import XCTest
import FMTensor
@testable import FMNet

/// The blog's NN and CNN, and a model using the other layers, against Keras (Fixtures/golden.*, made by scripts/make-golden-fixtures.py):
/// same deterministic weights and 4 images → same softmax outputs, loss, gradients, and weights
/// after one Adam step.
///
/// Tolerances (float32 throughout, different summation orders):
///   probabilities   |Δ| ≤ 1e-5
///   loss            |Δ| ≤ 1e-5
///   gradients       |Δ| ≤ 1e-3 · max|g| of that tensor + 1e-7
///   after Adam      |Δ| ≤ 2e-6 (a first Adam step moves each weight by ≈ lr = 1e-3)
final class GoldenTests: XCTestCase {
    struct Manifest: Decodable {
        struct Entry: Decodable { var name: String; var shape: [Int]; var offset: Int; var count: Int }
        var labels: [Int32]
        var mixLabels: [Int32]
        var tensors: [Entry]
    }

    var manifest: Manifest!
    var blob: [Float] = []

    override func setUpWithError() throws {
        let dir = try XCTUnwrap(Bundle.module.resourceURL).appendingPathComponent("Fixtures")
        manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: dir.appendingPathComponent("golden.json")))
        let data = try Data(contentsOf: dir.appendingPathComponent("golden.bin"))
        blob = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    func tensor(_ name: String) throws -> [Float] {
        let e = try XCTUnwrap(manifest.tensors.first { $0.name == name }, "fixture has no \(name)")
        return Array(blob[e.offset..<(e.offset + e.count)])
    }

    /// The script's formulas: weights `(2u − 1)·limit` with `u = ((i·2654435761 + (t+1)·40503) mod 1000003) / 1000003`
    /// (glorot limit for kernels, 0.1 for biases); images `((j·7919 + 13) mod 1009) / 1008`.
    static func weights(tensorIndex t: Int, shape: [Int]) -> [Float] {
        let limit: Double
        if shape.count == 2 { limit = (6.0 / Double(shape[0] + shape[1])).squareRoot() }
        else if shape.count == 4 {
            let area = shape[0] * shape[1]
            limit = (6.0 / Double(area * shape[2] + area * shape[3])).squareRoot()
        } else { limit = 0.1 }
        let n = shape.reduce(1, *)
        return (0..<n).map { i in
            let u = Double((i * 2654435761 + (t + 1) * 40503) % 1000003) / 1000003.0
            return Float((2.0 * u - 1.0) * limit)
        }
    }

    static func images(_ shape: [Int]) throws -> Tensor {
        let n = shape.reduce(1, *)
        return try Tensor(shape: shape, scalars: (0..<n).map { j in Float(Double((j * 7919 + 13) % 1009) / 1008.0) })
    }

    func compare(_ actual: [Float], _ expected: [Float], tolerance: Float, _ what: String) {
        XCTAssertEqual(actual.count, expected.count, what)
        var worst: Float = 0, at = 0
        for i in 0..<min(actual.count, expected.count) where abs(actual[i] - expected[i]) > worst {
            worst = abs(actual[i] - expected[i]); at = i
        }
        XCTAssertLessThanOrEqual(worst, tolerance, "\(what): worst |Δ| \(worst) at \(at) (tolerance \(tolerance))")
    }

    func runGolden(prefix: String, spec: ModelSpec, imageShape: [Int], labels: [Int32]) throws {
        var rng = SeededRandom(seed: 1)
        let net = try Network(spec: spec, rng: &rng)
        let trainable = net.allParameters.filter(\.trainable)
        var named = net.parameters
        for (t, p) in trainable.enumerated() {
            let i = try XCTUnwrap(named.firstIndex { $0.name == p.name })
            named[i].tensor = try Tensor(shape: p.shape, scalars: GoldenTests.weights(tensorIndex: t, shape: p.shape))
        }
        try net.setParameters(named)
        let x = try GoldenTests.images(imageShape)

        // Keras's outputs come from a training-mode pass (batch statistics in batchnorm): run one,
        // then put the parameters back, since that pass also moved the batchnorm statistics.
        let initial = net.parameters
        var context = PassContext(training: true, rng: SeededRandom(seed: 0))
        x.withUnsafeBufferPointer { b in
            net.outputs[0].reserve(b.count)
            net.outputs[0].pointer.update(from: b.baseAddress!, count: b.count)
        }
        let logits = net.forwardKeeping(batch: imageShape[0], context: &context)
        let classes = net.outputShape[0]
        var probs = [Float](repeating: 0, count: imageShape[0] * classes)
        probs.withUnsafeMutableBufferPointer { Kernels.softmaxRows(logits, $0.baseAddress!, rows: imageShape[0], cols: classes) }
        compare(probs, try tensor("\(prefix).probs"), tolerance: 1e-5, "\(prefix) probabilities")
        try net.setParameters(initial)

        let trainer = Trainer(network: net, compile: CompileSpec())
        var config = TrainConfig()
        config.batchSize = 4; config.shuffle = false
        let result = try trainer.fit(images: .floats(x), labels: labels, validation: nil, config: config, rng: &rng)
        XCTAssertEqual(result.history.first?.loss ?? .nan, Double(try tensor("\(prefix).loss")[0]), accuracy: 1e-5, "\(prefix) loss")
        for p in trainable {
            let grad = Array(UnsafeBufferPointer(start: p.gradient.pointer, count: p.count))
            let expected = try tensor("\(prefix).grad.\(p.name)")
            let scale = expected.map(abs).max() ?? 0
            compare(grad, expected, tolerance: 1e-3 * scale + 1e-7, "\(prefix) gradient \(p.name)")
            let after = Array(UnsafeBufferPointer(start: p.value.pointer, count: p.count))
            compare(after, try tensor("\(prefix).after.\(p.name)"), tolerance: 2e-6, "\(prefix) after Adam \(p.name)")
        }
        // Batchnorm moving statistics after the step's forward pass (momentum 0.99).
        for p in net.allParameters where !p.trainable {
            let after = Array(UnsafeBufferPointer(start: p.value.pointer, count: p.count))
            compare(after, try tensor("\(prefix).after.\(p.name)"), tolerance: 1e-6, "\(prefix) \(p.name)")
        }
    }

    func testBlogNNMatchesKeras() throws {
        try runGolden(prefix: "nn", spec: Blog.nn, imageShape: [4, 28, 28], labels: manifest.labels)
    }

    func testBlogCNNMatchesKeras() throws {
        try runGolden(prefix: "cnn", spec: Blog.cnn, imageShape: [4, 28, 28, 1], labels: manifest.labels)
    }

    /// Strided conv2d with asymmetric same padding, batchnorm (training mode and moving
    /// statistics), a leaky_relu layer, tanh, sigmoid, avgpool, dense relu and softmax.
    func testMixedLayersMatchKeras() throws {
        let spec = ModelSpec(inputShape: [9, 9, 2], layers: [
            .conv2d(filters: 4, kernel: [4, 4], strides: [2, 2], padding: .same, activation: .tanh),
            .batchnorm(momentum: 0.99, epsilon: 1e-3),
            .activation(.leaky_relu),
            .conv2d(filters: 3, kernel: [2, 2], strides: [1, 1], padding: .same, activation: .sigmoid),
            .avgpool(pool: [2, 2], strides: [2, 2]),
            .flatten,
            .dense(units: 6, activation: .relu),
            .dense(units: 3, activation: .softmax),
        ])
        try runGolden(prefix: "mix", spec: spec, imageShape: [4, 9, 9, 2], labels: manifest.mixLabels)
    }
}
