import Foundation
import FMLanguage
import FMTensor
import FMNet
import FMData
import FMGraphics
import FMPrompt

extension Interpreter {
    func translate(_ c: Translate) throws {
        try checkName(c.name)
        let ref = try dataReference(c.data)
        let transform = Translation(c.transform)
        let seed = state.rng.next()
        let base = ref.dataset.limited(to: c.limit)
        let limit = c.limit.flatMap { $0 < ref.dataset.count ? $0 : nil }
        let started = Date()
        var result = base.translated(transform, seed: seed)
        result.source = DatasetRecipe.translationSource(ref.name, lower: ref.lower, upper: ref.upper, limit: limit, transform)
        let name = c.name.value
        state.setDataset(name, DatasetEntry(dataset: result, recipe: .translation(base: ref.name, lower: ref.lower, upper: ref.upper,
                                                                                   transform: transform, seed: seed, limit: limit)))
        persistDataset(name)
        output.result("translate", [("dataset", .string(name)), ("count", .int(result.count)), ("source", .string(result.source)),
                                    ("seconds", .double(Date().timeIntervalSince(started)))])
        output.text("\(name): \(result.count) images, \(result.source)")
    }

    func shiftmap(_ c: Shiftmap) throws {
        let models = try models(c.models)
        let dataName = c.data ?? DatasetName("test", at: keywordSpan)
        let d = try dataset(dataName).limited(to: c.limit)
        let offsets = Array(stride(from: c.range.lowerBound, through: c.range.upperBound, by: c.step))
        var panels: [HeatMap.Panel] = []
        for entry in models {
            var grid: [[Double]] = []
            for dy in offsets {
                var row: [Double] = []
                for dx in offsets {
                    if Interrupt.isRequested { throw Interrupted(message: "shiftmap stopped; nothing was stored") }
                    output.live("\rshiftmap \(entry.name): dy=\(dy) dx=\(dx)\u{1B}[K")
                    let shifted = d.translated(.shift(dx: dx, dy: dy), seed: 0)
                    let s = try scores(entry, on: shifted, dataName: dataName.value, at: dataName.span)
                    row.append(s.accuracy)
                    output.result("shiftmap", [("model", .string(entry.name)), ("dx", .int(dx)), ("dy", .int(dy)), ("accuracy", .double(s.accuracy))])
                }
                grid.append(row)
            }
            panels.append(HeatMap.Panel(title: "\(entry.name), \(d.count) images", values: grid))
        }
        output.live("\r\u{1B}[K")
        keepShiftmap(models, dataName.value, count: d.count, offsets: offsets, grids: panels.map(\.values))
        let labels = offsets.map { String($0) }
        try draw(HeatMap(panels: panels, rowLabels: labels, columnLabels: labels, valueFormat: "%.2f", rowTitle: "dy", columnTitle: "dx"),
                 to: c.file, what: "shiftmap_picture")
    }

    func compare(_ c: Compare) throws {
        let models = try modelsOrAll(c.models)
        guard !models.isEmpty else { throw ShellError(.noModels, at: keywordSpan) }
        // Evaluate every model on every dataset that is not a training set.
        let sets = state.datasetOrder.filter { $0 != "train" && !(state.datasets[$0]?.count ?? 0 > 20000) }
        var header = ["", ] + models.map(\.name)
        header[0] = "measure"
        var rows: [[String]] = []
        func row(_ title: String, _ values: [Double?], higherIsBetter: Bool, format: (Double) -> String) {
            let best = higherIsBetter ? values.compactMap { $0 }.max() : values.compactMap { $0 }.min()
            rows.append([title] + values.map { v in
                guard let v else { return "—" }
                return format(v) + (models.count > 1 && v == best ? " ★" : "")
            })
        }
        row("params", models.map { Double($0.spec.parameterCount) }, higherIsBetter: false) { Table.thousands(Int($0)) }
        row("FLOPs per image", models.map { Double($0.spec.flopsPerExample()) }, higherIsBetter: false) { Table.thousands(Int($0)) }
        rows.append(["epochs"] + models.map { String($0.epochs) })
        row("training time", models.map { $0.epochs > 0 ? $0.trainingSeconds : nil }, higherIsBetter: false) { String(format: "%.1fs", $0) }
        row("best val accuracy", models.map { $0.bestValAccuracy }, higherIsBetter: true) { Table.percent($0) }
        var fields: [[(String, JSONValue)]] = models.map { m in
            [("model", .string(m.name)), ("params", .int(m.spec.parameterCount)), ("flops", .int(m.spec.flopsPerExample())),
             ("epochs", .int(m.epochs)), ("seconds", .double(m.trainingSeconds))]
        }
        for name in sets {
            guard let d = (try? state.pixels(of: name))?.limited(to: c.limit) else { continue }
            var values: [Double?] = []
            for (i, m) in models.enumerated() {
                guard m.hasWeights, let s = try? scores(m, on: d, dataName: name, at: keywordSpan) else { values.append(nil); continue }
                m.evaluations[name] = (s.loss, s.accuracy)
                values.append(s.accuracy)
                fields[i].append(("accuracy_\(name)", .double(s.accuracy)))
            }
            row("accuracy on \(name)", values, higherIsBetter: true) { Table.percent($0) }
        }
        for f in fields { output.result("compare", f) }
        output.text(Table.render(header: header, rows: rows, rightAligned: Set(1...models.count)))
        keepComparison(header: header, rows: rows)
    }

    func plot(_ c: Plot) throws {
        let models = try modelsOrAll(c.models)
        let loss = c.metric == .loss
        var series: [LineChart.Series] = []
        for (index, m) in models.enumerated() where !m.history.isEmpty {
            series.append(.init(name: "\(m.name) train", values: m.history.map { loss ? $0.loss : $0.accuracy }, paletteIndex: index))
            let val = m.history.compactMap { loss ? $0.valLoss : $0.valAccuracy }
            if val.count == m.history.count { series.append(.init(name: "\(m.name) val", values: val, dashed: true, paletteIndex: index)) }
        }
        guard !series.isEmpty else { throw ShellError(.nothingToPlot, at: keywordSpan) }
        let metric = loss ? "loss" : "accuracy"
        keepPlot(metric: metric, series)
        try draw(LineChart(title: "\(metric) per epoch", xLabel: "epoch", yLabel: metric, series: series), to: c.file, what: "plot")
    }
}

extension Translation {
    /// The engine's transform for the one `translate` asked for (a 38×38 canvas for corners).
    init(_ t: Translate.Transform) {
        switch t {
        case .corner(.topLeft): self = .corner(.topLeft, canvas: Translation.seedCanvas)
        case .corner(.bottomRight): self = .corner(.bottomRight, canvas: Translation.seedCanvas)
        case .corner(.random): self = .corner(.random, canvas: Translation.seedCanvas)
        case let .shift(dx, dy): self = .shift(dx: dx, dy: dy)
        case let .random(n): self = .randomShift(n)
        case let .rotate(r): self = .rotate(degrees: r)
        case let .scale(s): self = .scale(s)
        }
    }
}
