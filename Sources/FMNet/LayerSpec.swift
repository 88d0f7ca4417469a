import FMTensor

/// padding of conv2d, as Keras: `valid` (no padding) or `same` (output side = ⌈input / stride⌉).
public enum Padding: String, Codable, Sendable { case same, valid }

/// One layer of a Sequential model, as the user wrote it. Shapes are per example, channels last.
public enum LayerSpec: Codable, Equatable, Sendable {
    case flatten
    case dense(units: Int, activation: Activation)
    case conv2d(filters: Int, kernel: [Int], strides: [Int], padding: Padding, activation: Activation)
    case maxpool(pool: [Int], strides: [Int])        // Keras default strides = pool
    case avgpool(pool: [Int], strides: [Int])
    case globalavgpool
    case dropout(rate: Double)
    case batchnorm(momentum: Double, epsilon: Double)
    case activation(Activation)

    /// Keras's BatchNormalization defaults: momentum 0.99, epsilon 1e-3.
    public static let batchnormDefaults = LayerSpec.batchnorm(momentum: 0.99, epsilon: 1e-3)

    /// "dense", "conv2d", "maxpool", … and for an activation layer its function ("relu").
    public var kind: String {
        switch self {
        case .flatten: return "flatten"
        case .dense: return "dense"
        case .conv2d: return "conv2d"
        case .maxpool: return "maxpool"
        case .avgpool: return "avgpool"
        case .globalavgpool: return "globalavgpool"
        case .dropout: return "dropout"
        case .batchnorm: return "batchnorm"
        case let .activation(a): return a.rawValue
        }
    }

    /// How the layer reads in messages: "conv2d 64 3x3 same", "maxpool 2x2", "dense 10".
    public var label: String {
        switch self {
        case let .dense(units, _): return "dense \(units)"
        case let .conv2d(f, k, s, p, _):
            let stride = s.allSatisfy { $0 == 1 } ? "" : " strides=\(Tensor.describe(s))"
            return "conv2d \(f) \(Tensor.describe(k)) \(p.rawValue)\(stride)"
        case let .maxpool(p, _): return "maxpool \(Tensor.describe(p))"
        case let .avgpool(p, _): return "avgpool \(Tensor.describe(p))"
        case let .dropout(rate): return "dropout \(rate)"
        default: return kind
        }
    }

    /// Output shape for a per-example input shape; throws a `ModelError` naming this layer and
    /// both shapes when the layer does not fit.
    public func outputShape(for input: [Int]) throws -> [Int] {
        try outputShape(for: input, source: "the previous layer")
    }

    func outputShape(for input: [Int], source: String) throws -> [Int] {
        guard !input.isEmpty, input.allSatisfy({ $0 > 0 }) else { throw ModelError.invalidInputShape(input) }
        switch self {
        case .flatten:
            guard let count = CheckedSize.product(input) else { throw ModelError.tooLarge(layer: label, input: input) }
            return [count]
        case let .dense(units, _):
            guard units > 0 else { throw ModelError.invalidLayer(layer: label, reason: "needs at least 1 unit") }
            guard input.count == 1 else {
                throw ModelError.wrongInputRank(layer: "dense", needs: "a 1-D input (add flatten or globalavgpool first)", got: input, source: source)
            }
            return [units]
        case let .conv2d(filters, _, _, _, _):
            guard filters > 0 else { throw ModelError.invalidLayer(layer: label, reason: "needs at least 1 filter") }
            let g = try geometry(for: input, source: source)
            return [g.outH, g.outW, filters]
        case .maxpool, .avgpool:
            let g = try geometry(for: input, source: source)
            return [g.outH, g.outW, g.channels]
        case .globalavgpool:
            guard input.count == 3 else { throw rank3(input, source) }
            return [input[2]]
        case let .dropout(rate):
            guard rate >= 0, rate < 1 else { throw ModelError.invalidLayer(layer: label, reason: "the rate must lie in [0, 1)") }
            return input
        case let .batchnorm(momentum, epsilon):
            guard momentum >= 0, momentum <= 1, epsilon > 0 else {
                throw ModelError.invalidLayer(layer: label, reason: "needs 0 ≤ momentum ≤ 1 and epsilon > 0")
            }
            return input
        case .activation:
            return input
        }
    }

    private func rank3(_ input: [Int], _ source: String) -> ModelError {
        .wrongInputRank(layer: kind, needs: "a 3-D input (height x width x channels)", got: input, source: source)
    }

