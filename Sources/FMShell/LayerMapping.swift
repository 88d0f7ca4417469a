import FMLanguage
import FMNet

extension LayerSpec {
    /// The engine's layer for the one `add` asked for.
    init(_ request: LayerRequest) {
        switch request {
        case .flatten: self = .flatten
        case .globalavgpool: self = .globalavgpool
        case let .dense(units, activation): self = .dense(units: units, activation: Activation(activation))
        case let .conv2d(filters, kernel, strides, padding, activation):
            self = .conv2d(filters: filters, kernel: kernel, strides: strides, padding: padding == .same ? .same : .valid,
                           activation: Activation(activation))
        case let .maxpool(pool, strides): self = .maxpool(pool: pool, strides: strides)
        case let .avgpool(pool, strides): self = .avgpool(pool: pool, strides: strides)
        case let .dropout(rate): self = .dropout(rate: rate)
        case let .batchnorm(momentum, epsilon): self = .batchnorm(momentum: momentum, epsilon: epsilon)
        case let .activation(a): self = .activation(Activation(a))
        }
    }
}

extension Activation {
    init(_ a: LayerRequest.Activation) {
        switch a {
        case .linear: self = .linear
        case .relu: self = .relu
        case .leaky_relu: self = .leaky_relu
        case .sigmoid: self = .sigmoid
        case .tanh: self = .tanh
        case .softmax: self = .softmax
        }
    }
}

extension OptimizerKind {
    init(_ o: Compile.Optimizer) {
        switch o {
        case .adam: self = .adam
        case .sgd: self = .sgd
        case .rmsprop: self = .rmsprop
        }
    }
}
