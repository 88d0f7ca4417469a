import Foundation
import FMLanguage
import FMGraphics

/// `report to "workshop.html"`: the whole session as one self-contained web page.
extension Interpreter {
    func report(to file: FilePath) throws {
        let path = file.value
        let html = try reportHTML()
        try located(at: file.span) { try writeFileAtomically(Array(html.utf8), to: path) }
        output.result("report", [("file", .string(path))])
        output.text("wrote \(path)")
    }

    func reportHTML() throws -> String {
        let models = state.modelOrder.compactMap { state.models[$0] }
        var body = "<h1>fm session “\(escape(state.name))”</h1>\n"
        body += "<p>Written \(escape(ISO8601DateFormatter().string(from: Date()))).</p>\n<h2>Datasets</h2>\n<table><tr><th>name</th><th>images</th><th>shape</th><th>source</th></tr>\n"
        for name in state.datasetOrder {
            guard let d = state.datasets[name] else { continue }
            body += "<tr><td>\(escape(name))</td><td>\(d.count)</td><td>\(d.height)×\(d.width)</td><td>\(escape(d.source))</td></tr>\n"
        }
        body += "</table>\n<h2>Models</h2>\n<table><tr><th>model</th><th>layers</th><th>params</th><th>epochs</th><th>training time</th><th>best val accuracy</th><th>evaluations</th></tr>\n"
        for m in models {
            let evaluations = m.evaluations.sorted { $0.key < $1.key }.map { "\(escape($0.key)): \(Table.percent($0.value.accuracy))" }.joined(separator: "<br>")
            body += "<tr><td>\(escape(m.name))</td><td>\(m.spec.layers.map(\.kind).joined(separator: " → "))</td><td>\(Table.thousands(m.spec.parameterCount))</td>"
            body += "<td>\(m.epochs)</td><td>\(String(format: "%.1f s", m.trainingSeconds))</td><td>\(Table.percent(m.bestValAccuracy))</td><td>\(evaluations)</td></tr>\n"
        }
        body += "</table>\n"
        for metric in ["accuracy", "loss"] {
            var series: [LineChart.Series] = []
            for (index, m) in models.enumerated() where !m.history.isEmpty {
                series.append(.init(name: "\(m.name) train", values: m.history.map { metric == "loss" ? $0.loss : $0.accuracy }, paletteIndex: index))
                let val = m.history.compactMap { metric == "loss" ? $0.valLoss : $0.valAccuracy }
                if val.count == m.history.count { series.append(.init(name: "\(m.name) val", values: val, dashed: true, paletteIndex: index)) }
            }
            if !series.isEmpty {
                body += "<h2>\(metric.capitalized) per epoch</h2>\n<div class=\"chart\">" + LineChart(title: "\(metric) per epoch", xLabel: "epoch", yLabel: metric, series: series).svg() + "</div>\n"
            }
        }
        let transcript = try sessionStore?.transcript() ?? []
        body += "<h2>Statements</h2>\n<pre>" + escape(transcript.joined(separator: "\n")) + "</pre>\n"
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>fm session \(escape(state.name))</title>
        <style>body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
        table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
        pre{background:#f6f6f6;padding:1em;overflow-x:auto}.chart svg{max-width:100%;height:auto}</style></head>
        <body>
        \(body)</body></html>

        """
    }

    private func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
