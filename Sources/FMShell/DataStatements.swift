import Foundation
import FMLanguage
import FMTensor
import FMData
import FMGraphics
import FMStore

/// A dataset, or a slice of one, named in a statement: `test`, `test[0]`, `test[0..11]`.
struct DataReference {
    var name: String
    var dataset: Dataset
    var lower: Int?
    var upper: Int?
    var word: Word
    /// Index of the first image in the original dataset.
    var offset: Int { lower ?? 0 }
}

extension Interpreter {
    func datasetEntry(_ name: String, at word: Word) throws -> DatasetEntry {
        guard let e = state.datasets[name] else {
            throw unknown("dataset", name, among: state.datasetOrder, firstHint: "load one first, e.g. `load fashion-mnist`", at: word)
        }
        return e
    }

    /// "no KIND named `x`; did you mean `y`?" — or, when there are none yet, how to make one.
    func unknown(_ kind: String, _ name: String, among names: [String], firstHint: String, at word: Word) -> ShellError {
        let hint = suggestion(for: name, among: names).map { "; did you mean `\($0)`?" } ?? (names.isEmpty ? "; \(firstHint)" : "")
        return ShellError("no \(kind) named `\(name)`\(hint)", at: word)
    }

    func dataReference(_ word: Word) throws -> DataReference {
        switch word.value {
        case let .name(n):
            return DataReference(name: n, dataset: try datasetEntry(n, at: word).dataset, lower: nil, upper: nil, word: word)
        case let .indexed(n, lo, hi):
            let d = try datasetEntry(n, at: word).dataset
            guard lo >= 0, hi >= lo, hi < d.count else {
                throw ShellError("`\(word.text)` is outside `\(n)`, which has images 0..\(d.count - 1)", at: word)
            }
            return DataReference(name: n, dataset: try d.subset(lo...hi), lower: lo, upper: hi, word: word)
        default:
            throw ShellError("expected a dataset such as `test` or `test[0..11]`, got `\(word.text)`", at: word)
        }
    }

    func load(_ st: Statement) throws {
        var args = Arguments(st)
        let (kind, kindWord) = try args.name("what to load: fashion-mnist, idx, npy or image")
        switch kind {
        case "fashion-mnist", "fashion_mnist":
            var directory = FashionMNIST.directory(environment: environment)
            if args.take("from") { directory = absolutePath(try args.string("a folder after `from`").0) }
            try args.finish()
            var (train, test) = try located(at: kindWord) { try FashionMNIST.load(from: directory) }
            (train.source, test.source) = FashionMNIST.imagePaths(in: directory)
            let n = st.int("limit")
            addLoaded("train", limit(train, st), .fashionMNIST(part: "train", directory: directory, limit: n))
            addLoaded("test", limit(test, st), .fashionMNIST(part: "test", directory: directory, limit: n))
        case "idx":
            let (images, iw) = try args.string("the images file")
            let (labels, _) = try args.string("the labels file")
            let name = try asName(&args)
            let d = try located(at: iw) { try IDX.loadPair(images: images, labels: labels) }
            addLoaded(name, limit(d, st), .idx(images: absolutePath(images), labels: absolutePath(labels), limit: st.int("limit")))
        case "npy":
            let (images, iw) = try args.string("the images .npy file")
            let labels = st.stringOption("labels")
            let name = try asName(&args)
            let d = try located(at: iw) { try loadNPY(images: images, labels: labels) }
            addLoaded(name, limit(d, st), .npy(images: absolutePath(images), labels: labels.map(absolutePath), limit: st.int("limit")))
        case "image":
            let (path, pw) = try args.string("a PNG file")
            let name = try asName(&args)
            let invert = st.name("invert") ?? "auto"
            let d = try located(at: pw) { try loadPicture(path, invert: invert) }
            addLoaded(name, d, .image(path: absolutePath(path), invert: invert))
        default:
            let hint = suggestion(for: kind, among: ["fashion-mnist", "idx", "npy", "image"]).map { "; did you mean `\($0)`?" } ?? ""
            throw ShellError("cannot load `\(kind)`: expected fashion-mnist, idx, npy or image\(hint)", at: kindWord)
        }
    }

    private func asName(_ args: inout Arguments) throws -> String {
        guard args.take("as") else { throw args.missing("`as NAME` to name the dataset") }
        let name = try args.name("a dataset name after `as`").0
        try args.finish()
        return name
    }

    private func limit(_ d: Dataset, _ st: Statement) -> Dataset {
        limited(d, st.int("limit"))
    }

    func loadNPY(images: String, labels: String?) throws -> Dataset {
        let x = try NPY.readImages(images)
        let n = x.shape.first ?? 0
        var y = [Int32](repeating: -1, count: n)   // -1: no label
        if let labels {
            y = try NPY.readLabels(labels)
            guard y.count == n else { throw ShellError.plain("\(labels) has \(y.count) labels but \(images) has \(n) images") }
        }
        return Dataset(images: x, labels: y, source: images)
    }

    func loadPicture(_ path: String, invert: String) throws -> Dataset {
        guard let data = FileManager.default.contents(atPath: path) else { throw ShellError.plain("cannot read \(path)") }
        let raster = try PNG.decode([UInt8](data))
        let pixels = ImageOps.fashionImage(rgba: raster.rgba, width: raster.width, height: raster.height,
                                           invert: invert == "auto" ? nil : invert == "yes")
        let t = try Tensor(shape: [1, 28, 28], scalars: pixels)
        return Dataset(images: .floats(t), labels: [-1], source: path)   // -1: no label
    }

