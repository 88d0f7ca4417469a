import Foundation
import FMGraphics

// One kept result as a report section: its heading, its picture and its numbers.
extension Report {
    /// The heading text of a kept result (without its number).
    static func title(_ result: KeptResult) -> String {
        switch result {
        case let .summary(s): "Summary of \(s.model)"
        case let .evaluation(e): "\(e.model) on \(e.dataset): \(Format.percent(e.accuracy))"
        case let .predictions(p): "Predictions on \(p.dataset) by \(p.models.joined(separator: ", "))"
        case let .mistakes(m): "Most confident mistakes of \(m.model) on \(m.dataset)"
        case let .shiftmap(s): "Shiftmap of \(s.panels.map(\.model).joined(separator: ", ")) on \(s.dataset)"
        case .compare: "Comparison of the models"
        case let .images(i): "Images of \(i.dataset)"
        case let .filters(f): "Filters of \(f.model), layer \(f.layer) (\(f.layerType))"
        case let .activations(a): "Activations of \(a.model), layer \(a.layer) (\(a.layerType))" + (a.input.map { " on \($0)" } ?? "")
        case let .saliency(s): "Saliency of \(s.model) on \(s.dataset)[\(s.index)]"
        case let .plot(p): "Plot of \(p.metric) per epoch"
        case .note: "Note"
        case let .training(t): "Training \(t.model) on \(t.dataset)"
        }
    }

    /// The body of a kept result's section.
    static func body(_ result: KeptResult) -> String {
        switch result {
        case let .summary(s): summary(s)
        case let .evaluation(e): evaluation(e)
        case let .predictions(p): predictions(p)
        case let .mistakes(m): mistakes(m)
        case let .shiftmap(s): shiftmap(s)
        case let .compare(c): compare(c)
        case let .images(i):
            grid(i.images, i.captions, title: i.title, alt: "\(i.images.count) images of \(i.dataset)")
                + HTML.paragraph(i.indices.isEmpty ? "the photo \(i.dataset) before and after preparation"
                                     : "\(i.images.count) images: \(i.dataset)[\(ranges(i.indices))]", className: "numbers")
        case let .filters(f), let .activations(f):
            grid(f.images, f.captions, title: nil, alt: "\(f.images.count) images of \(f.model) layer \(f.layer)")
                + HTML.paragraph("\(f.images.count) \(f.input == nil ? "filters" : "feature maps"), each scaled to its own range (black = lowest, white = highest).", className: "numbers")
        case let .saliency(s):
            grid([s.image, s.map], ["truth: \(s.truth)", "saliency"], title: nil, alt: "\(s.dataset)[\(s.index)] and where \(s.model) looks")
                + HTML.paragraph("\(s.model) answers \(s.predicted); the truth is \(s.truth). Brighter pixels change the answer's score most.", className: "numbers")
        case let .plot(p): plot(p)
        case let .note(text): "<blockquote class=\"note\">" + HTML.escape(text).replacingOccurrences(of: "\n", with: "<br/>") + "</blockquote>\n"
        case let .training(t): training(t)
        }
    }

    /// Captions of several lines ("nn: Shirt 61%") widen the cells: fewer columns keep the
    /// images large when the page scales the picture to its width.
    static func grid(_ images: [KeptImage], _ captions: [String], title: String?, alt: String, columns: Int? = nil) -> String {
        guard !images.isEmpty else { return HTML.paragraph("(no images)") }
        let grid = ImageGrid(images: images.map(\.grayImage), captions: captions, title: title, columns: columns)
        return HTML.figure(png: grid.png(), alt: alt)
    }

    static func summary(_ s: ModelSummary) -> String {
        let flops = s.flopsPerImage != nil
        var header = ["Layer (type)", "Output shape", "Params"]
        if flops { header += ["FLOPs", "Receptive field"] }
        let rows = s.layers.map { l -> [String] in
            var r = ["\(l.name) (\(l.type))", Format.shape(l.outputShape), Format.thousands(l.params)]
            if flops { r += [l.flops.map(Format.thousands) ?? "—", l.receptiveField.map { "\($0)×\($0)" } ?? "—"] }
            return r
        }
        var text = "Input \(Format.shape(s.inputShape)). Total params: \(Format.thousands(s.totalParams))."
        if let f = s.flopsPerImage { text += " FLOPs per image (forward): \(Format.thousands(f))." }
        return HTML.table(header: header, rows: rows, numeric: flops ? [2, 3] : [2]) + HTML.paragraph(text, className: "numbers")
    }

