import FMTensor

/// Everything that can be wrong with a model, its parameters or its training data.
/// Each case names the layer or tensor and the shapes involved.
public enum ModelError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A layer needs an input of another rank: `needs` reads like "a 3-D input (height x width x channels)".
    case wrongInputRank(layer: String, needs: String, got: [Int], source: String)
    /// A window (kernel or pool) larger than its input leaves nothing.
    case shrinksToZero(layer: String, input: [Int], output: [Int])
    /// An argument out of range, e.g. `dense 0` or `dropout 1.5`.
    case invalidLayer(layer: String, reason: String)
    case invalidInputShape([Int])
    /// A shape whose element count does not fit in a 64-bit integer (`flatten` of 10⁷×10⁷×10⁷).
    case tooLarge(layer: String, input: [Int])
    case emptyModel(operation: String)
    case parameterShape(name: String, expected: [Int], actual: [Int])
    case unknownParameter(name: String)
    case missingParameter(name: String)
    case imageShape(operation: String, expected: [Int], actual: [Int])
    case labelCount(operation: String, images: Int, labels: Int)
    case labelOutOfRange(operation: String, index: Int, label: Int, classes: Int)
    case outputNotClasses(shape: [Int])
    case invalidTraining(reason: String)

    public var description: String {
        func s(_ shape: [Int]) -> String { shape.isEmpty ? "a scalar" : Tensor.describe(shape) }
        switch self {
        case let .wrongInputRank(layer, needs, got, source):
            return "\(layer) needs \(needs), got \(s(got)) from \(source)"
        case let .shrinksToZero(layer, input, output):
            return "\(layer) would shrink \(s(input)) to \(s(output)): the input is smaller than the window"
        case let .invalidLayer(layer, reason):
            return "\(layer): \(reason)"
        case let .invalidInputShape(shape):
            return "input shape \(s(shape)) is not usable: give 1 to 3 positive sizes such as 28x28 or 28x28x1"
        case let .tooLarge(layer, input):
            return "\(layer) of \(s(input)) holds more values than a 64-bit count can number; use smaller sizes"
        case let .emptyModel(operation):
            return "\(operation): the model has no layers yet"
        case let .parameterShape(name, expected, actual):
            return "parameter \(name) has shape \(s(actual)), the model needs \(s(expected))"
        case let .unknownParameter(name):
            return "parameter \(name) does not belong to this model"
        case let .missingParameter(name):
            return "parameter \(name) is missing"
        case let .imageShape(operation, expected, actual):
            return "\(operation): images of shape \(s(actual)) do not fit the model input \(s(expected))"
        case let .labelCount(operation, images, labels):
            return "\(operation): \(images) images but \(labels) labels"
        case let .labelOutOfRange(operation, index, label, classes):
            return "\(operation): label \(label) of example \(index) is outside 0..\(classes - 1)"
        case let .outputNotClasses(shape):
            return "the model's output \(s(shape)) is not a vector of class scores: end with flatten or globalavgpool and a dense layer"
        case let .invalidTraining(reason):
            return reason
        }
    }
}
