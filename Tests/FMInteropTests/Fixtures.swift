import FMTensor
import FMNet

/// Models and tensors shared by the tests.
enum Fixtures {
    /// The blog's dense network: 28×28 → flatten → 256 relu → 256 relu → 10 softmax (269,322 params).
    static let blogNN = ModelSpec(inputShape: [28, 28], layers: [
        .flatten, .dense(units: 256, activation: .relu), .dense(units: 256, activation: .relu), .dense(units: 10, activation: .softmax),
    ])

    /// The blog's CNN (223,370 params).
    static let blogCNN = ModelSpec(inputShape: [28, 28, 1], layers: [
        .conv2d(filters: 64, kernel: [3, 3], strides: [1, 1], padding: .same, activation: .relu),
        .maxpool(pool: [2, 2], strides: [2, 2]),
        .conv2d(filters: 128, kernel: [3, 3], strides: [1, 1], padding: .same, activation: .relu),
        .maxpool(pool: [2, 2], strides: [2, 2]),
        .conv2d(filters: 128, kernel: [3, 3], strides: [1, 1], padding: .same, activation: .relu),
        .globalavgpool,
        .dense(units: 10, activation: .softmax),
    ])

    /// Conv features flattened straight into a dense layer (PyTorch flattens CHW, fm HWC).
    static let flatCNN = ModelSpec(inputShape: [28, 28, 1], layers: [
        .conv2d(filters: 8, kernel: [3, 3], strides: [1, 1], padding: .valid, activation: .relu),
        .maxpool(pool: [2, 2], strides: [2, 2]),
        .flatten,
        .dense(units: 10, activation: .softmax),
    ])

    /// Every other layer kind and option: batchnorm on NHWC input, even kernel with strides and
    /// asymmetric `same` padding, avgpool, flatten after conv, dropout, no final softmax.
    static let oddCNN = ModelSpec(inputShape: [28, 28, 1], layers: [
        .batchnorm(momentum: 0.99, epsilon: 0.001),
        .conv2d(filters: 8, kernel: [4, 4], strides: [2, 2], padding: .same, activation: .leaky_relu),
        .avgpool(pool: [2, 2], strides: [2, 2]),
        .conv2d(filters: 6, kernel: [3, 2], strides: [1, 1], padding: .valid, activation: .tanh),
        .batchnorm(momentum: 0.99, epsilon: 0.01),
        .maxpool(pool: [2, 2], strides: [1, 1]),
        .flatten, .dropout(rate: 0.5),
        .dense(units: 16, activation: .sigmoid),
        .batchnorm(momentum: 0.99, epsilon: 0.001),
        .dense(units: 10, activation: .linear),
    ])

    /// Replaces every parameter by seeded noise large enough to spread the predictions:
    /// kernels ±2.5/√fan_in, biases, betas and means ±0.3, gammas 1 ± 0.5, variances 0.5…1.5.
    static func randomise(_ net: Network, seed: UInt64) throws {
        var k: UInt64 = 0
        let fresh = net.parameters.map { p -> NamedTensor in
            k += 1
            let shape = p.tensor.shape, n = p.tensor.count
            let u = noise(shape, seed: seed &* 1000 &+ k).scalars
            let values: [Float]
            if p.name.hasSuffix("kernel") {
                let fanIn = Float(n / max(shape.last ?? 1, 1))
                values = u.map { $0 * 2.5 / fanIn.squareRoot() }
            } else if p.name.hasSuffix("moving_variance") {
                values = u.map { 1 + 0.5 * $0 }
            } else if p.name.hasSuffix("gamma") {
                values = u.map { 1 + 0.5 * $0 }
            } else {
                values = u.map { 0.3 * $0 }
            }
            return NamedTensor(name: p.name, tensor: (try? Tensor(shape: shape, scalars: values)) ?? p.tensor)
        }
        try net.setParameters(fresh)
    }

    static func network(_ spec: ModelSpec, seed: UInt64 = 7) throws -> Network {
        var rng = SeededRandom(seed: seed)
        return try Network(spec: spec, rng: &rng)
    }

    /// A tensor whose element k is `base + k`.
    static func counting(_ shape: [Int], base: Float = 0) -> Tensor {
        let n = shape.reduce(1, *)
        return (try? Tensor(shape: shape, scalars: (0..<n).map { base + Float($0) })) ?? Tensor(shape: [0])
    }

    /// Deterministic pseudo-random values in [-1, 1).
    static func noise(_ shape: [Int], seed: UInt64) -> Tensor {
        var rng = SeededRandom(seed: seed)
        let n = shape.reduce(1, *)
        return (try? Tensor(shape: shape, scalars: (0..<n).map { _ in rng.nextUnitFloat() * 2 - 1 })) ?? Tensor(shape: [0])
    }
}
