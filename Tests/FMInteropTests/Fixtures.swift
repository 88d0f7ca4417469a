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
