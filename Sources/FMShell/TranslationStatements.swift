import Foundation
import FMLanguage
import FMTensor
import FMNet
import FMData
import FMGraphics
import FMPrompt

extension Interpreter {
    func translate(_ st: Statement) throws {
        var args = Arguments(st)
        guard let w = args.next() else { throw args.missing("a dataset such as `test`") }
        let ref = try dataReference(w)
        guard args.take("as") else { throw args.missing("`as NAME` to name the result") }
        let (name, nameWord) = try args.name("a name after `as`")
        try args.finish()
        if name == ref.name { throw ShellError("choose a new name: `\(name)` would replace the dataset it is made from", at: nameWord) }
        let transform = try translation(st)
        let seed = state.rng.next()
        var base = ref.dataset
        var limit: Int?
        if let n = try st.positiveInt("limit"), n < base.count { base = base.prefix(n); limit = n }
        let started = Date()
        var result = base.translated(transform, seed: seed)
        result.source = "\(ref.name)\(ref.lower.map { "[\($0)..\(ref.upper ?? $0)]" } ?? "")\(limit.map { " limit=\($0)" } ?? "") \(transform)"
        state.setDataset(name, DatasetEntry(dataset: result, recipe: .translation(base: ref.name, lower: ref.lower, upper: ref.upper, transform: transform, seed: seed, limit: limit)))
        persistDataset(name)
        output.result("translate", [("dataset", .string(name)), ("count", .int(result.count)), ("source", .string(result.source)),
                                    ("seconds", .double(Date().timeIntervalSince(started)))])
        output.text("\(name): \(result.count) images, \(result.source)")
    }

    /// The one transform named by the options.
    func translation(_ st: Statement) throws -> Translation {
        var found: [Translation] = []
        if let c = st.name("corner"), let corner = Corner(rawValue: c) { found.append(.corner(corner, canvas: 38)) }
        let dx = st.int("dx"), dy = st.int("dy")
        if dx != nil || dy != nil { found.append(.shift(dx: dx ?? 0, dy: dy ?? 0)) }
        if let o = st.option("random") {
            guard let n = o.value.int, n >= 0 else { throw ShellError("`random` takes the largest shift, a whole number such as 4", at: o) }
            found.append(.randomShift(n))
        }
        if let r = st.double("rotate") { found.append(.rotate(degrees: r)) }
        if let o = st.option("scale") {
            guard let s = o.value.double, s > 0 else { throw ShellError("`scale` must be above 0", at: o) }
            found.append(.scale(s))
        }
        guard found.count == 1, let t = found.first else {
            throw ShellError(found.isEmpty ? "`translate` needs one of corner=, dx=/dy=, random=, rotate= or scale="
                                           : "give one transform per `translate` (chain them through new datasets)", at: st.keyword)
        }
        return t
    }

    func shiftmap(_ st: Statement) throws {
        var args = Arguments(st)
        let models = try leadingModels(&args, st)
        var dataName = "test"
        var dataWord = st.keyword
        if args.take("on") { (dataName, dataWord) = try args.name("a dataset after `on`") }
        let dest = try args.destination()
        try args.finish()
        var d = try datasetEntry(dataName, at: dataWord).dataset
        let limit = try st.positiveInt("limit") ?? 1000
        if limit < d.count { d = d.prefix(limit) }
        var lo = -6, hi = 6
        if let o = st.option("range") {
            guard case let .range(a, b) = o.value.value, a <= b, b - a <= 40 else { throw ShellError("`range` must be a range such as -6..6, at most 41 wide", at: o) }
            (lo, hi) = (a, b)
        }
        let step = try st.positiveInt("step") ?? 1
        let offsets = Array(stride(from: lo, through: hi, by: step))
        var panels: [HeatMap.Panel] = []
        for entry in models {
            var grid: [[Double]] = []
            for dy in offsets {
                var row: [Double] = []
                for dx in offsets {
                    if Interrupt.isRequested { throw Interrupted(message: "shiftmap stopped; nothing was stored") }
                    output.live("\rshiftmap \(entry.name): dy=\(dy) dx=\(dx)\u{1B}[K")
                    let shifted = d.translated(.shift(dx: dx, dy: dy), seed: 0)
                    let s = try scores(entry, on: shifted, dataName: dataName, at: dataWord, st: st)
                    row.append(s.accuracy)
                    output.result("shiftmap", [("model", .string(entry.name)), ("dx", .int(dx)), ("dy", .int(dy)), ("accuracy", .double(s.accuracy))])
                }
                grid.append(row)
            }
            panels.append(HeatMap.Panel(title: "\(entry.name), \(d.count) images", values: grid))
        }
        output.live("\r\u{1B}[K")
        let labels = offsets.map { String($0) }
        try draw(HeatMap(panels: panels, rowLabels: labels, columnLabels: labels, valueFormat: "%.2f", rowTitle: "dy", columnTitle: "dx"),
                 to: dest, what: "shiftmap_picture")
    }

    func compare(_ st: Statement) throws {
        var args = Arguments(st)
        var models = try leadingModels(&args, st, required: false)
        try args.finish()
        if models.isEmpty { models = state.modelOrder.compactMap { state.models[$0] } }
        guard !models.isEmpty else { throw ShellError("no models to compare", at: st.keyword) }
        // Evaluate every model on every dataset that is not a training set.
        let sets = state.datasetOrder.filter { $0 != "train" && !(state.datasets[$0]?.dataset.count ?? 0 > 20000) }
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
            guard var d = state.datasets[name]?.dataset else { continue }
            if let n = try st.positiveInt("limit"), n < d.count { d = d.prefix(n) }
            var values: [Double?] = []
            for (i, m) in models.enumerated() {
                guard m.network != nil, let s = try? scores(m, on: d, dataName: name, at: st.keyword, st: st) else { values.append(nil); continue }
                m.evaluations[name] = (s.loss, s.accuracy)
                values.append(s.accuracy)
                fields[i].append(("accuracy_\(name)", .double(s.accuracy)))
            }
            row("accuracy on \(name)", values, higherIsBetter: true) { Table.percent($0) }
        }
        for f in fields { output.result("compare", f) }
        output.text(Table.render(header: header, rows: rows, rightAligned: Set(1...models.count)))
    }

    func plot(_ st: Statement) throws {
        var args = Arguments(st)
        var models = try leadingModels(&args, st, required: false)
        let dest = try args.destination()
        try args.finish()
        if models.isEmpty { models = state.modelOrder.compactMap { state.models[$0] } }
        let loss = st.name("metric") == "loss"
        var series: [LineChart.Series] = []
        for (index, m) in models.enumerated() where !m.history.isEmpty {
            series.append(.init(name: "\(m.name) train", values: m.history.map { loss ? $0.loss : $0.accuracy }, paletteIndex: index))
            let val = m.history.compactMap { loss ? $0.valLoss : $0.valAccuracy }
            if val.count == m.history.count { series.append(.init(name: "\(m.name) val", values: val, dashed: true, paletteIndex: index)) }
        }
        guard !series.isEmpty else { throw ShellError("nothing to plot: train a model first", at: st.keyword) }
        let metric = loss ? "loss" : "accuracy"
        try draw(LineChart(title: "\(metric) per epoch", xLabel: "epoch", yLabel: metric, series: series), to: dest, what: "plot")
    }
}
