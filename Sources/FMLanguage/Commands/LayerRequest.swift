/// A layer as `add` asks for it, before the engine builds it. The interpreter maps it onto
/// FMNet's `LayerSpec` case by case; the names are the language's.
public enum LayerRequest: Equatable, Sendable {
    public enum Activation: String, CaseIterable, Equatable, Sendable { case linear, relu, leaky_relu, sigmoid, tanh, softmax }
    public enum Padding: String, CaseIterable, Equatable, Sendable { case same, valid }

    case flatten
    case globalavgpool
    case dense(units: Int, activation: Activation)
    case conv2d(filters: Int, kernel: [Int], strides: [Int], padding: Padding, activation: Activation)
    case maxpool(pool: [Int], strides: [Int])
    case avgpool(pool: [Int], strides: [Int])
    case dropout(rate: Double)
    case batchnorm(momentum: Double, epsilon: Double)
    case activation(Activation)

    /// The language's name of the layer: `dense`, `conv2d`, `relu`, ….
    public var kind: String {
        switch self {
        case .flatten: return "flatten"
        case .globalavgpool: return "globalavgpool"
        case .dense: return "dense"
        case .conv2d: return "conv2d"
        case .maxpool: return "maxpool"
        case .avgpool: return "avgpool"
        case .dropout: return "dropout"
        case .batchnorm: return "batchnorm"
        case let .activation(a): return a.rawValue
        }
    }
}

/// Reads `add conv2d 64 3x3 same relu` (positional words and options) into a `LayerRequest`.
/// Aliases: `global_average_pooling` and `globalaveragepooling2d` for `globalavgpool`,
/// `maxpool2d`/`avgpool2d`, `batchnormalization` (Keras's names).
struct LayerReader {
    let kind: Located<String>
    let numbers: [Word]
    let shapes: [Word]
    let names: [Word]
    let options: OptionValues

    static let aliases = ["global_average_pooling": "globalavgpool", "globalaveragepooling2d": "globalavgpool",
                          "maxpool2d": "maxpool", "avgpool2d": "avgpool", "batchnormalization": "batchnorm"]

    func read() throws -> LayerRequest {
        let name = LayerReader.aliases[kind.value] ?? kind.value
        switch name {
        case "flatten": try none(); return .flatten
        case "globalavgpool": try none(); return .globalavgpool
        case "dense":
            let units = try count("units", example: "add dense 256 relu")
            try onlyNames(allowed: LayerRequest.Activation.allCases.map(\.rawValue))
            return .dense(units: units, activation: activation())
        case "conv2d":
            let filters = try count("filters", example: "add conv2d 64 3x3 same relu")
            let kernel = try pair("kernel", positional: shapes.first, default: nil, example: "3x3")
            let strides = try pair("strides", positional: nil, default: [1, 1], example: "1x1")
            try onlyNames(allowed: LayerRequest.Activation.allCases.map(\.rawValue) + ["same", "valid"])
            return .conv2d(filters: filters, kernel: kernel, strides: strides, padding: padding(), activation: activation())
        case "maxpool", "avgpool":
            let pool = try pair("pool", positional: shapes.first, default: [2, 2], example: "2x2")
            let strides = try pair("strides", positional: nil, default: pool, example: "2x2")
            try onlyNames(allowed: [])
            return name == "maxpool" ? .maxpool(pool: pool, strides: strides) : .avgpool(pool: pool, strides: strides)
        case "dropout":
            let rate = options.double("rate") ?? numbers.first?.double
            guard let rate, rate >= 0, rate < 1 else { throw CommandError.rule(.dropoutRate, at: numbers.first.map(Span.init) ?? kind.span) }
            try onlyNames(allowed: [])
            return .dropout(rate: rate)
        case "batchnorm":
            try onlyNames(allowed: [])
            return .batchnorm(momentum: try options.required(options.double("momentum"), "momentum"),
                              epsilon: try options.required(options.double("epsilon"), "epsilon"))
        default:
            if let a = LayerRequest.Activation(rawValue: name), a != .linear { try none(); return .activation(a) }
            throw CommandError.unknownWord(what: "unknown layer", text: kind.value, expected: nil,
                                           suggestion: suggestion(for: kind.value, among: StatementTable.layerNames), at: kind.span)
        }
    }

    private func none() throws {
        if let w = numbers.first ?? shapes.first ?? names.first {
            throw CommandError.notForLayer(layer: kind.value, text: w.text, suggestion: nil, at: Span(w))
        }
    }

    private func count(_ option: String, example: String) throws -> Int {
        if options.isGiven(option), let v = options.int(option) {
            guard v > 0 else { throw CommandError.outOfRange(name: option, text: String(v), bound: "a whole number above 0", at: options.span(option)) }
            return v
        }
        guard let w = numbers.first else {
            throw CommandError.rule(.layerNeeds(layer: kind.value, what: "a number of \(option)", example: example), at: kind.span)
        }
        guard let v = w.int, v > 0 else { throw CommandError.outOfRange(name: option, text: w.text, bound: "a whole number above 0", at: Span(w)) }
        if numbers.count > 1 { throw CommandError.unexpected(text: numbers[1].text, context: nil, at: Span(numbers[1])) }
        return v
    }

    private func pair(_ option: String, positional: Word?, default value: [Int]?, example: String) throws -> [Int] {
        guard let word = options.isGiven(option) ? options.word(option) : positional else {
            if let value { return value }
            throw CommandError.rule(.layerNeeds(layer: kind.value, what: "`\(option)`", example: example), at: kind.span)
        }
        if let s = word.shape, s.count == 2 { return s }
        if let n = word.int, n > 0 { return [n, n] }
        throw CommandError.badValue(name: option, text: word.text, expected: "two sides above 0 such as \(example)", at: Span(word))
    }

    private func onlyNames(allowed: [String]) throws {
        for w in names where !allowed.contains(w.name ?? "") {
            throw CommandError.notForLayer(layer: kind.value, text: w.text, suggestion: suggestion(for: w.text, among: allowed), at: Span(w))
        }
    }

    private func activation() -> LayerRequest.Activation {
        if let a: LayerRequest.Activation = options.choice("activation") { return a }
        return names.compactMap { $0.name.flatMap(LayerRequest.Activation.init(rawValue:)) }.last ?? .linear
    }

    private func padding() -> LayerRequest.Padding {
        if let p: LayerRequest.Padding = options.choice("padding") { return p }
        return names.compactMap { $0.name.flatMap(LayerRequest.Padding.init(rawValue:)) }.last ?? .valid
    }
}
