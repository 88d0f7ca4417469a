import FMTensor

/// A named parameter tensor: "1.dense.kernel", "1.dense.bias", "3.batchnorm.moving_mean"
/// (1-based layer index, layer kind, Keras variable name), in the Keras layout.
public struct NamedTensor: Sendable {
    public var name: String
    public var tensor: Tensor
    public init(name: String, tensor: Tensor) { self.name = name; self.tensor = tensor }
}

/// A Sequential network built from a `ModelSpec`: the engine layers, their parameters, and the
/// activation buffers reused from step to step.
///
/// The stack's final output is treated as logits: a model ending in softmax (a dense/conv2d
/// activation or a softmax layer) is built without that last softmax, which is fused with the
/// loss (training) or applied by `predict`. A model that does not end in softmax has its output
/// read as logits (Keras's `from_logits=True`), and `predict` still returns softmax probabilities.
///
/// A network owns mutable scratch buffers: use one from one thread at a time (its kernels
/// spread over the cores themselves).
public final class Network {
    public let spec: ModelSpec
    let layers: [Layer]
    /// Per-example output shape of each layer.
    let shapes: [[Int]]
    let endsInSoftmax: Bool
    /// Floats per example at the input and each layer output.
    let sizes: [Int]

    /// Training buffers: `outputs[0]` is the input batch, `outputs[i]` layer i's output;
    /// `gradients[i]` = ∂loss/∂outputs[i]. Grown to the largest batch seen, then reused.
    let outputs: [FloatBuffer]
    let gradients: [FloatBuffer]
    /// The first layer with a trainable parameter (`layers.count` when none has one). Training
    /// needs no backward through the layers before it, nor the gradient of its own input: the
    /// blog NN's first dense layer follows a flatten, and its `[B, 784]` input gradient had been
    /// a quarter of the step's multiply-adds.
    let firstTrainable: Int
    /// Inference alternates between two buffers, since nothing is kept for a backward pass.
    let ping = FloatBuffer(), pong = FloatBuffer()

    public init(spec: ModelSpec, rng: inout SeededRandom) throws {
        let shapes = try spec.outputShapes()
        guard let last = spec.layers.last else { throw ModelError.emptyModel(operation: "build") }
        self.spec = spec
        self.shapes = shapes
        switch last {
        case .dense(_, .softmax), .conv2d(_, _, _, _, .softmax), .activation(.softmax): endsInSoftmax = true
        default: endsInSoftmax = false
        }
        var built: [Layer] = []
        var input = spec.inputShape
        for (i, layerSpec) in spec.layers.enumerated() {
            let isLast = i == spec.layers.count - 1
            built.append(try makeLayer(layerSpec, index: i + 1, input: input, output: shapes[i],
                                       activationOverride: isLast && endsInSoftmax ? .linear : nil, rng: &rng))
            input = shapes[i]
        }
        layers = built
        firstTrainable = built.firstIndex { $0.parameters.contains(where: \.trainable) } ?? built.count
        sizes = [spec.inputShape.reduce(1, *)] + shapes.map { $0.reduce(1, *) }
        // A flatten only renames the shape: its output and its gradient are its input's buffers,
        // so neither pass copies (100 KB a training step of the blog NN, 8.5 µs).
        var outs = [FloatBuffer()], grads = [FloatBuffer()]
        for layer in built {
            let alias = layer is FlattenLayer
            outs.append(alias ? outs[outs.count - 1] : FloatBuffer())
            grads.append(alias ? grads[grads.count - 1] : FloatBuffer())
        }
        outputs = outs
        gradients = grads
    }

    /// Per-example output shape of the whole network.
    public var outputShape: [Int] { shapes.last ?? [] }

    /// Number of classes, when the output is a vector.
    var classes: Int? { outputShape.count == 1 ? outputShape[0] : nil }

    var allParameters: [Parameter] { layers.flatMap { $0.parameters } }

    /// Trainable and non-trainable (batchnorm moving statistics) parameters in layer order, as copies.
    public var parameters: [NamedTensor] {
        allParameters.map { NamedTensor(name: $0.name, tensor: $0.tensor) }
    }

    /// Replaces every parameter; names and shapes must match this network exactly
    /// (nothing changes when one does not).
    public func setParameters(_ p: [NamedTensor]) throws {
        let own = allParameters
        var byName: [String: Tensor] = [:]
        for t in p { byName[t.name] = t.tensor }
        let known = Set(own.map(\.name))
        if let stray = p.first(where: { !known.contains($0.name) }) { throw ModelError.unknownParameter(name: stray.name) }
        for param in own {
            guard let t = byName[param.name] else { throw ModelError.missingParameter(name: param.name) }
            guard t.shape == param.shape else {
                throw ModelError.parameterShape(name: param.name, expected: param.shape, actual: t.shape)
            }
        }
        for param in own {
            byName[param.name]?.withUnsafeBufferPointer { src in
                if let s = src.baseAddress { param.value.pointer.update(from: s, count: param.count) }
            }
        }
    }

    /// Number of examples in `images` if each one fits the input: the same sizes as the input
    /// shape, ignoring trailing 1s (`[N, 28, 28]` fits `28x28x1`).
    func exampleCount(_ images: Examples, operation: String) throws -> Int {
        func trimmed(_ s: [Int]) -> [Int] {
            var s = s
            while s.count > 1, s.last == 1 { s.removeLast() }
            return s
        }
        let per = Array(images.shape.dropFirst())
        guard images.shape.count >= 2, trimmed(per) == trimmed(spec.inputShape) else {
            throw ModelError.imageShape(operation: operation, expected: spec.inputShape, actual: images.shape)
        }
        return images.shape[0]
    }
}
