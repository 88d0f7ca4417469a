import Foundation
import FMLanguage
import FMTensor
import FMData
import FMGraphics
import FMStore

/// Some images of a session's dataset, as a statement names them: `test`, `test[0..11]`.
struct DataReference {
    var name: String
    var dataset: Dataset
    var lower: Int?
    var upper: Int?
    var span: Span
    /// Index of the first image in the original dataset.
    var offset: Int { lower ?? 0 }
}

extension Interpreter {
    /// The pixels of the session's dataset `name`, made now if the session was reopened.
    func dataset(_ name: DatasetName) throws -> Dataset {
        guard state.datasets[name.value] != nil else {
            throw ShellError(.unknown(kind: "dataset", name: name.value, suggestion: suggestion(for: name.value, among: state.datasetOrder),
                                      firstHint: state.datasetOrder.isEmpty ? "load one first, e.g. `load fashion-mnist`" : nil), at: name.span)
        }
        return try located(at: name.span) { try state.pixels(of: name.value) }
    }

    func dataReference(_ selection: DataSelection) throws -> DataReference {
        let d = try dataset(selection.dataset)
        guard let range = selection.range else {
            return DataReference(name: selection.dataset.value, dataset: d, span: selection.span)
        }
        guard range.upperBound < d.count else {
            throw ShellError(.outsideDataset(text: selection.text, name: selection.dataset.value, count: d.count), at: selection.span)
        }
        return DataReference(name: selection.dataset.value, dataset: try located(at: selection.span) { try d.subset(range) },
                             lower: range.lowerBound, upper: range.upperBound, span: selection.span)
    }

    /// `test` when the statement names no dataset.
    func dataReference(_ selection: DataSelection?) throws -> DataReference {
        try dataReference(selection ?? DataSelection(dataset: DatasetName("test", at: keywordSpan)))
    }

    func load(_ c: Load) throws {
        switch c.source {
        case let .idx(_, _, name), let .npy(_, _, name), let .image(_, name), let .images(_, name): try checkName(name)
        case .fashionMNIST: break
        }
        switch c.source {
        case let .fashionMNIST(folder):
            let directory = folder.map { absolutePath($0.value) } ?? FashionMNIST.directory(environment: environment)
            var (train, test) = try located(at: c.kindSpan) { try FashionMNIST.load(from: directory) }
            (train.source, test.source) = FashionMNIST.imagePaths(in: directory)
            addLoaded("train", train.limited(to: c.limit), .fashionMNIST(part: "train", directory: directory, limit: c.limit))
            addLoaded("test", test.limited(to: c.limit), .fashionMNIST(part: "test", directory: directory, limit: c.limit))
        case let .idx(images, labels, name):
            let d = try located(at: images.span) { try IDX.loadPair(images: images.value, labels: labels.value) }
            addLoaded(name.value, d.limited(to: c.limit), .idx(images: absolutePath(images.value), labels: absolutePath(labels.value), limit: c.limit))
        case let .npy(images, labels, name):
            let d = try located(at: images.span) { try Dataset.npy(images: images.value, labels: labels?.value) }
            addLoaded(name.value, d.limited(to: c.limit), .npy(images: absolutePath(images.value), labels: labels.map { absolutePath($0.value) }, limit: c.limit))
        case let .image(path, name):
            let invert: Bool? = c.invert == .auto ? nil : c.invert == .yes
            let d = try located(at: path.span) { try Photos.loadImage(path: path.value, invert: invert) }
            addLoaded(name.value, d, .image(path: absolutePath(path.value), invert: c.invert.rawValue))
        case let .images(folder, name):
            let invert: Bool? = c.invert == .auto ? nil : c.invert == .yes
            let d = try located(at: folder.span) { try PhotoFolder.load(path: folder.value, invert: invert).dataset }
            addLoaded(name.value, d, .images(folder: absolutePath(folder.value), invert: c.invert.rawValue))
        }
    }

    func addLoaded(_ name: String, _ d: Dataset, _ recipe: DatasetRecipe) {
        // Names after `as` were checked by `load` (checkName); train and test are fm's own.
        state.setDataset(name, DatasetEntry(dataset: d, recipe: recipe))
        persistDataset(name)
        output.result("load", [("dataset", .string(name)), ("count", .int(d.count)), ("shape", .ints([d.height, d.width])), ("source", .string(d.source))])
        output.text("\(name): \(d.count) \(d.count == 1 ? "image" : "images") \(d.height)x\(d.width) from \(d.source)")
    }

