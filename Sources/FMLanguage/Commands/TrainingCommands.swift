/// `train [MODEL] epochs=… batch=… …`
public struct Train: Equatable, Sendable {
    public enum Keep: String, CaseIterable, Equatable, Sendable { case best, last }
    public var model: ModelName?
    public var epochs: Int
    public var batch: Int
    public var validation: DatasetName?
    public var stopAt: Double?
    public var keep: Keep
    public var limit: Int?
    public var on: DatasetName
    /// `augment=shift:N`: each epoch's images shifted by up to N pixels each way.
    public var augmentShift: Int?
    public var patience: Int?
    public var shuffle: Bool
    public var labelSmoothing: Double

    init(_ words: inout WordReader, _ options: OptionValues) throws {
        model = ModelTarget(&words).model
        epochs = try options.required(options.int("epochs"), "epochs")
        batch = try options.required(options.int("batch"), "batch")
        validation = options.located("validation")
        stopAt = options.double("stop_at")
        keep = try options.required(options.choice("keep"), "keep")
        limit = options.int("limit")
        on = try options.required(options.located("on"), "on")
        patience = options.int("patience")
        shuffle = options.bool("shuffle") ?? true
        labelSmoothing = try options.required(options.double("label_smoothing"), "label_smoothing")
        if let text = options.name("augment") {
            guard text.hasPrefix("shift:"), let n = Int(text.dropFirst(6)), (1...14).contains(n) else {
                throw CommandError.badValue(name: "augment", text: text, expected: "shift:N with N from 1 to 14, e.g. augment=shift:2",
                                            at: options.span("augment"))
            }
            augmentShift = n
        }
    }

    var text: String {
        var t = CommandText("train")
        t.word(model?.value)
        t.option("epochs", epochs)
        t.option("batch", batch)
        t.option("validation", validation?.value)
        t.option("stop_at", stopAt)
        t.option("keep", keep.rawValue)
        t.option("limit", limit)
        t.option("on", on.value)
        t.option("augment", augmentShift.map { "shift:\($0)" })
        t.option("patience", patience)
        t.option("shuffle", shuffle)
        t.option("label_smoothing", labelSmoothing)
        return t.text
    }
}

/// `evaluate MODEL... [on DATA] [by=class] [limit=N]`
public struct Evaluate: Equatable, Sendable {
    /// Empty: the current model.
    public var models: [ModelName]
    /// Nil: `test`.
    public var data: DataSelection?
    public var byClass: Bool
    public var limit: Int?

    init(_ words: inout WordReader, _ options: OptionValues) throws {
        models = words.models(until: ["on"])
        if words.take("on") { data = try words.data("a dataset after `on`") }
        byClass = options.name("by") == "class"
        limit = options.int("limit")
    }

    var text: String {
        var t = CommandText("evaluate")
        models.forEach { t.word($0.value) }
        if let data { t.word("on"); t.word(data.text) }
        t.option("by", byClass ? "class" : nil)
        t.option("limit", limit)
        return t.text
    }
}

/// `predict MODEL... DATA[i..j] [to "FILE"]`
public struct Predict: Equatable, Sendable {
    public var models: [ModelName]
    public var data: DataSelection
    public var file: FilePath?

    init(_ words: inout WordReader) throws {
        var names: [Word] = []
        while let w = words.peek(), !words.sees("to") { names.append(w); _ = words.next() }
        guard let last = names.popLast() else { throw words.missing("images such as `test[0]`") }
        models = try names.map { w in
            guard let n = w.name else { throw CommandError.expected(what: "a model name", got: w.text, at: Span(w)) }
            return Located(n, at: Span(w))
        }
        data = try WordReader.data(last)
        file = try words.destination()
    }

    var text: String {
        var t = CommandText("predict")
        models.forEach { t.word($0.value) }
        t.word(data.text)
        t.to(file)
        return t.text
    }
}

/// `mistakes [MODEL] [on DATA] [to "FILE"] [count=N] [limit=N]`
public struct Mistakes: Equatable, Sendable {
    public var model: ModelName?
    public var data: DataSelection?
    public var file: FilePath?
    public var count: Int
    public var limit: Int?

    init(_ words: inout WordReader, _ options: OptionValues) throws {
        if let w = words.peek(), let n = w.name, n != "on", n != "to" {
            model = Located(n, at: Span(w))
            _ = words.next()
        }
        if words.take("on") { data = try words.data("a dataset after `on`") }
        file = try words.destination()
        count = try options.required(options.int("count"), "count")
        limit = options.int("limit")
    }

    var text: String {
        var t = CommandText("mistakes")
        t.word(model?.value)
        if let data { t.word("on"); t.word(data.text) }
        t.to(file)
        t.option("count", count)
        t.option("limit", limit)
        return t.text
    }
}
