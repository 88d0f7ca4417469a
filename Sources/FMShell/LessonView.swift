import FMLanguage
import FMLessons
import FMNet
import FMData

/// What a lesson may look at, made from the session (LessonSessionView). Models and datasets
/// come from the session state; how they were trained and which results were shown come from
/// the session's transcript, which the store keeps, so a reopened session (`fm --session X`
/// after a kill) gives the lesson the same view as before.
extension Interpreter {
    func lessonView(last: LessonSessionView.LastStatement?) -> LessonSessionView {
        let lines = (try? sessionStore?.transcript()) ?? []
        var log = TranscriptLog()
        for (command, _) in CheckedScript(SourceFile(name: "<transcript>", text: lines.joined(separator: "\n"))).commands {
            log.record(command)
        }
        var view = LessonSessionView(statementsRun: log.statements + lessons.unrecorded, lastStatement: last,
                                     results: log.results, reportsWritten: log.reports)
        for name in state.modelOrder {
            guard let entry = state.models[name] else { continue }
            view.models.append(LessonSessionView.Model(
                name: name, layers: entry.spec.layers.map(Self.lessonLayer), params: entry.spec.parameterCount,
                flops: entry.spec.flopsPerExample(), epochsTrained: entry.epochs,
                trainedWithValidation: log.validated.contains(name) || entry.history.contains { $0.valAccuracy != nil },
                trainedWithAugmentation: log.augmented.contains(name)))
        }
        for name in state.datasetOrder {
            guard let entry = state.datasets[name] else { continue }
            view.datasets.append(.init(name: name, count: entry.count, translated: Self.isTranslated(entry)))
        }
        // The session keeps each model's latest evaluation per dataset; the transcript says
        // which were by class and in which order they ran.
        var seen = Set<String>()
        for pair in log.evaluations.reversed() + Self.allEvaluations(state) where !seen.contains(pair.key) {
            seen.insert(pair.key)
            guard let score = state.models[pair.model]?.evaluations[pair.dataset] else { continue }
            let translated = state.datasets[pair.dataset].map(Self.isTranslated) ?? false
            view.evaluations.append(.init(model: pair.model, dataset: pair.dataset, accuracy: score.accuracy, loss: score.loss,
                                          translated: translated, byClass: log.byClass.contains(pair.key)))
        }
        view.evaluations.reverse()
        return view
    }

    private static func allEvaluations(_ state: SessionState) -> [TranscriptLog.Pair] {
        state.modelOrder.flatMap { model in
            (state.models[model]?.evaluations.keys.sorted() ?? []).map { TranscriptLog.Pair(model: model, dataset: $0) }
        }
    }

    static func isTranslated(_ entry: DatasetEntry) -> Bool {
        if case .translation = entry.recipe { return true }
        return false
    }

    /// A layer as lessons name it: an activation layer is `activation` whatever its function.
    static func lessonLayer(_ layer: LayerSpec) -> LessonSessionView.Layer {
        switch layer {
        case let .dense(units, _): return .init(kind: "dense", size: units)
        case let .conv2d(filters, _, _, _, _): return .init(kind: "conv2d", size: filters)
        case .activation: return .init(kind: "activation")
        default: return .init(kind: layer.kind)
        }
    }
}

/// What the transcript says beyond the session state: results shown, how models were
/// trained, which evaluations were by class. Statements without a model name meant the
/// current model, so the walk keeps track of it as the session did.
struct TranscriptLog {
    struct Pair: Hashable {
        var model: String
        var dataset: String
        var key: String { model + "\u{0}" + dataset }
    }

    var statements: [String] = []
    var results: [LessonSessionView.Result] = []
    var reports: [String] = []
    var validated = Set<String>()
    var augmented = Set<String>()
    var byClass = Set<String>()
    var evaluations: [Pair] = []
    private var current: String?
    private var models: [String] = []

    mutating func record(_ command: Command) {
        statements.append(command.name)
        switch command {
        case let .model(c):
            current = c.name.value
            if !models.contains(c.name.value) { models.append(c.name.value) }
            forgetTraining(of: c.name.value)
        case let .use(m): current = m.value
        case let .add(c): forgetTraining(of: c.target?.value ?? current)
        case let .pop(c): forgetTraining(of: c.model?.value ?? current)
        case let .forget(n):
            models.removeAll { $0 == n.value }
            if current == n.value { current = models.last }
        case let .importModel(c):
            if !models.contains(c.name.value) { models.append(c.name.value) }
            current = c.name.value
        case let .train(c):
            guard let m = c.model?.value ?? current else { return }
            if c.validation != nil { validated.insert(m) }
            if c.augmentShift != nil { augmented.insert(m) }
        case let .evaluate(c):
            let names = named(c.models)
            let dataset = c.data?.dataset.value ?? "test"
            for m in names {
                let pair = Pair(model: m, dataset: dataset)
                evaluations.append(pair)
                if c.byClass { byClass.insert(pair.key) } else { byClass.remove(pair.key) }
            }
            result(.evaluate, names)
        case let .summary(c): result(.summary, named(c.model.map { [$0] } ?? []))
        case let .predict(c): result(.predict, named(c.models))
        case let .mistakes(c): result(.mistakes, named(c.model.map { [$0] } ?? []))
        case let .shiftmap(c): result(.shiftmap, named(c.models))
        case let .compare(c): result(.compare, c.models.isEmpty ? models : c.models.map(\.value))
        case let .plot(c): result(.plot, c.models.isEmpty ? models : c.models.map(\.value))
        case let .saliency(c): result(.saliency, named(c.model.map { [$0] } ?? []))
        case let .show(c):
            switch c.subject {
            case .images, .photo: result(.show, [])
            case let .filters(m): result(.filters, [m.value])
            case let .activations(m, _): result(.activations, [m.value])
            }
        case .note: result(.note, [])
        case let .report(file): reports.append(file.value)
        default: break
        }
    }

    /// The models a statement named, or the current one when it named none.
    private func named(_ names: [ModelName]) -> [String] {
        names.isEmpty ? (current.map { [$0] } ?? []) : names.map(\.value)
    }

    private mutating func result(_ kind: LessonResultKind, _ models: [String]) {
        results.append(.init(kind: kind, models: models))
    }

    /// A changed architecture starts its training again (ModelEntry.resetTraining).
    private mutating func forgetTraining(of model: String?) {
        guard let model else { return }
        validated.remove(model)
        augmented.remove(model)
        byClass = byClass.filter { !$0.hasPrefix(model + "\u{0}") }
    }
}
