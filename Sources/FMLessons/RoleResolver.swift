/// Finds the learner's models and datasets for the lesson's roles and tests checks against a
/// session view. A role stays with the model it was first bound to while that model exists;
/// a role whose binding step was skipped is found from the check that defines it.
struct RoleResolver {
    let view: LessonSessionView
    let definitions: [String: LessonCheck]
    var roles: [String: String]

    func holds(_ check: LessonCheck) -> Bool {
        var copy = self
        return copy.test(check)
    }

    /// Whether the check holds; binds the roles it names as it goes.
    mutating func test(_ check: LessonCheck) -> Bool {
        switch check {
        case let .model(layers, role):
            if let role, let bound = roles[role], let model = view.models.first(where: { $0.name == bound }),
               Self.matches(model, layers) { return true }
            let taken = Set(roles.filter { $0.key != role }.values)
            guard let model = view.models.first(where: { !taken.contains($0.name) && Self.matches($0, layers) }) else {
                return false
            }
            if let role { roles[role] = model.name }
            return true
        case let .trained(role, minimum, validated, augmented):
            guard let model = model(role) else { return false }
            return model.epochsTrained >= minimum && (!validated || model.trainedWithValidation)
                && (!augmented || model.trainedWithAugmentation)
        case let .evaluated(role, selector, byClass):
            guard let model = model(role) else { return false }
            return evaluation(of: model.name, on: selector, byClass: byClass) != nil
        case let .dataset(selector, role):
            guard let dataset = dataset(selector, avoiding: role) else { return false }
            if let role { roles[role] = dataset.name }
            return true
        case let .result(kind, names):
            let models = names.map { model($0)?.name }
            guard !models.contains(nil) else { return false }
            return view.results.contains { result in
                result.kind == kind && models.allSatisfy { result.models.contains($0 ?? "") }
            }
        case let .statementUsed(name):
            return view.statementsRun.contains(name)
        case let .typed(name):
            return view.lastStatement == LessonSessionView.LastStatement(name: name, failed: false)
        case .errorShown:
            return view.lastStatement?.failed == true
        case .reportWritten:
            return !view.reportsWritten.isEmpty
        }
    }

    static func matches(_ model: LessonSessionView.Model, _ layers: [LayerPattern]) -> Bool {
        var remaining = layers[...]
        for layer in model.layers where remaining.first?.matches(layer) == true { remaining.removeFirst() }
        return remaining.isEmpty
    }

    /// The model bound to `role`, binding it from the role's defining check when needed.
    mutating func model(_ role: String) -> LessonSessionView.Model? {
        if let bound = roles[role], let model = view.models.first(where: { $0.name == bound }) { return model }
        guard let definition = definitions[role], case .model = definition, test(definition),
              let bound = roles[role] else { return nil }
        return view.models.first { $0.name == bound }
    }

    mutating func boundDataset(_ role: String) -> LessonSessionView.Dataset? {
        if let bound = roles[role], let dataset = view.datasets.first(where: { $0.name == bound }) { return dataset }
        guard let definition = definitions[role], case .dataset = definition, test(definition),
              let bound = roles[role] else { return nil }
        return view.datasets.first { $0.name == bound }
    }

    private mutating func dataset(_ selector: DatasetSelector, avoiding role: String?) -> LessonSessionView.Dataset? {
        switch selector {
        case let .named(name): return view.datasets.first { $0.name == name }
        case let .role(other): return boundDataset(other)
        case .translated:
            if let role, let bound = roles[role],
               let dataset = view.datasets.first(where: { $0.name == bound && $0.translated }) { return dataset }
            return view.datasets.last { $0.translated }
        }
    }

    /// The latest evaluation of the model on a dataset the selector means.
    mutating func evaluation(of model: String, on selector: DatasetSelector,
                             byClass: Bool = false) -> LessonSessionView.Evaluation? {
        let datasetName: String?
        switch selector {
        case .translated: datasetName = nil
        case let .named(name): datasetName = name
        case let .role(role): datasetName = boundDataset(role)?.name ?? roles[role]
        }
        return view.evaluations.last { evaluation in
            evaluation.model == model && (!byClass || evaluation.byClass)
                && (datasetName.map { evaluation.dataset == $0 } ?? evaluation.translated)
        }
    }
}
