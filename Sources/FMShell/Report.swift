import Foundation
import FMLanguage
import FMGraphics
import FMReport

/// `report to "workshop.html"`: the whole session as one self-contained web page, drawn by
/// FMReport from the session (datasets, models, curves), the store's kept results in the
/// order they happened, and the transcript. Written to a temporary file in the same folder
/// and renamed, so a reader never sees half a page.
extension Interpreter {
    func report(to file: FilePath) throws {
        let path = file.value
        let html = Report.html(session: try reportSession())
        try located(at: file.span) { try writeFileAtomically(Array(html.utf8), to: path) }
        output.result("report", [("file", .string(path))])
        output.text("wrote \(path)")
    }

    /// What the report shows, gathered from the session and its store.
    func reportSession() throws -> ReportSession {
        let datasets = state.datasetOrder.compactMap { name in
            state.datasets[name].map { ReportSession.Dataset(name: name, count: $0.count, shape: [$0.height, $0.width], source: $0.source) }
        }
        let models = state.modelOrder.compactMap { state.models[$0] }.map { m in
            ReportSession.Model(
                name: m.name, layers: m.spec.layers.map(\.kind), params: m.spec.parameterCount, epochs: m.epochs,
                trainingSeconds: m.trainingSeconds, bestValAccuracy: m.bestValAccuracy, optimiser: m.compile?.optimizer.rawValue,
                evaluations: m.evaluations.sorted { $0.key < $1.key }.map { .init(dataset: $0.key, accuracy: $0.value.accuracy) },
                history: m.history.map { .init(epoch: $0.epoch, seconds: $0.seconds, loss: $0.loss, accuracy: $0.accuracy,
                                               valLoss: $0.valLoss, valAccuracy: $0.valAccuracy) })
        }
        return ReportSession(name: state.name, datasets: datasets, models: models, results: try keptResults(),
                             statements: try sessionStore?.transcript() ?? [])
    }
}
