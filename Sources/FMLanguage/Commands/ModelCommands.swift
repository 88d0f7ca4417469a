/// `model NAME input=SHAPE`
public struct ModelDefinition: Equatable, Sendable {
    public var name: ModelName
    public var input: [Int]

    init(_ words: inout WordReader, _ options: OptionValues) throws {
        name = try words.name("a name for the model")
        try words.finish()
        guard let given = words.statement.option("input") else {
            throw words.missing("`input=SHAPE`, e.g. `input=28x28` for a dense network or `input=28x28x1` for a CNN")
        }
        let shape = given.value.shape ?? given.value.int.map { [$0] } ?? []
        guard (1...3).contains(shape.count), shape.allSatisfy({ $0 > 0 }) else {
            throw CommandError.badValue(name: "input", text: given.value.text, expected: "1 to 3 sides above 0 such as 28x28", at: Span(given))
        }
        input = shape
    }

    var text: String {
        var t = CommandText("model")
        t.word(name.value)
        t.option("input", CommandText.shape(input))
        return t.text
    }
}

/// An optional model name; without one the statement works on the current model.
public struct ModelTarget: Equatable, Sendable {
    public var model: ModelName?

    init(model: ModelName?) { self.model = model }

    init(_ words: inout WordReader) {
        if let w = words.peek(), let n = w.name {
            model = Located(n, at: Span(w))
            _ = words.next()
        } else {
            model = nil
        }
    }
}

/// `summary [MODEL] [flops=true]`
public struct Summary: Equatable, Sendable {
    public var model: ModelName?
    public var flops: Bool
}

/// `add LAYER … [to MODEL]`
public struct Add: Equatable, Sendable {
    public var layer: LayerRequest
    /// Where the layer's name stands.
    public var layerSpan: Span
    public var target: ModelName?

    /// Equal when they add the same layer to the same model, wherever they were written.
    public static func == (a: Add, b: Add) -> Bool { a.layer == b.layer && a.target == b.target }

    init(_ words: inout WordReader, _ options: OptionValues) throws {
        let kind = try words.name("a layer: " + StatementTable.layerNames.joined(separator: ", "))
        var numbers: [Word] = [], shapes: [Word] = [], names: [Word] = []
        while let w = words.next() {
            switch w.value {
            case .name("to"):
                target = try words.name("a model name after `to`")
                try words.finish()
            case .number: numbers.append(w)
            case .shape: shapes.append(w)
            case .name: names.append(w)
            default: throw CommandError.unexpected(text: w.text, context: "in a layer", at: Span(w))
            }
        }
        layerSpan = kind.span
        layer = try LayerReader(kind: kind, numbers: numbers, shapes: shapes, names: names, options: options).read()
    }

    var text: String {
        var t = CommandText("add")
        t.word(layer.kind)
        switch layer {
        case let .dense(units, activation):
            t.word(String(units)); t.word(activation == .linear ? nil : activation.rawValue)
        case let .conv2d(filters, kernel, strides, padding, activation):
            t.word(String(filters)); t.word(CommandText.shape(kernel)); t.word(padding.rawValue)
            t.word(activation == .linear ? nil : activation.rawValue)
            if strides != [1, 1] { t.option("strides", CommandText.shape(strides)) }
        case let .maxpool(pool, strides), let .avgpool(pool, strides):
            t.word(CommandText.shape(pool))
            if strides != pool { t.option("strides", CommandText.shape(strides)) }
        case let .dropout(rate): t.word(CommandText.number(rate))
        case let .batchnorm(momentum, epsilon):
            t.option("momentum", momentum); t.option("epsilon", epsilon)
        case .flatten, .globalavgpool, .activation: break
        }
        if let target { t.word("to"); t.word(target.value) }
        return t.text
    }
}

/// `compile [MODEL] optimizer=… lr=… …`
public struct Compile: Equatable, Sendable {
    public enum Optimizer: String, CaseIterable, Equatable, Sendable { case adam, sgd, rmsprop }
    public var model: ModelName?
    public var optimizer: Optimizer
    public var learningRate: Double
    public var loss: String
    public var momentum: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double

    init(_ words: inout WordReader, _ options: OptionValues) throws {
        model = ModelTarget(&words).model
        optimizer = try options.required(options.choice("optimizer"), "optimizer")
        learningRate = try options.required(options.double("lr"), "lr")
        loss = try options.required(options.name("loss"), "loss")
        momentum = try options.required(options.double("momentum"), "momentum")
        beta1 = try options.required(options.double("beta1"), "beta1")
        beta2 = try options.required(options.double("beta2"), "beta2")
        epsilon = try options.required(options.double("epsilon"), "epsilon")
    }

    var text: String {
        var t = CommandText("compile")
        t.word(model?.value)
        t.option("optimizer", optimizer.rawValue)
        t.option("lr", learningRate)
        t.option("loss", loss)
        t.option("momentum", momentum)
        t.option("beta1", beta1)
        t.option("beta2", beta2)
        t.option("epsilon", epsilon)
        return t.text
    }
}

/// `import NAME from "FILE" [like MODEL]`
public struct Import: Equatable, Sendable {
    public var name: ModelName
    public var file: FilePath
    public var like: ModelName?

    init(_ words: inout WordReader) throws {
        name = try words.name("a name for the imported model")
        guard words.take("from") else { throw words.missing("`from \"FILE\"`") }
        file = try words.string("a .safetensors file")
        if words.take("like") { like = try words.name("a model after `like`") }
    }

    var text: String {
        var t = CommandText("import")
        t.word(name.value); t.word("from"); t.quoted(file.value)
        if let like { t.word("like"); t.word(like.value) }
        return t.text
    }
}
