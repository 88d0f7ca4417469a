/// A step's goal, tested against what the session has (never against the text the learner
/// typed, so a model called `mycnn` meets a step written for `cnn`). The closed set is
/// described in docs/lessons.md; `CheckParser` makes these from `check:` lines.
enum LessonCheck: Equatable, Sendable {
    /// `model with flatten, dense 256, dense 10 as nn`: a model whose layers contain these, in
    /// this order (other layers may come between); `as ROLE` binds the role to it.
    case model(layers: [LayerPattern], role: String?)
    /// `trained cnn epochs>=3 validated augmented`
    case trained(role: String, minimumEpochs: Int, validated: Bool, augmented: Bool)
    /// `evaluated cnn on translated by class`
    case evaluated(role: String, on: DatasetSelector, byClass: Bool)
    /// `dataset translated exists as moved`
    case dataset(DatasetSelector, role: String?)
    /// `shiftmap ran with nn, cnn`: a kept result of this kind that involves these models.
    case result(LessonResultKind, roles: [String])
    /// `statement used plot`: a statement of this name completed at some time in the session.
    case statementUsed(String)
    /// `typed help`: the statement just run was this one, and it worked.
    case typed(String)
    /// `error shown`: the statement just run failed with an error.
    case errorShown
    /// `report written`
    case reportWritten

    /// The role this check binds, if any.
    var boundRole: String? {
        switch self {
        case let .model(_, role), let .dataset(_, role): return role
        default: return nil
        }
    }
}

/// One layer in a `model with` list: a kind, and the units or filters when given.
struct LayerPattern: Equatable, Sendable {
    var kind: String
    var size: Int?

    static let kinds = ["flatten", "dense", "conv2d", "maxpool", "avgpool", "globalavgpool",
                        "dropout", "batchnorm", "activation"]

    func matches(_ layer: LessonSessionView.Layer) -> Bool {
        layer.kind == kind && (size == nil || layer.size == size)
    }
}

/// Which dataset a check or placeholder means.
enum DatasetSelector: Equatable, Sendable {
    /// Any dataset made by `translate`.
    case translated
    /// A dataset bound to a role by `dataset … exists as ROLE`.
    case role(String)
    /// A dataset of this name, such as `test`.
    case named(String)
}

/// The kinds of results the session keeps (issue 14, item 1), as checks name them.
public enum LessonResultKind: String, Codable, CaseIterable, Sendable {
    case summary, evaluate, predict, mistakes, shiftmap, compare, show, filters, activations,
         saliency, plot, note
}

/// The statements of fm (docs/language.md), so that `statement used plto` is caught when the
/// lesson is read rather than never met.
let fmStatementNames: Set<String> = [
    "load", "export", "datasets", "models", "sessions", "model", "add", "pop", "use", "summary",
    "compile", "train", "evaluate", "predict", "mistakes", "seed", "show", "translate",
    "shiftmap", "compare", "plot", "saliency", "note", "report", "session", "forget", "import",
    "history", "run", "help", "quit", "lessons", "lesson", "answer",
]
