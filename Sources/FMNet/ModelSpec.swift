import FMTensor

/// A Sequential model's architecture: the per-example input shape (channels last, `[28, 28]` or
/// `[28, 28, 1]`) and its layers. An `[H, W]` input fed to conv2d is an error: conv2d needs `[H, W, C]`.
public struct ModelSpec: Codable, Equatable, Sendable {
    public var inputShape: [Int]
    public var layers: [LayerSpec]

    public init(inputShape: [Int], layers: [LayerSpec] = []) {
        self.inputShape = inputShape
        self.layers = layers
    }

    /// Per-example output shape of every layer, in order. The first misfit throws.
    public func outputShapes() throws -> [[Int]] {
        guard !inputShape.isEmpty, inputShape.count <= 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw ModelError.invalidInputShape(inputShape)
        }
        guard CheckedSize.product(inputShape) != nil else { throw ModelError.tooLarge(layer: "the model input", input: inputShape) }
        var shape = inputShape
        var result: [[Int]] = []
        for (i, layer) in layers.enumerated() {
            let source = i == 0 ? "the model input" : "layer \(i) (\(layers[i - 1].label))"
            shape = try layer.outputShape(for: shape, source: source)
            // Every later count (activations per example, FLOPs) starts from this product.
            guard CheckedSize.product(shape) != nil else { throw ModelError.tooLarge(layer: layer.label, input: shape) }
            result.append(shape)
        }
        return result
    }

    /// Total of trainable and non-trainable values (0 if the stack does not fit, `Int.max` if
    /// the total does not fit in an `Int`).
    public var parameterCount: Int {
        guard let shapes = try? outputShapes() else { return 0 }
        var input = inputShape, total: Int? = 0
        for (layer, out) in zip(layers, shapes) {
            total = total.flatMap { CheckedSize.sum([$0, layer.parameterCount(for: input)]) }
            input = out
        }
        return CheckedSize.saturating(total)
    }

    /// Appends `layer` if it fits after the current stack; otherwise throws and changes nothing.
    public mutating func append(_ layer: LayerSpec) throws {
        var candidate = self
        candidate.layers.append(layer)
        _ = try candidate.outputShapes()
        self = candidate
    }

    /// Receptive field of each layer's output, as a side length in input pixels (height axis):
    /// `r ← r + (k − 1)·j`, `j ← j·s` through windows; flatten, dense and globalavgpool see the
    /// whole input, so they report its full size (the larger side).
    public func receptiveFields() -> [Int] {
        let full = inputShape.prefix(2).max() ?? 1
        var r = 1, jump = 1, global = false
        return layers.map { layer in
            switch layer {
            case let .conv2d(_, k, s, _, _), let .maxpool(k, s), let .avgpool(k, s):
                let kh = LayerSpec.pair(k)?.0 ?? 1
                let sh = LayerSpec.pair(s.isEmpty ? k : s)?.0 ?? 1
                if !global {
                    r = CheckedSize.saturating(CheckedSize.product(kh - 1, jump).flatMap { CheckedSize.sum([r, $0]) })
                    jump = CheckedSize.saturating(CheckedSize.product(jump, sh))
                }
            case .flatten, .dense, .globalavgpool:
                global = true
            default:
                break
            }
            return global ? full : r
        }
    }

    /// Forward FLOPs per example over all layers.
    public func flopsPerExample() -> Int {
        guard let shapes = try? outputShapes() else { return 0 }
        var input = inputShape, total: Int? = 0
        for (layer, out) in zip(layers, shapes) {
            total = total.flatMap { CheckedSize.sum([$0, layer.flops(for: input)]) }
            input = out
        }
        return CheckedSize.saturating(total)
    }
}
