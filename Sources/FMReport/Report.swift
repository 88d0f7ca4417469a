import Foundation
import FMGraphics

/// The session report: one self-contained HTML page (pictures inline as PNG data: URLs or
/// SVG, no script, no network) with a table of contents, the datasets and models, the
/// training curves, every kept result in the order it happened (picture and numbers), the
/// latest comparison table, the notes and the statements.
///
/// Every section has a fixed id: `datasets`, `models`, `curves`, `results`, `result-N` (N =
/// the result's sequence number), `compare`, `notes`, `statements`. Each result section has
/// the class `result kind-KIND` (KIND = `KeptResult.Kind`'s raw value).
public enum Report {
    /// The whole page.
    public static func html(session: ReportSession) -> String {
        var body = "<header><h1>fm session “\(HTML.escape(session.name))”</h1>\n"
        body += HTML.paragraph("Written \(Format.time(session.writtenAt)): \(count(session.datasets.count, "dataset")), "
                               + "\(count(session.models.count, "model")), \(count(session.results.count, "kept result")), "
                               + "\(count(session.statements.count, "statement")).", className: "meta")
        body += "</header>\n" + contents(session) + datasets(session) + models(session) + curves(session)
        body += "<section id=\"results\"><h2>Results, in the order they happened</h2>\n"
        if session.results.isEmpty { body += HTML.paragraph("No results were kept in this session.") }
        for entry in session.results { body += section(entry) }
        body += "</section>\n" + compare(session) + notes(session) + statements(session)
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>fm session \(HTML.escape(session.name))</title>
            <style>\(style)</style></head>
            <body>
            \(body)</body></html>

            """
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    static func contents(_ session: ReportSession) -> String {
        var s = "<nav id=\"contents\"><h2>Contents</h2><ol>"
        s += "<li><a href=\"#datasets\">Datasets</a></li><li><a href=\"#models\">Models</a></li>"
        if hasCurves(session) { s += "<li><a href=\"#curves\">Training curves</a></li>" }
        s += "<li><a href=\"#results\">Results</a><ol>"
        for e in session.results {
            s += "<li><a href=\"#result-\(e.sequence)\">\(HTML.escape(title(e.result)))</a></li>"
        }
        s += "</ol></li><li><a href=\"#compare\">Comparison</a></li><li><a href=\"#notes\">Notes</a></li>"
        return s + "<li><a href=\"#statements\">Statements</a></li></ol></nav>\n"
    }

    static func section(_ e: KeptEntry) -> String {
        var s = "<section class=\"result kind-\(e.result.kind.rawValue)\" id=\"result-\(e.sequence)\">"
        s += "<h3><span class=\"seq\">\(e.sequence).</span> \(HTML.escape(title(e.result)))</h3>\n"
        s += "<p class=\"statement\"><code>\(HTML.escape(e.statement))</code> <span class=\"when\">\(Format.time(e.createdAt))</span></p>\n"
        return s + body(e.result) + "</section>\n"
    }

    static func datasets(_ session: ReportSession) -> String {
        "<section id=\"datasets\"><h2>Datasets</h2>\n"
            + (session.datasets.isEmpty ? HTML.paragraph("No datasets.")
               : HTML.table(header: ["name", "images", "shape", "source"],
                            rows: session.datasets.map { [$0.name, Format.thousands($0.count), Format.shape($0.shape), $0.source] },
                            numeric: [1]))
            + "</section>\n"
    }

    static func models(_ session: ReportSession) -> String {
        let rows = session.models.map { m in
            [m.name, m.layers.joined(separator: " → "), Format.thousands(m.params), String(m.epochs),
             String(format: "%.1f s", m.trainingSeconds), Format.percent(m.bestValAccuracy), m.optimiser ?? "—",
             m.evaluations.map { "\($0.dataset): \(Format.percent($0.accuracy))" }.joined(separator: "; ")]
        }
        return "<section id=\"models\"><h2>Models</h2>\n"
            + (session.models.isEmpty ? HTML.paragraph("No models.")
               : HTML.table(header: ["model", "layers", "params", "epochs", "training time", "best val accuracy", "optimiser", "evaluations"],
                            rows: rows, numeric: [2, 3, 4, 5], className: "models"))
            + "</section>\n"
    }

    static func hasCurves(_ session: ReportSession) -> Bool { session.models.contains { !$0.history.isEmpty } }

    /// Accuracy and loss per epoch of every trained model, training solid, validation dashed.
    static func curves(_ session: ReportSession) -> String {
        guard hasCurves(session) else { return "" }
        var s = "<section id=\"curves\"><h2>Training curves</h2>\n"
        for metric in ["accuracy", "loss"] {
            var series: [LineChart.Series] = []
            for (index, m) in session.models.enumerated() where !m.history.isEmpty {
                series.append(.init(name: "\(m.name) train", values: m.history.map { metric == "loss" ? $0.loss : $0.accuracy }, paletteIndex: index))
                let val = m.history.compactMap { metric == "loss" ? $0.valLoss : $0.valAccuracy }
                if val.count == m.history.count { series.append(.init(name: "\(m.name) val", values: val, dashed: true, paletteIndex: index)) }
            }
            s += HTML.figure(svg: LineChart(title: "\(metric) per epoch", xLabel: "epoch", yLabel: metric, series: series).svg())
        }
        return s + "</section>\n"
    }

    /// The latest `compare` table again, linked to its place among the results.
    static func compare(_ session: ReportSession) -> String {
        var s = "<section id=\"compare\"><h2>Comparison</h2>\n"
        guard let e = session.results.last(where: { $0.result.kind == .compare }), case let .compare(c) = e.result else {
            return s + HTML.paragraph("No comparison was made in this session (`compare`).") + "</section>\n"
        }
        s += "<p>The latest <code>compare</code> (<a href=\"#result-\(e.sequence)\">result \(e.sequence)</a>):</p>\n"
        return s + compare(c) + "</section>\n"
    }

    static func notes(_ session: ReportSession) -> String {
        var s = "<section id=\"notes\"><h2>Notes</h2>\n"
        let notes = session.notes
        if notes.isEmpty { return s + HTML.paragraph("No notes (`note \"TEXT\"`).") + "</section>\n" }
        s += "<ol class=\"notes\">"
        for (entry, text) in notes {
            s += "<li>" + HTML.escape(text).replacingOccurrences(of: "\n", with: "<br/>")
                + " <a href=\"#result-\(entry.sequence)\">(result \(entry.sequence))</a></li>"
        }
        return s + "</ol></section>\n"
    }

    static func statements(_ session: ReportSession) -> String {
        "<section id=\"statements\"><h2>Statements</h2>\n<pre>" + HTML.escape(session.statements.joined(separator: "\n"))
            + "</pre></section>\n"
    }
}
