import FMLanguage
import FMNet

/// Turns `add conv2d 64 3x3 same relu` (positional words and options) into a `LayerSpec`.
struct LayerBuilder {
    let kind: String
    let kindWord: Word
    let numbers: [Word]
    let shapes: [Word]
    let names: [Word]
    let statement: Statement

    func build() throws -> LayerSpec {
        switch kind {
        case "flatten": try none(); return .flatten
        case "globalavgpool", "global_average_pooling", "globalaveragepooling2d": try none(); return .globalavgpool
        case "dense":
            let units = try count("units", "dense needs a number of units, e.g. `add dense 256 relu`")
            try onlyNames(allowed: Activation.allCases.map(\.rawValue))
            return .dense(units: units, activation: try activation())
        case "conv2d":
            let filters = try count("filters", "conv2d needs a number of filters, e.g. `add conv2d 64 3x3 same relu`")
            let kernel = try pair("kernel", positional: shapes.first, default: nil, example: "3x3")
            let strides = try pair("strides", positional: nil, default: [1, 1], example: "1x1")
            try onlyNames(allowed: Activation.allCases.map(\.rawValue) + ["same", "valid"])
            return .conv2d(filters: filters, kernel: kernel, strides: strides, padding: try padding(), activation: try activation())
        case "maxpool", "avgpool", "maxpool2d", "avgpool2d":
            let pool = try pair("pool", positional: shapes.first, default: [2, 2], example: "2x2")
            let strides = try pair("strides", positional: nil, default: pool, example: "2x2")
            try onlyNames(allowed: [])
            return kind.hasPrefix("max") ? .maxpool(pool: pool, strides: strides) : .avgpool(pool: pool, strides: strides)
        case "dropout":
            let rate = statement.double("rate") ?? numbers.first?.double
            guard let rate, rate >= 0, rate < 1 else {
                throw ShellError("dropout needs a rate from 0 up to (not including) 1, e.g. `add dropout 0.25`", at: numbers.first ?? kindWord)
            }
            try onlyNames(allowed: [])
            return .dropout(rate: rate)
        case "batchnorm", "batchnormalization":
            try onlyNames(allowed: [])
            return .batchnorm(momentum: statement.double("momentum") ?? 0.99, epsilon: statement.double("epsilon") ?? 1e-3)
        default:
            if let a = Activation(rawValue: kind), a != .linear { try none(); return .activation(a) }
            let hint = suggestion(for: kind, among: StatementTable.layerNames).map { "; did you mean `\($0)`?" } ?? ""
            throw ShellError("unknown layer `\(kind)`\(hint)", at: kindWord)
        }
    }

    private func none() throws {
        if let w = numbers.first ?? shapes.first ?? names.first { throw ShellError("\(kind) takes no `\(w.text)`", at: w) }
    }

    private func count(_ option: String, _ message: String) throws -> Int {
        if let o = statement.option(option) {
            guard let v = o.value.int, v > 0 else { throw ShellError("`\(option)` must be a whole number above 0", at: o) }
            return v
        }
        guard let w = numbers.first else { throw ShellError(message, at: kindWord) }
        guard let v = w.int, v > 0 else { throw ShellError("\(kind) needs a whole number of \(option) above 0, got `\(w.text)`", at: w) }
        if numbers.count > 1 { throw ShellError("unexpected `\(numbers[1].text)`", at: numbers[1]) }
        return v
    }

    private func pair(_ option: String, positional: Word?, default value: [Int]?, example: String) throws -> [Int] {
        let word = statement.option(option)?.value ?? positional
        guard let word else {
            if let value { return value }
            throw ShellError("\(kind) needs `\(option)`, e.g. `\(example)`", at: kindWord)
        }
        switch word.value {
        case let .shape(s) where s.count == 2 && s.allSatisfy({ $0 > 0 }): return s
        case .number: if let n = word.int, n > 0 { return [n, n] }
        default: break
        }
        throw ShellError("`\(option)` must be two sides above 0 such as \(example), got `\(word.text)`", at: word)
    }

    private func onlyNames(allowed: [String]) throws {
        for w in names where !allowed.contains(w.name ?? "") {
            let hint = suggestion(for: w.text, among: allowed).map { "; did you mean `\($0)`?" } ?? ""
            throw ShellError("`\(w.text)` does not apply to \(kind)\(hint)", at: w)
        }
    }

    private func activation() throws -> Activation {
        if let o = statement.option("activation") {
            guard let a = o.value.name.flatMap(Activation.init(rawValue:)) else { throw ShellError("unknown activation `\(o.value.text)`", at: o) }
            return a
        }
        let given = names.compactMap { $0.name.flatMap(Activation.init(rawValue:)) }
        return given.last ?? .linear
    }

    private func padding() throws -> Padding {
        if let p = statement.name("padding").flatMap(Padding.init(rawValue:)) { return p }
        return names.compactMap { $0.name.flatMap(Padding.init(rawValue:)) }.last ?? .valid
    }
}
