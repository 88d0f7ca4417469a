import Foundation
import FMNet
import FMData
import FMGraphics
import FMReport

// What a statement showed, kept in the session as a `KeptResult` so `report to` can draw it
// again. Each statement handler calls one of these once (one line), with values it already
// has; what is kept is data (numbers, pixels as `GrayImage`), never the terminal's rendering,
// so how the terminal draws a picture can change without touching what is kept.
//
// The result is written with the statement's transcript line in one transaction (`persist`),
// so a statement that fails after keeping keeps nothing. An interpreter without a store keeps
// them in `SessionState.keptWithoutStore` for as long as it runs.
extension Interpreter {
    /// Queues `result` for this statement's transaction.
    func keep(_ result: KeptResult) {
        let text = statement?.text ?? ""
        guard sessionStore != nil else {
            let entry = KeptEntry(sequence: state.keptWithoutStore.count + 1, statement: text, createdAt: Date(), result: result)
            state.keptWithoutStore.append(entry)
            return
        }
        let payload: Data
        do { payload = try result.json() } catch {
            // Encoding plain values does not fail in practice; if it does, the statement's own output stands.
            output.error("warning: this \(result.kind.rawValue) was not kept for the report: \(RuntimeError.text(of: error))")
            return
        }
        let kind = result.kind.rawValue
        persist { try $0.appendResult(kind: kind, statement: text, payload: payload) }
    }

    /// The results kept so far, in order; a payload this fm cannot read is left out with a warning.
    func keptResults() throws -> [KeptEntry] {
        guard let session = sessionStore else { return state.keptWithoutStore }
        var entries: [KeptEntry] = []
        for r in try session.results() {
            do {
                entries.append(try KeptEntry(sequence: r.sequence, statement: r.statement, createdAt: r.createdAt, payload: r.payload))
            } catch {
                output.error("warning: kept result \(r.sequence) (\(r.kind), from `\(r.statement)`) could not be read: \(RuntimeError.text(of: error))")
            }
        }
        return entries
    }

    func keepNote(_ text: String) { keep(.note(text)) }

    /// `summary`: the layer table, computed again from the spec (the same numbers the terminal showed).
    func keepSummary(_ entry: ModelEntry, flops: Bool) {
        let spec = entry.spec
        guard let shapes = try? spec.outputShapes(), shapes.count == spec.layers.count else { return }
        let fields = spec.receptiveFields()
        var input = spec.inputShape
        var layers: [ModelSummary.Layer] = []
        var total = 0
        for (i, layer) in spec.layers.enumerated() {
            let f = layer.flops(for: input)
            total += f
            layers.append(ModelSummary.Layer(name: "\(layer.kind)_\(i + 1)", type: layer.kind, outputShape: shapes[i],
                                             params: layer.parameterCount(for: input), flops: flops ? f : nil,
                                             receptiveField: flops ? (i < fields.count ? fields[i] : 0) : nil))
            input = shapes[i]
        }
        keep(.summary(ModelSummary(model: entry.name, inputShape: spec.inputShape, layers: layers,
                                   totalParams: spec.parameterCount, flopsPerImage: flops ? total : nil)))
    }

    /// `evaluate`: loss and accuracy, and with `by=class` the confusion matrix.
    func keepEvaluation(_ entry: ModelEntry, _ dataName: String, _ s: FMNet.Predictions, _ d: Dataset, seconds: Double, byClass: Bool) {
        let names = (0..<s.classes).map { className(d, $0) }
        keep(.evaluation(Evaluation(model: entry.name, dataset: dataName, count: s.count, loss: s.loss, accuracy: s.accuracy, seconds: seconds,
                                    byClass: byClass ? Evaluation.ByClass(classNames: names, confusion: s.confusion) : nil)))
    }

    /// `predict`: every model's guess for the first images (those the table shows) and the images.
    func keepPredictions(_ models: [ModelEntry], _ ref: DataReference, _ all: [FMNet.Predictions], shown: Int = 64) {
        let d = ref.dataset
        let n = min(d.count, shown)
        var rows: [FMReport.Predictions.Row] = []
        for i in 0..<n {
            let guesses = all.compactMap { s in i < s.count ? FMReport.Predictions.Guess(predicted: s.predicted[i], confidence: Double(s.confidence[i])) : nil }
            rows.append(.init(index: ref.offset + i, truth: Int(d.labels[i]), guesses: guesses))
        }
        keep(.predictions(FMReport.Predictions(dataset: ref.name, models: models.map(\.name), classNames: d.classNames,
                                               total: d.count, rows: rows, images: images(d, 0..<n))))
    }