    func addLoaded(_ name: String, _ d: Dataset, _ recipe: DatasetRecipe) {
        state.setDataset(name, DatasetEntry(dataset: d, recipe: recipe))
        persistDataset(name)
        output.result("load", [("dataset", .string(name)), ("count", .int(d.count)), ("shape", .ints([d.height, d.width])), ("source", .string(d.source))])
        output.text("\(name): \(d.count) images \(d.height)x\(d.width) from \(d.source)")
    }

    func persistDataset(_ name: String) {
        guard let e = state.datasets[name] else { return }
        let recipe = (try? String(decoding: JSONEncoder().encode(e.recipe), as: UTF8.self)) ?? "{}"
        let record = DatasetRecord(name: name, recipe: recipe, source: e.dataset.source, count: e.dataset.count,
                                   shape: [e.dataset.height, e.dataset.width], createdAt: Date())
        persist { try $0.saveDataset(record) }
    }

    func listDatasets(_ st: Statement) throws {
        try Arguments(st).finish()
        if state.datasetOrder.isEmpty { output.text("no datasets; try `load fashion-mnist`") }
        var rows: [[String]] = []
        for name in state.datasetOrder {
            guard let d = state.datasets[name]?.dataset else { continue }
            output.result("datasets", [("dataset", .string(name)), ("count", .int(d.count)),
                                       ("shape", .ints([d.height, d.width])), ("source", .string(d.source))])
            rows.append([name, String(d.count), "\(d.height)x\(d.width)", d.source])
        }
        if !rows.isEmpty { output.text(Table.render(header: ["dataset", "count", "shape", "source"], rows: rows, rightAligned: [1])) }
    }

    func export(_ st: Statement) throws {
        var args = Arguments(st)
        let (name, nameWord) = try args.name("a dataset or model to export")
        guard let (path, pathWord) = try args.destination() else { throw args.missing("`to \"FILE\"`") }
        try args.finish()
        if state.models[name] != nil { return try exportModel(name, to: path, at: pathWord) }
        let d = try datasetEntry(name, at: nameWord).dataset
        guard path.lowercased().hasSuffix(".npy") else { throw ShellError("datasets are exported as .npy files", at: pathWord) }
        try located(at: pathWord) { try NPY.writeImages(d.images, to: path) }
        var written = [path]
        if st.bool("labels") == true {
            let labelPath = String(path.dropLast(4)) + "-labels.npy"
            try located(at: pathWord) { try NPY.writeLabels(d.labels, to: labelPath) }
            written.append(labelPath)
        }
        output.result("export", [("dataset", .string(name)), ("files", .array(written.map { .string($0) }))])
        output.text("wrote " + written.joined(separator: " and "))
    }

    func show(_ st: Statement) throws {
        var args = Arguments(st)
        if args.take("filters") { return try showFilters(st, &args) }
        if args.take("activations") { return try showActivations(st, &args) }
        guard let w = args.next() else { throw args.missing("a dataset such as `test[0..11]`") }
        if let n = w.name, state.models[n] != nil, state.datasets[n] == nil {
            throw ShellError("`\(n)` is a model; did you mean `show filters \(n)` or `show activations \(n) test[0]`?", at: w)
        }
        let ref = try dataReference(w)
        let dest = try args.destination()
        try args.finish()
        let shown = min(ref.dataset.count, ref.lower == nil ? 12 : 256)
        var images: [GrayImage] = []
        var captions: [String] = []
        for i in 0..<shown {
            images.append(GrayImage(width: ref.dataset.width, height: ref.dataset.height, pixels: ref.dataset.image(at: i)))
            captions.append(className(ref.dataset, Int(ref.dataset.labels[i])))
        }
        let title = ref.lower == nil && ref.dataset.count > shown ? "\(ref.name): first \(shown) of \(ref.dataset.count)" : nil
        try draw(ImageGrid(images: images, captions: captions, title: title, columns: st.int("columns")), to: dest, what: "show")
    }

    func className(_ d: Dataset, _ label: Int) -> String {
        label < 0 ? "unlabelled" : label < d.classNames.count ? d.classNames[label] : String(label)
    }

    /// Draws in the terminal, or writes the picture to the file named after `to`.
    func draw(_ picture: Picture, to dest: (String, Word)?, what: String) throws {
        if let (path, word) = dest {
            try located(at: word) { try picture.write(to: path) }
            output.result(what, [("file", .string(path))])
            output.text("wrote \(path)")
        } else {
            output.text(picture.terminal(output.style))
        }
    }

    /// Runs `body`, turning any error into one located at `word`.
    func located<T>(at word: Word, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ShellError { throw e } catch let e as Interrupted { throw e } catch {
            if let p = error as? PlainError { throw ShellError(p.message, at: word) }
            throw ShellError(String(describing: error), at: word)
        }
    }
}

/// The first `n` images, when `n` is given and smaller than the set.
func limited(_ d: Dataset, _ n: Int?) -> Dataset {
    if let n, n > 0, n < d.count { return d.prefix(n) }
    return d
}

extension FashionMNIST {
    /// The image files, which name the sets (their label files sit beside them).
    static func imagePaths(in directory: String) -> (String, String) {
        func path(_ stem: String) -> String {
            let p = (directory as NSString).appendingPathComponent(stem)
            return FileManager.default.fileExists(atPath: p + ".gz") || !FileManager.default.fileExists(atPath: p) ? p + ".gz" : p
        }
        return (path("train-images-idx3-ubyte"), path("t10k-images-idx3-ubyte"))
    }
}

/// An error whose place the caller decides.
struct PlainError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A path made absolute against the current folder, so a stored recipe finds its file from anywhere.
func absolutePath(_ path: String) -> String {
    let expanded = (path as NSString).expandingTildeInPath
    if expanded.hasPrefix("/") { return expanded }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(expanded).standardizedFileURL.path
}

extension ShellError {
    static func plain(_ message: String) -> PlainError { PlainError(message: message) }
}
