/// `load fashion-mnist|idx|npy|image|images …`
public struct Load: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        case fashionMNIST(directory: FilePath?)
        case idx(images: FilePath, labels: FilePath, name: DatasetName)
        case npy(images: FilePath, labels: FilePath?, name: DatasetName)
        case image(FilePath, name: DatasetName)
        case images(folder: FilePath, name: DatasetName)
    }
    public enum Invert: String, CaseIterable, Equatable, Sendable { case auto, yes, no }

    public var source: Source
    /// Where the kind word stands (`fashion-mnist`), for errors while reading the files.
    public var kindSpan: Span
    public var limit: Int?
    public var invert: Invert

    static let kinds = ["fashion-mnist", "idx", "npy", "image", "images"]

    /// Equal when they load the same, wherever they were written.
    public static func == (a: Load, b: Load) -> Bool { a.source == b.source && a.limit == b.limit && a.invert == b.invert }

    init(_ words: inout WordReader, _ options: OptionValues) throws {
        let kind = try words.name("what to load: fashion-mnist, idx, npy, image or images")
        kindSpan = kind.span
        limit = options.int("limit")
        invert = try options.required(options.choice("invert"), "invert")
        func asName() throws -> DatasetName {
            guard words.take("as") else { throw words.missing("`as NAME` to name the dataset") }
            return try words.name("a dataset name after `as`")
        }
        switch kind.value {
        case "fashion-mnist", "fashion_mnist":
            source = .fashionMNIST(directory: words.take("from") ? try words.string("a folder after `from`") : nil)
        case "idx":
            let images = try words.string("the images file"), labels = try words.string("the labels file")
            source = .idx(images: images, labels: labels, name: try asName())
        case "npy":
            let images = try words.string("the images .npy file")
            let labels = options.string("labels").map { FilePath($0, at: options.span("labels")) }
            source = .npy(images: images, labels: labels, name: try asName())
        case "image":
            let path = try words.string("a PNG or JPEG file")
            source = .image(path, name: try asName())
        case "images":
            let folder = try words.string("a folder of photos")
            source = .images(folder: folder, name: try asName())
        default:
            throw CommandError.unknownWord(what: "cannot load", text: kind.value, expected: "fashion-mnist, idx, npy, image or images",
                                           suggestion: suggestion(for: kind.value, among: Load.kinds), at: kind.span)
        }
    }

    var text: String {
        var t = CommandText("load")
        switch source {
        case let .fashionMNIST(directory):
            t.word("fashion-mnist")
            if let directory { t.word("from"); t.quoted(directory.value) }
        case let .idx(images, labels, name): t.word("idx"); t.quoted(images.value); t.quoted(labels.value); t.word("as"); t.word(name.value)
        case let .npy(images, labels, name):
            t.word("npy"); t.quoted(images.value); t.last("as", name.value)
            t.option("labels", quoted: labels?.value)
        case let .image(path, name): t.word("image"); t.quoted(path.value); t.word("as"); t.word(name.value)
        case let .images(folder, name): t.word("images"); t.quoted(folder.value); t.word("as"); t.word(name.value)
        }
        t.option("limit", limit)
        t.option("invert", invert.rawValue)
        return t.text
    }
}

/// `export DATASET|MODEL to "FILE" [labels=true]`
public struct Export: Equatable, Sendable {
    /// A model or a dataset: which one is known only to the session.
    public var subject: Located<String>
    public var file: FilePath
    public var labels: Bool

    init(_ words: inout WordReader, _ options: OptionValues) throws {
        subject = try words.name("a dataset or model to export")
        guard let file = try words.destination() else { throw words.missing("`to \"FILE\"`") }
        self.file = file
        labels = options.bool("labels") ?? false
    }

    var text: String {
        var t = CommandText("export")
        t.word(subject.value)
        t.to(file)
        t.option("labels", labels)
        return t.text
    }
}

/// `translate DATA as NAME` with one transform.
public struct Translate: Equatable, Sendable {
    public enum Corner: String, CaseIterable, Equatable, Sendable { case topLeft = "top-left", bottomRight = "bottom-right", random }
    public enum Transform: Equatable, Sendable {
        case corner(Corner), shift(dx: Int, dy: Int), random(Int), rotate(Double), scale(Double)
    }
    public var data: DataSelection
    public var name: DatasetName
    public var transform: Transform
    public var limit: Int?

    init(_ words: inout WordReader, _ options: OptionValues) throws {
        data = try words.data("a dataset such as `test`")
        guard words.take("as") else { throw words.missing("`as NAME` to name the result") }
        name = try words.name("a name after `as`")
        if name.value == data.dataset.value { throw CommandError.rule(.sameName(name.value), at: name.span) }
        limit = options.int("limit")
        if let corner: Corner = options.choice("corner") { transform = .corner(corner) }
        else if options.isGiven("dx") || options.isGiven("dy") { transform = .shift(dx: options.int("dx") ?? 0, dy: options.int("dy") ?? 0) }
        else if let n = options.int("random") { transform = .random(n) }
        else if let r = options.double("rotate") { transform = .rotate(r) }
        else { transform = .scale(try options.required(options.double("scale"), "scale")) }
    }

    var text: String {
        var t = CommandText("translate")
        t.word(data.text)
        switch transform {
        case let .corner(c): t.option("corner", c.rawValue)
        case let .shift(dx, dy): t.option("dx", dx); t.option("dy", dy)
        case let .random(n): t.option("random", n)
        case let .rotate(r): t.option("rotate", r)
        case let .scale(s): t.option("scale", s)
        }
        t.option("limit", limit)
        t.last("as", name.value)
        return t.text
    }
}
