import Foundation
import FMLanguage
import FMTensor
import FMNet
import FMData
import FMGraphics
import FMStore

extension Interpreter {
    func scores(_ entry: ModelEntry, on d: Dataset, dataName: String, at span: Span) throws -> Predictions {
        try checkMemory(entry.spec, for: .inference(batchSize: 256))
        let net = try network(of: entry, at: keywordSpan)
        try checkLabels(d, for: net, dataName: dataName, at: span)
        let x = try inputs(d, for: entry, dataName: dataName, at: span)
        return try located(at: span) { try Predictions(network: net, images: x, labels: d.labels) }
    }

    func evaluate(_ c: Evaluate) throws {
        let models = try models(c.models)
        let ref = try dataReference(c.data)
        let d = ref.dataset.limited(to: c.limit)
        for entry in models {
            let started = Date()
            let s = try scores(entry, on: d, dataName: ref.name, at: ref.span)
            let seconds = Date().timeIntervalSince(started)
            entry.evaluations[ref.name] = (s.loss, s.accuracy)
            let record = EvaluationRecord(model: entry.name, dataset: ref.name, count: s.count, loss: s.loss, accuracy: s.accuracy, createdAt: Date())
            persist { try $0.recordEvaluation(record) }
            output.result("evaluate", [("model", .string(entry.name)), ("dataset", .string(ref.name)), ("count", .int(s.count)),
                                       ("loss", .double(s.loss)), ("accuracy", .double(s.accuracy)), ("seconds", .double(seconds))])
            let untrained = entry.epochs == 0 && !entry.imported ? " (untrained: its weights are still random)" : ""
            output.text("\(entry.name) on \(ref.name) (\(s.count) images): loss \(String(format: "%.4f", s.loss)), accuracy \(Table.percent(s.accuracy))\(untrained)")
            if c.byClass { byClass(s, d, model: entry.name) }
            keepEvaluation(entry, ref.name, s, d, seconds: seconds, byClass: c.byClass)
        }
    }

    private func byClass(_ s: Predictions, _ d: Dataset, model: String) {
        let m = s.confusion
        var rows: [[String]] = []
        for c in 0..<s.classes {
            let total = m[c].reduce(0, +)
            let acc = total > 0 ? Double(m[c][c]) / Double(total) : 0
            output.result("evaluate_class", [("model", .string(model)), ("class", .int(c)), ("name", .string(className(d, c))),
                                             ("count", .int(total)), ("accuracy", .double(acc)), ("confusion", .ints(m[c]))])
            rows.append([String(c), className(d, c), String(total), Table.percent(acc)] + m[c].map(String.init))
        }
        output.text("per class (rows: truth, columns: predicted class)\n" +
                    Table.render(header: ["#", "class", "count", "accuracy"] + (0..<s.classes).map(String.init), rows: rows,
                                 rightAligned: Set(2..<(4 + s.classes))))
    }

    func predict(_ c: Predict) throws {
        let models = try models(c.models)
        let ref = try dataReference(c.data)
        let dest = c.file
        // Every image is predicted (and reported with --json); the table and picture show the first 64.
        let d = ref.dataset
        let shown = 64
        let all = try models.map { try scores($0, on: d, dataName: ref.name, at: ref.span) }
        var images: [GrayImage] = []
        var captions: [String] = []
        var rows: [[String]] = []
        for i in 0..<d.count {
            let truth = Int(d.labels[i])
            var row = ["\(ref.name)[\(ref.offset + i)]", className(d, truth)]
            var caption = className(d, truth)
            for (m, s) in zip(models, all) {
                let top = s.top(i, 3)
                output.result("predict", [("model", .string(m.name)), ("dataset", .string(ref.name)), ("index", .int(ref.offset + i)),
                                          ("truth", .int(truth)), ("predicted", .int(s.predicted[i])), ("class", .string(className(d, s.predicted[i]))),
                                          ("confidence", .double(Double(s.confidence[i]))),
                                          ("top3", .array(top.map { .object([("class", .int($0.0)), ("name", .string(className(d, $0.0))), ("probability", .double(Double($0.1)))]) }))])
                let mark = truth < 0 || s.predicted[i] == truth ? "" : " ✗"
                row.append("\(className(d, s.predicted[i])) \(Table.percent(Double(s.confidence[i])))\(mark)")
                caption += "\n\(m.name): \(className(d, s.predicted[i])) \(Int((s.confidence[i] * 100).rounded()))%"
            }
            guard i < shown else { continue }
            images.append(GrayImage(width: d.width, height: d.height, pixels: d.image(at: i)))
            captions.append(caption)
            rows.append(row)
        }
        if d.count > shown { rows.append(["… \(d.count - shown) more", ""]) }
        if models.count == 1 && d.count == 1, let s = all.first {
            let top = s.top(0, 3).map { "\(className(d, $0.0)) \(Table.percent(Double($0.1)))" }.joined(separator: ", ")
            output.text("\(models[0].name): \(className(d, s.predicted[0])) (\(Table.percent(Double(s.confidence[0])))); truth: \(className(d, Int(d.labels[0]))); top 3: \(top)")
        } else {
            output.text(Table.render(header: ["image", "truth"] + models.map(\.name), rows: rows))
        }
        keepPredictions(models, ref, all, shown: shown)
        if dest != nil || output.isTerminal {
            try draw(ImageGrid(images: images, captions: captions, title: nil, columns: nil), to: dest, what: "predict")
        }
    }

    func mistakes(_ c: Mistakes) throws {
        let entry = try targetModel(c.model)
        let ref = try dataReference(c.data)
        let dest = c.file
        let d = ref.dataset.limited(to: c.limit)
        let s = try scores(entry, on: d, dataName: ref.name, at: ref.span)
        let count = c.count
        let wrong = s.labelled.filter { s.predicted[$0] != Int(d.labels[$0]) }.sorted { s.confidence[$0] > s.confidence[$1] }.prefix(count)
        var images: [GrayImage] = []
        var captions: [String] = []
        var rows: [[String]] = []
        for i in wrong {
            let truth = Int(d.labels[i])
            let p = s.probability(i, truth)   // labelled, so truth is a class
            output.result("mistakes", [("model", .string(entry.name)), ("dataset", .string(ref.name)), ("index", .int(ref.offset + i)),
                                       ("truth", .int(truth)), ("predicted", .int(s.predicted[i])), ("confidence", .double(Double(s.confidence[i]))),
                                       ("truth_probability", .double(Double(p)))])
            rows.append(["\(ref.name)[\(ref.offset + i)]", className(d, truth), className(d, s.predicted[i]), Table.percent(Double(s.confidence[i])), Table.percent(Double(p))])
            images.append(GrayImage(width: d.width, height: d.height, pixels: d.image(at: i)))
            captions.append("\(className(d, s.predicted[i])) \(Int((s.confidence[i] * 100).rounded()))%\ntruth: \(className(d, truth))")
        }
        output.text("\(entry.name) on \(ref.name): \(s.count - Int((s.accuracy * Double(s.count)).rounded())) mistakes; the \(wrong.count) most confident:")
        output.text(Table.render(header: ["image", "truth", "predicted", "confidence", "p(truth)"], rows: rows, rightAligned: [3, 4]))
        keepMistakes(entry, ref, d, s, Array(wrong))
        if !images.isEmpty { try draw(ImageGrid(images: images, captions: captions, title: "\(entry.name): most confident mistakes", columns: nil), to: dest, what: "mistakes") }
    }
}