    static func evaluation(_ e: Evaluation) -> String {
        var s = HTML.paragraph("\(Format.thousands(e.count)) images: loss \(Format.decimal(e.loss)), accuracy \(Format.percent(e.accuracy))"
                               + (e.seconds.map { String(format: " (%.1f s)", $0) } ?? "") + ".", className: "numbers")
        guard let c = e.byClass else { return s }
        let n = c.confusion.count
        s += "<figure class=\"confusion\"><table class=\"confusion\"><caption>Confusion matrix: rows are the true class, columns the predicted one; shade = share of the row</caption><thead><tr><th>true class</th><th class=\"num\">images</th><th class=\"num\">accuracy</th>"
        s += (0..<n).map { "<th class=\"num\" title=\"\(HTML.escape(Format.className(c.classNames, $0)))\">\($0)</th>" }.joined() + "</tr></thead><tbody>"
        for (t, row) in c.confusion.enumerated() {
            let total = t < c.counts.count ? c.counts[t] : row.reduce(0, +)
            let accuracy = t < c.accuracy.count ? c.accuracy[t] : 0
            s += "<tr><th>\(t) \(HTML.escape(Format.className(c.classNames, t)))</th><td class=\"num\">\(Format.thousands(total))</td><td class=\"num\">\(Format.percent(accuracy))</td>"
            for (p, v) in row.enumerated() {
                let share = total > 0 ? Double(v) / Double(total) : 0
                s += "<td class=\"num\(p == t ? " diagonal" : "")\" style=\"\(shade(share))\">\(v)</td>"
            }
            s += "</tr>"
        }
        return s + "</tbody></table></figure>\n"
    }

    /// White to deep blue by `share` (0…1), with text that stays readable.
    static func shade(_ share: Double) -> String {
        let t = min(max(share.isFinite ? share : 0, 0), 1)
        let mix = { (to: Double) in Int((255 - (255 - to) * t).rounded()) }
        return String(format: "background-color:#%02x%02x%02x;color:%@", mix(33), mix(102), mix(172), t > 0.5 ? "#ffffff" : "#222222")
    }

    static func predictions(_ p: Predictions) -> String {
        let captions = p.rows.prefix(p.images.count).map { r in
            ([Format.className(p.classNames, r.truth)] + zip(p.models, r.guesses).map { m, g in
                "\(m): \(Format.className(p.classNames, g.predicted)) \(Int((g.confidence * 100).rounded()))%"
            }).joined(separator: "\n")
        }
        let rows = p.rows.map { r in
            ["\(p.dataset)[\(r.index)]", Format.className(p.classNames, r.truth)] + r.guesses.map { g in
                Format.className(p.classNames, g.predicted) + " " + Format.percent(g.confidence) + (r.truth < 0 || g.predicted == r.truth ? "" : " ✗")
            }
        }
        var s = grid(p.images, Array(captions), title: nil, alt: "the images predicted", columns: p.models.count > 1 ? 5 : 6)
        s += HTML.table(header: ["image", "truth"] + p.models, rows: rows)
        if p.total > p.rows.count { s += HTML.paragraph("… and \(Format.thousands(p.total - p.rows.count)) more images predicted.", className: "numbers") }
        return s
    }

    static func mistakes(_ m: Mistakes) -> String {
        let name = { Format.className(m.classNames, $0) }
        let captions = m.rows.prefix(m.images.count).map { r in
            "\(name(r.predicted)) \(Int((r.confidence * 100).rounded()))%\ntruth: \(name(r.truth))"
        }
        var s = HTML.paragraph("\(Format.thousands(m.wrong)) mistakes in \(Format.thousands(m.evaluated)) images; the \(m.rows.count) most confident:", className: "numbers")
        s += grid(m.images, Array(captions), title: nil, alt: "the most confident mistakes")
        s += HTML.table(header: ["image", "truth", "predicted", "confidence", "p(truth)"],
                        rows: m.rows.map { ["\(m.dataset)[\($0.index)]", name($0.truth), name($0.predicted),
                                            Format.percent($0.confidence), Format.percent($0.truthProbability)] },
                        numeric: [3, 4])
        return s
    }