    /// `mistakes`: the most confident wrong answers (`wrong` are indices into `d`) and their images.
    func keepMistakes(_ entry: ModelEntry, _ ref: DataReference, _ d: Dataset, _ s: FMNet.Predictions, _ wrong: [Int]) {
        let rows = wrong.map { i in
            FMReport.Mistakes.Row(index: ref.offset + i, truth: Int(d.labels[i]), predicted: s.predicted[i],
                                  confidence: Double(s.confidence[i]), truthProbability: Double(s.probability(i, Int(d.labels[i]))))
        }
        let pictures = wrong.map { GrayImage(width: d.width, height: d.height, pixels: d.image(at: $0)) }
        let errors = s.count - Int((s.accuracy * Double(s.count)).rounded())
        keep(.mistakes(FMReport.Mistakes(model: entry.name, dataset: ref.name, classNames: d.classNames, evaluated: s.count,
                                         wrong: errors, rows: rows, images: .init(pictures))))
    }

    /// `shiftmap`: each model's grid of accuracies (rows dy, columns dx).
    func keepShiftmap(_ models: [ModelEntry], _ dataName: String, count: Int, offsets: [Int], grids: [[[Double]]]) {
        let panels = zip(models, grids).map { FMReport.Shiftmap.Panel(model: $0.name, accuracy: $1) }
        keep(.shiftmap(FMReport.Shiftmap(dataset: dataName, count: count, offsets: offsets, panels: panels)))
    }

    /// `compare`: the table as printed.
    func keepComparison(header: [String], rows: [[String]]) {
        keep(.compare(Comparison(header: header, rows: rows)))
    }

    /// `show DATA`: the first `shown` images of the selection, with their indices and class names.
    func keepImages(_ ref: DataReference, shown: Int, title: String?) {
        let d = ref.dataset
        let n = min(shown, d.count)
        keep(.images(ShownImages(dataset: ref.name, title: title, indices: (0..<n).map { ref.offset + $0 },
                                 captions: (0..<n).map { className(d, Int(d.labels[$0])) }, images: images(d, 0..<n))))
    }

    /// `show image "PHOTO"`: the photo and what `load image` makes of it; `dataset` names the file.
    func keepPhoto(_ name: String, before: GrayImage, after: GrayImage) {
        keep(.images(ShownImages(dataset: name, title: name, indices: [], captions: ["before", "after"], images: .init([before, after]))))
    }

    /// `show filters` (input nil) and `show activations` (input: the image, e.g. "test[0]").
    func keepLayerImages(_ entry: ModelEntry, layer: Int, input: String?, captions: [String], images: [GrayImage]) {
        let type = layer >= 1 && layer <= entry.spec.layers.count ? entry.spec.layers[layer - 1].kind : "layer"
        let kept = LayerImages(model: entry.name, layer: layer, layerType: type, input: input, captions: captions, images: .init(images))
        keep(input == nil ? .filters(kept) : .activations(kept))
    }

    /// `saliency`: the image, the map and the answer.
    func keepSaliency(_ entry: ModelEntry, _ ref: DataReference, predicted: Int, image: GrayImage, map: GrayImage) {
        let d = ref.dataset
        let truth = d.count > 0 ? className(d, Int(d.labels[0])) : "unlabelled"
        keep(.saliency(FMReport.Saliency(model: entry.name, dataset: ref.name, index: ref.offset, truth: truth,
                                         predicted: className(d, predicted), image: KeptImage(image), map: KeptImage(map))))
    }

    /// `plot`: the curves as drawn.
    func keepPlot(metric: String, _ series: [LineChart.Series]) {
        keep(.plot(FMReport.Plot(metric: metric, series: series.map {
            FMReport.Plot.Series(name: $0.name, values: $0.values, dashed: $0.dashed, paletteIndex: $0.paletteIndex)
        })))
    }

    private func images(_ d: Dataset, _ range: Range<Int>) -> [KeptImage] {
        range.map { KeptImage(GrayImage(width: d.width, height: d.height, pixels: d.image(at: $0))) }
    }
}
