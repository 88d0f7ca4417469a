import Foundation
import FMLanguage
import FMNet
import FMData
import FMGraphics
import FMInterop
import FMStore

/// Everything that can go wrong while a statement runs against the session: names it does not
/// hold, data that does not fit a model, and the engine's, loaders' and store's own errors.
/// The one place where their text is made for the user.
enum RuntimeError {
    case unknown(kind: String, name: String, suggestion: String?, firstHint: String?)
    case noCurrentModel
    case noLayers(model: String)
    case notAClassifier(model: String, shape: [Int])
    case inputMismatch(model: String, takes: [Int], dataset: String, height: Int, width: Int)
    case labelOutsideModel(dataset: String, label: Int32, outputs: Int)
    case unlabelled(dataset: String)
    case outsideDataset(text: String, name: String, count: Int)
    case isAModel(String)
    case cannotAdd(layer: String, model: String, reason: ModelError)
    case nothingToRemove(model: String)
    case layerNumber(model: String, count: Int)
    case noFilters(model: String, layer: Int, kind: String)
    case weightsNotImages(model: String, layer: Int)
    case nothingToPlot
    case noModels
    case unknownStatement(name: String, suggestion: String?)
    case cannotRead(path: String)
    case exportFormat(model: Bool)
    case noArchitecture(path: String)
    case runNesting
    /// `lesson hint` (or another control, or `answer`) with no lesson running.
    case noLesson(statement: String)
    /// `answer B` at a step that asks nothing.
    case noQuestion(lesson: String, step: Int)
    case unknownLesson(name: String, suggestion: String?)
    case lessonFinished(lesson: String)
    /// An error of the engine, a loader, the picture writer or the store, with its own text.
    case module(any Error)

    var message: String {
        switch self {
        case let .unknown(kind, name, suggestion, firstHint):
            let hint = suggestion.map { "; did you mean `\($0)`?" } ?? firstHint.map { "; \($0)" } ?? ""
            return "no \(kind) named `\(name)`\(hint)"
        case .noCurrentModel: return "no current model; make one with `model NAME input=28x28`"
        case let .noLayers(model): return "\(model) has no layers; add some with `add`"
        case let .notAClassifier(model, shape):
            return "\(model) ends in shape \(shapeText(shape)); a classifier ends in one dimension (add flatten or globalavgpool, then dense 10 softmax)"
        case let .inputMismatch(model, takes, dataset, height, width):
            return "\(model) takes \(shapeText(takes)) images but \(dataset) has \(height)x\(width)"
        case let .labelOutsideModel(dataset, label, outputs): return "\(dataset) has label \(label) but the model has \(outputs) outputs"
        case let .unlabelled(dataset): return "\(dataset) has unlabelled images; train on a labelled dataset"
        case let .outsideDataset(text, name, count): return "`\(text)` is outside `\(name)`, which has images 0..\(count - 1)"
        case let .isAModel(n): return "`\(n)` is a model; did you mean `show filters \(n)` or `show activations \(n) test[0]`?"
        case let .cannotAdd(layer, model, reason): return "cannot add \(layer) to \(model): \(reason)"
        case let .nothingToRemove(model): return "\(model) has no layers to remove"
        case let .layerNumber(model, count): return "`layer` must be 1 to \(count) for \(model)"
        case let .noFilters(model, layer, kind): return "layer \(layer) of \(model) (\(kind)) has no filters; try a conv2d or dense layer"
        case let .weightsNotImages(model, layer): return "layer \(layer) of \(model) has weights that are not images"
        case .nothingToPlot: return "nothing to plot: train a model first"
        case .noModels: return "no models to compare"
        case let .unknownStatement(name, suggestion): return "no statement `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")
        case let .cannotRead(path): return "cannot read \(path)"
        case let .exportFormat(model): return model ? "models are exported as .safetensors or .onnx files" : "datasets are exported as .npy files"
        case let .noArchitecture(path): return "\(path) has no fm architecture in its metadata; import it `like` a model of the same shape"
        case .runNesting: return "`run` is nested too deeply (16 levels); does the script run itself?"
        case let .noLesson(statement):
            return "no lesson is running, so `\(statement)` has nothing to act on; `lessons` lists them and `lesson NAME` starts one"
        case let .noQuestion(lesson, step):
            return "step \(step) of \(lesson) asks no question; `lesson` shows what it asks you to do"
        case let .lessonFinished(lesson):
            return "you have finished \(lesson); there is no question left to answer (`lesson stop` clears it)"
        case let .unknownLesson(name, suggestion):
            return "no lesson named `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "; `lessons` lists them")
        case let .module(error): return RuntimeError.text(of: error)
        }
    }

    /// The text of another module's error: each module's enum says it in its own words.
    static func text(of error: any Error) -> String {
        switch error {
        case let e as ModelError: return e.description
        case let e as DataError: return e.description
        case let e as GraphicsError: return e.description
        case let e as InteropError: return e.description
        case let e as StoreError: return e.description
        case let e as MemoryError: return e.description
        case let e as NameError: return e.description
        case let e as CommandError: return e.message
        case let e as CocoaError: return e.localizedDescription
        default: return String(describing: error)
        }
    }
}

func shapeText(_ s: [Int]) -> String { s.map(String.init).joined(separator: "x") }