    static func shiftmap(_ s: Shiftmap) -> String {
        let labels = s.offsets.map(String.init)
        let map = HeatMap(panels: s.panels.map { HeatMap.Panel(title: "\($0.model), \(s.count) images", values: $0.accuracy) },
                          rowLabels: labels, columnLabels: labels, valueFormat: "%.2f", rowTitle: "dy", columnTitle: "dx")
        var out = HTML.figure(png: map.png(), alt: "accuracy for each shift")
        var tables = ""
        for panel in s.panels {
            let rows = panel.accuracy.enumerated().map { i, row in
                [i < labels.count ? labels[i] : ""] + row.map { Format.decimal($0, 2) }
            }
            out += HTML.paragraph("\(panel.model): accuracy for each shift (\(s.count) images)" + centreText(s, panel), className: "numbers")
            tables += "<div class=\"side\">" + HTML.table(header: ["dy \\ dx"] + labels, rows: rows, numeric: Set(1...max(1, labels.count)),
                                                       caption: panel.model, className: "grid") + "</div>"
        }
        return out + "<div class=\"sides\">" + tables + "</div>\n"
    }

    /// " · unshifted 91.2%, worst 18.4% at dx=-6, dy=6" when the grid has those cells.
    static func centreText(_ s: Shiftmap, _ panel: Shiftmap.Panel) -> String {
        var text = ""
        if let zero = s.offsets.firstIndex(of: 0), zero < panel.accuracy.count, zero < panel.accuracy[zero].count {
            text += " · unshifted \(Format.percent(panel.accuracy[zero][zero]))"
        }
        var worst: (Double, Int, Int)?
        for (r, row) in panel.accuracy.enumerated() { for (c, v) in row.enumerated() where v.isFinite && v < (worst?.0 ?? .infinity) { worst = (v, r, c) } }
        if let (v, r, c) = worst, r < s.offsets.count, c < s.offsets.count {
            text += ", worst \(Format.percent(v)) at dx=\(s.offsets[c]), dy=\(s.offsets[r])"
        }
        return text
    }

    static func compare(_ c: Comparison) -> String {
        HTML.table(header: c.header, rows: c.rows, numeric: Set(1..<max(1, c.header.count)))
    }

    static func plot(_ p: Plot) -> String {
        let chart = LineChart(title: "\(p.metric) per epoch", xLabel: "epoch", yLabel: p.metric,
                              series: p.series.map { .init(name: $0.name, values: $0.values, dashed: $0.dashed, paletteIndex: $0.paletteIndex) })
        // One row per epoch and a column per series: 30 epochs fit the page's width.
        let epochs = p.series.reduce(0) { max($0, $1.values.count) }
        let rows = (0..<epochs).map { e in [String(e + 1)] + p.series.map { e < $0.values.count ? Format.decimal($0.values[e]) : "" } }
        return HTML.figure(svg: chart.svg())
            + HTML.table(header: ["epoch"] + p.series.map(\.name), rows: rows, numeric: Set(0...p.series.count))
    }

    static func training(_ t: TrainingRun) -> String {
        let optional = { (v: Double?, f: (Double) -> String) in v.map(f) ?? "—" }
        var s = ""
        if t.epochs.count > 1 {
            var series = [LineChart.Series(name: "train", values: t.epochs.map(\.accuracy), paletteIndex: 0)]
            let val = t.epochs.compactMap(\.valAccuracy)
            if val.count == t.epochs.count { series.append(.init(name: "validation", values: val, dashed: true, paletteIndex: 0)) }
            s += HTML.figure(svg: LineChart(title: "\(t.model): accuracy per epoch", xLabel: "epoch", yLabel: "accuracy", series: series).svg())
        }
        s += HTML.table(header: ["epoch", "loss", "accuracy", "val loss", "val accuracy", "seconds"],
                        rows: t.epochs.map { e in [String(e.epoch), Format.decimal(e.loss), Format.percent(e.accuracy),
                                                  optional(e.valLoss) { Format.decimal($0) }, optional(e.valAccuracy, Format.percent),
                                                  String(format: "%.1f", e.seconds)] },
                        numeric: [0, 1, 2, 3, 4, 5])
        if let stopped = t.stopped { s += HTML.paragraph("Stopped early: \(stopped).", className: "numbers") }
        return s
    }

    /// "0..11, 20, 30..31": indices as runs.
    static func ranges(_ indices: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < indices.count {
            var j = i
            while j + 1 < indices.count, indices[j + 1] == indices[j] + 1 { j += 1 }
            parts.append(j > i ? "\(indices[i])..\(indices[j])" : String(indices[i]))
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }
}
