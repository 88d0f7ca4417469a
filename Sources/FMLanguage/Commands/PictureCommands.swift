/// `show DATA[i..j]`, `show filters MODEL`, `show activations MODEL DATA[i]`, `show image "PHOTO"`,
/// each `[to "FILE"]`.
public struct Show: Equatable, Sendable {
    public enum Subject: Equatable, Sendable {
        case images(DataSelection)
        case filters(ModelName)
        case activations(ModelName, DataSelection)
        /// A PNG or JPEG file before and after `load image` prepares it.
        case photo(FilePath)
    }
    public var subject: Subject
    public var file: FilePath?
    /// Counted from 1; nil: the statement's default layer.
    public var layer: Located<Int>?
    public var columns: Int?

    init(_ words: inout WordReader, _ options: OptionValues) throws {
        if words.take("filters") {
            subject = .filters(try words.name("a model after `show filters`"))
        } else if words.take("activations") {
            let model = try words.name("a model after `show activations`")
            subject = .activations(model, try words.data("an image such as `test[0]`"))
        } else if words.sees("image"), words.peek(1)?.string != nil {
            // Only with a quoted file after it: a dataset may be called `image`.
            _ = words.take("image")
            subject = .photo(try words.string("a PNG or JPEG file"))
        } else {
            subject = .images(try words.data("a dataset such as `test[0..11]`"))
        }
        file = try words.destination()
        layer = options.int("layer").map { Located($0, at: options.span("layer")) }
        columns = options.int("columns")
    }

    var text: String {
        var t = CommandText("show")
        switch subject {
        case let .images(data): t.word(data.text)
        case let .filters(model): t.word("filters"); t.word(model.value)
        case let .activations(model, data): t.word("activations"); t.word(model.value); t.word(data.text)
        case let .photo(path): t.word("image"); t.quoted(path.value)
        }
        t.to(file)
        t.option("layer", layer?.value)
        t.option("columns", columns)
        return t.text
    }
}

/// `shiftmap MODEL... [on DATASET] [to "FILE"] range=… step=… limit=…`
public struct Shiftmap: Equatable, Sendable {
    public var models: [ModelName]
    public var data: DatasetName?
    public var file: FilePath?
    public var range: ClosedRange<Int>
    public var step: Int
    public var limit: Int

    /// Shifts tried in each direction, at most this many.
    static let widest = 41

    init(_ words: inout WordReader, _ options: OptionValues) throws {
        models = words.models(until: ["on", "to"])
        if words.take("on") { data = try words.name("a dataset after `on`") }
        file = try words.destination()
        range = try options.required(options.range("range"), "range")
        step = try options.required(options.int("step"), "step")
        limit = try options.required(options.int("limit"), "limit")
        guard range.count <= Shiftmap.widest else {
            throw CommandError.outOfRange(name: "range", text: "\(range.lowerBound)..\(range.upperBound)",
                                          bound: "a range such as -6..6, at most \(Shiftmap.widest) wide", at: options.span("range"))
        }
    }

    var text: String {
        var t = CommandText("shiftmap")
        models.forEach { t.word($0.value) }
        if let data { t.word("on"); t.word(data.value) }
        t.to(file)
        t.option("range", "\(range.lowerBound)..\(range.upperBound)")
        t.option("step", step)
        t.option("limit", limit)
        return t.text
    }
}

/// `compare MODEL... [limit=N]`; no models: every model.
public struct Compare: Equatable, Sendable {
    public var models: [ModelName]
    public var limit: Int?

    var text: String {
        var t = CommandText("compare")
        models.forEach { t.word($0.value) }
        t.option("limit", limit)
        return t.text
    }
}

/// `plot MODEL... [to "FILE"] [metric=accuracy|loss]`; no models: every model.
public struct Plot: Equatable, Sendable {
    public enum Metric: String, CaseIterable, Equatable, Sendable { case accuracy, loss }
    public var models: [ModelName]
    public var file: FilePath?
    public var metric: Metric

    init(_ words: inout WordReader, _ options: OptionValues) throws {
        models = words.models(until: ["to"])
        file = try words.destination()
        metric = try options.required(options.choice("metric"), "metric")
    }

    var text: String {
        var t = CommandText("plot")
        models.forEach { t.word($0.value) }
        t.to(file)
        t.option("metric", metric.rawValue)
        return t.text
    }
}

/// `saliency [MODEL] DATA[i] [to "FILE"]`
public struct Saliency: Equatable, Sendable {
    public var model: ModelName?
    public var data: DataSelection
    public var file: FilePath?

    init(_ words: inout WordReader) throws {
        if let w = words.peek(), let n = w.name, n != "to", words.peek(1).map({ $0.name != "to" }) ?? false {
            model = Located(n, at: Span(w))
            _ = words.next()
        }
        data = try words.data("an image such as `test[0]`")
        file = try words.destination()
    }

    var text: String {
        var t = CommandText("saliency")
        t.word(model?.value)
        t.word(data.text)
        t.to(file)
        return t.text
    }
}
