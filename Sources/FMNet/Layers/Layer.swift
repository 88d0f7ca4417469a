import FMTensor

/// A value the network owns: a kernel, a bias, or a batchnorm statistic. `value` holds the
/// Keras layout (dense kernel `[in, out]`, conv kernel `[kh, kw, cin, cout]`); `gradient` is
/// overwritten by every backward pass (trainable parameters only).
final class Parameter {
    let name: String
    let shape: [Int]
    let trainable: Bool
    let value: FloatBuffer
    let gradient: FloatBuffer
    var count: Int { shape.reduce(1, *) }

    init(name: String, shape: [Int], trainable: Bool = true, fill: Float = 0) {
        self.name = name
        self.shape = shape
        self.trainable = trainable
        let n = shape.reduce(1, *)
        value = FloatBuffer(capacity: n)
        value.fill(fill, count: n)
        gradient = FloatBuffer(capacity: trainable ? n : 0)
    }

    /// Keras's default kernel initialiser: uniform in ±√(6 / (fan_in + fan_out)).
    func glorotUniform(fanIn: Int, fanOut: Int, rng: inout SeededRandom) {
        let limit = Float((6.0 / Double(fanIn + fanOut)).squareRoot())
        let p = value.pointer
        for i in 0..<count { p[i] = (rng.nextUnitFloat() * 2 - 1) * limit }
    }

    var tensor: Tensor { Tensor(shape: shape, copying: value.pointer) }
}

/// State of one forward/backward pass: training mode (batch statistics, dropout), whether a
/// backward pass will follow (layers then save what it needs, e.g. max-pool arg-max), and the
/// random source dropout draws from.
struct PassContext {
    var training: Bool
    var rng: SeededRandom
    var keepsForBackward = true
    /// In a training step: the optimiser update, for layers that update their parameters block
    /// by block during backward (nil: backward only computes gradients).
    var update: StepUpdate? = nil

    init(training: Bool, rng: SeededRandom, keepsForBackward: Bool = true) {
        self.training = training
        self.rng = rng
        self.keepsForBackward = keepsForBackward
    }
}

/// A layer of the engine. Activations are row-major `[batch, …outputShape]` (NHWC for images).
///
/// `forward` reads `batch` examples from `x` and writes `y`. `backward` gets the same `x` and
/// `y` back, and `dy` = ∂loss/∂y (which it may overwrite); it writes the parameter gradients
/// and, when `dx` is non-nil, ∂loss/∂x. Layers allocate their scratch once and grow it only.
protocol Layer: AnyObject {
    var inputShape: [Int] { get }
    var outputShape: [Int] { get }
    var parameters: [Parameter] { get }
    func forward(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, batch: Int, context: inout PassContext)
    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, batch: Int, context: PassContext)
}

extension Layer {
    var parameters: [Parameter] { [] }
    var inputSize: Int { inputShape.reduce(1, *) }
    var outputSize: Int { outputShape.reduce(1, *) }
}

/// Builds the engine layer for a spec; `index` is 1-based and names the parameters
/// ("3.conv2d.kernel"). `activationOverride` replaces a dense/conv activation (the network
/// strips a final softmax to fuse it with the loss).
func makeLayer(_ spec: LayerSpec, index: Int, input: [Int], output: [Int], activationOverride: Activation? = nil,
               rng: inout SeededRandom) throws -> Layer {
    switch spec {
    case .flatten:
        return FlattenLayer(input: input, output: output)
    case let .dense(units, activation):
        return DenseLayer(index: index, inputs: input.reduce(1, *), units: units,
                          activation: activationOverride ?? activation, rng: &rng)
    case let .conv2d(filters, _, _, _, activation):
        return Conv2DLayer(index: index, geometry: try spec.geometry(for: input), filters: filters,
                           activation: activationOverride ?? activation, rng: &rng)
    case .maxpool:
        return MaxPoolLayer(geometry: try spec.geometry(for: input))
    case .avgpool:
        return AvgPoolLayer(geometry: try spec.geometry(for: input))
    case .globalavgpool:
        return GlobalAvgPoolLayer(input: input)
    case let .dropout(rate):
        return DropoutLayer(shape: input, rate: Float(rate))
    case let .batchnorm(momentum, epsilon):
        return BatchNormLayer(index: index, shape: input, momentum: Float(momentum), epsilon: Float(epsilon))
    case let .activation(a):
        return ActivationLayer(shape: input, activation: activationOverride ?? a)
    }
}
