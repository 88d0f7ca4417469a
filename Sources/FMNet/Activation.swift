import FMTensor

/// An element-wise (or, for softmax, per-row) activation, as Keras names them.
///
/// `leaky_relu` uses the negative slope 0.3 of Keras's `LeakyReLU` layer. `softmax` normalises
/// over the last axis (the classes of a dense output, the channels of a conv output).
public enum Activation: String, Codable, CaseIterable, Sendable {
    case linear, relu, leaky_relu, sigmoid, tanh, softmax

    /// Negative slope of `leaky_relu`.
    public static let leakySlope: Float = 0.3

    /// In place `y = f(y)` on `[rows, cols]` (cols matter only for softmax).
    func apply(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        let n = rows * cols
        switch self {
        case .linear: if UnsafePointer(y) != x { Kernels.copy(x, into: y, count: n) }
        case .relu: Kernels.relu(x, y, count: n)
        case .leaky_relu: Kernels.leakyRelu(x, y, count: n, slope: Activation.leakySlope)
        case .sigmoid: Kernels.sigmoid(x, y, count: n)
        case .tanh: Kernels.tanh(x, y, count: n)
        case .softmax: Kernels.softmaxRows(x, y, rows: rows, cols: cols)
        }
    }

    /// In place `y[r, c] = f(y[r, c] + bias[c])` on `[rows, cols]`: one pass for linear, relu and
    /// leaky_relu, bias then activation for the others.
    func applyWithBias(_ y: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, rows: Int, cols: Int) {
        switch self {
        case .linear: Kernels.addRowVector(y, bias, rows: rows, cols: cols)
        case .relu: Kernels.addRowVectorRelu(y, bias, rows: rows, cols: cols)
        case .leaky_relu: Kernels.addRowVectorLeakyRelu(y, bias, rows: rows, cols: cols, slope: Activation.leakySlope)
        default:
            Kernels.addRowVector(y, bias, rows: rows, cols: cols)
            apply(y, y, rows: rows, cols: cols)
        }
    }

    /// In place `dy ← dy · f'(x)`, expressed through the saved output `y`.
    func backward(_ y: UnsafePointer<Float>, _ dy: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        let n = rows * cols
        switch self {
        case .linear: break
        case .relu: Kernels.reluBackward(y, dy, count: n)
        case .leaky_relu: Kernels.leakyReluBackward(y, dy, count: n, slope: Activation.leakySlope)
        case .sigmoid: Kernels.sigmoidBackward(y, dy, count: n)
        case .tanh: Kernels.tanhBackward(y, dy, count: n)
        case .softmax: Kernels.softmaxRowsBackward(y, dy, rows: rows, cols: cols)
        }
    }

    /// Forward FLOPs we count per element (softmax: exp, sum, divide).
    var flopsPerElement: Int {
        switch self {
        case .linear: return 0
        case .softmax: return 3
        default: return 1
        }
    }
}
