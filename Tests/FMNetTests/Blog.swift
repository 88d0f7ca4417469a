import FMTensor
@testable import FMNet

/// The blog's two models, as the tests build them.
enum Blog {
    static let nn = ModelSpec(inputShape: [28, 28], layers: [
        .flatten,
        .dense(units: 256, activation: .relu),
        .dense(units: 256, activation: .relu),
        .dense(units: 10, activation: .softmax),
    ])

    static let cnn = ModelSpec(inputShape: [28, 28, 1], layers: [
        .conv2d(filters: 64, kernel: [3, 3], strides: [1, 1], padding: .same, activation: .relu),
        .maxpool(pool: [2, 2], strides: [2, 2]),
        .conv2d(filters: 128, kernel: [3, 3], strides: [1, 1], padding: .same, activation: .relu),
        .maxpool(pool: [2, 2], strides: [2, 2]),
        .conv2d(filters: 128, kernel: [3, 3], strides: [1, 1], padding: .same, activation: .relu),
        .globalavgpool,
        .dense(units: 10, activation: .softmax),
    ])
}