    func persistDataset(_ name: String) {
        guard let e = state.datasets[name] else { return }
        let recipe = (try? String(decoding: JSONEncoder().encode(e.recipe), as: UTF8.self)) ?? "{}"
        let record = DatasetRecord(name: name, recipe: recipe, source: e.source, count: e.count, shape: [e.height, e.width], createdAt: Date())
        persist { try $0.saveDataset(record) }
    }

    func listDatasets() {
        if state.datasetOrder.isEmpty { output.text("no datasets; try `load fashion-mnist`") }
        var rows: [[String]] = []
        for name in state.datasetOrder {
            guard let d = state.datasets[name] else { continue }
            output.result("datasets", [("dataset", .string(name)), ("count", .int(d.count)),
                                       ("shape", .ints([d.height, d.width])), ("source", .string(d.source))])
            rows.append([name, String(d.count), "\(d.height)x\(d.width)", d.source])
        }
        if !rows.isEmpty { output.text(Table.render(header: ["dataset", "count", "shape", "source"], rows: rows, rightAligned: [1])) }
    }

    func export(_ c: Export) throws {
        if state.models[c.subject.value] != nil { return try exportModel(c.subject, to: c.file) }
        let d = try dataset(c.subject)
        guard c.file.value.lowercased().hasSuffix(".npy") else { throw ShellError(.exportFormat(model: false), at: c.file.span) }
        try located(at: c.file.span) { try NPY.writeImages(d.images, to: c.file.value) }
        var written = [c.file.value]
        if c.labels {
            let labelPath = String(c.file.value.dropLast(4)) + "-labels.npy"
            try located(at: c.file.span) { try NPY.writeLabels(d.labels, to: labelPath) }
            written.append(labelPath)
        }
        output.result("export", [("dataset", .string(c.subject.value)), ("files", .array(written.map { .string($0) }))])
        output.text("wrote " + written.joined(separator: " and "))
    }

    func show(_ c: Show) throws {
        switch c.subject {
        case let .filters(model): return try showFilters(model, c)
        case let .activations(model, data): return try showActivations(model, data, c)
        case let .photo(path): return try showPhoto(path, c)
        case let .images(selection):
            let n = selection.dataset.value
            if state.models[n] != nil, state.datasets[n] == nil { throw ShellError(.isAModel(n), at: selection.span) }
            let ref = try dataReference(selection)
            let shown = min(ref.dataset.count, ref.lower == nil ? 12 : 256)
            var images: [GrayImage] = []
            var captions: [String] = []
            for i in 0..<shown {
                images.append(GrayImage(width: ref.dataset.width, height: ref.dataset.height, pixels: ref.dataset.image(at: i)))
                captions.append(className(ref.dataset, Int(ref.dataset.labels[i])))
            }
            let title = ref.lower == nil && ref.dataset.count > shown ? "\(ref.name): first \(shown) of \(ref.dataset.count)" : nil
            keepImages(ref, shown: shown, title: title)
            try draw(ImageGrid(images: images, captions: captions, title: title, columns: c.columns), to: c.file, what: "show")
        }
    }

    func className(_ d: Dataset, _ label: Int) -> String {
        label < 0 ? "unlabelled" : label < d.classNames.count ? d.classNames[label] : String(label)
    }

    /// Draws in the terminal, or writes the picture to `file`.
    func draw(_ picture: Picture, to file: FilePath?, what: String) throws {
        if let file {
            try located(at: file.span) { try picture.write(to: file.value) }
            output.result(what, [("file", .string(file.value))])
            output.text("wrote \(file.value)")
        } else {
            output.picture(picture)
        }
    }

    /// Runs `body`, placing any error of another module at `span`.
    func located<T>(at span: Span, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ShellError { throw e } catch let e as Interrupted { throw e } catch {
            throw ShellError(.module(error), at: span)
        }
    }
}

/// A path made absolute against the current folder, so a stored recipe finds its file from anywhere.
func absolutePath(_ path: String) -> String {
    let expanded = (path as NSString).expandingTildeInPath
    if expanded.hasPrefix("/") { return expanded }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(expanded).standardizedFileURL.path
}