    /// Window geometry of conv2d and the pools; nil for other layers.
    func geometry(for input: [Int], source: String = "the previous layer") throws -> WindowGeometry {
        let window: [Int], strides: [Int], same: Bool
        switch self {
        case let .conv2d(_, k, s, p, _): window = k; strides = s; same = p == .same
        case let .maxpool(p, s), let .avgpool(p, s): window = p; strides = s.isEmpty ? p : s; same = false
        default: throw ModelError.invalidLayer(layer: label, reason: "has no window")
        }
        guard input.count == 3 else { throw rank3(input, source) }
        guard let (kh, kw) = LayerSpec.pair(window), let (sh, sw) = LayerSpec.pair(strides) else {
            throw ModelError.invalidLayer(layer: label, reason: "window and strides need one or two positive sizes, such as 3x3")
        }
        let limit = CheckedSize.maximumWindowSide
        guard max(kh, kw, sh, sw) <= limit else {
            throw ModelError.invalidLayer(layer: label, reason: "window and stride sides are at most \(limit)")
        }
        guard input[0] <= Int(Int32.max), input[1] <= Int(Int32.max) else { throw ModelError.tooLarge(layer: label, input: input) }
        let g = WindowGeometry(height: input[0], width: input[1], channels: input[2], kernel: (kh, kw), strides: (sh, sw), same: same)
        guard g.outH > 0, g.outW > 0 else {
            throw ModelError.shrinksToZero(layer: label, input: input, output: [g.outH, g.outW, input[2]])
        }
        return g
    }

    /// `[3]` → (3, 3); `[3, 2]` → (3, 2); anything else (or non-positive) → nil.
    static func pair(_ v: [Int]) -> (Int, Int)? {
        guard v.allSatisfy({ $0 > 0 }) else { return nil }
        switch v.count {
        case 1: return (v[0], v[0])
        case 2: return (v[0], v[1])
        default: return nil
        }
    }

    /// Trainable and non-trainable values (Keras counts batchnorm's moving statistics too);
    /// `Int.max` when the count does not fit in an `Int`.
    public func parameterCount(for input: [Int]) -> Int {
        CheckedSize.saturating(parameterParts(for: input).reduce(0 as Int?) { total, part in
            total.flatMap { t in part.count.flatMap { CheckedSize.sum([t, $0]) } }
        })
    }

    /// The layer's parameter tensors as (name, element count, trainable); a count is nil when it
    /// overflows `Int`. The names are those the messages use ("kernel", "bias", "moving mean").
    func parameterParts(for input: [Int]) -> [(name: String, count: Int?, trainable: Bool)] {
        let channels = input.last ?? 0
        switch self {
        case let .dense(units, _):
            return [("kernel", CheckedSize.product(channels, units), true), ("bias", units, true)]
        case let .conv2d(filters, k, _, _, _):
            guard let (kh, kw) = LayerSpec.pair(k) else { return [] }
            return [("kernel", CheckedSize.product(kh, kw, channels, filters), true), ("bias", filters, true)]
        case .batchnorm:
            return [("gamma", channels, true), ("beta", channels, true),
                    ("moving mean", channels, false), ("moving variance", channels, false)]
        default:
            return []
        }
    }

    /// Forward FLOPs per example: 2 per multiply-add in dense and conv2d (plus 1 per bias add and
    /// per activated element), 1 per window element in the pools, 1 per input element in
    /// globalavgpool, 2 per element in batchnorm and dropout. 0 when the layer does not fit;
    /// `Int.max` when the count does not fit in an `Int`.
    public func flops(for input: [Int]) -> Int {
        guard let out = try? outputShape(for: input) else { return 0 }
        guard let inCount = CheckedSize.product(input), let outCount = CheckedSize.product(out) else { return Int.max }
        let s = { (a: Int?, b: Int?) in a.flatMap { a in b.flatMap { CheckedSize.sum([a, $0]) } } }
        switch self {
        case let .dense(_, a):
            return CheckedSize.saturating(s(CheckedSize.product(2, inCount, outCount), CheckedSize.product(outCount, 1 + a.flopsPerElement)))
        case let .conv2d(_, k, _, _, a):
            guard let (kh, kw) = LayerSpec.pair(k) else { return 0 }
            return CheckedSize.saturating(s(CheckedSize.product([2, outCount, kh, kw, input.last ?? 0]), CheckedSize.product(outCount, 1 + a.flopsPerElement)))
        case let .maxpool(pool, _), let .avgpool(pool, _):
            guard let (ph, pw) = LayerSpec.pair(pool) else { return 0 }
            return CheckedSize.saturating(CheckedSize.product(outCount, ph, pw))
        case .globalavgpool: return inCount
        case .dropout, .batchnorm: return CheckedSize.saturating(CheckedSize.product(2, inCount))
        case let .activation(a): return CheckedSize.saturating(CheckedSize.product(inCount, a.flopsPerElement))
        case .flatten: return 0
        }
    }
}
