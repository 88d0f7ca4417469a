import FMTensor

/// An activation as a layer (`add relu`): `y = f(x)` element-wise (softmax per row over the last
/// axis), `dx = dy · f'(x)` computed from the saved `y` (see `Kernels` activations). Any shape.
final class ActivationLayer: Layer {
    let inputShape: [Int], outputShape: [Int]
    let activation: Activation

    init(shape: [Int], activation: Activation) {
        inputShape = shape; outputShape = shape
        self.activation = activation
    }

    private var cols: Int { activation == .softmax ? (outputShape.last ?? 1) : outputSize }

    func forward(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, batch: Int, context: inout PassContext) {
        activation.apply(x, y, rows: batch * outputSize / cols, cols: cols)
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, batch: Int, context: PassContext) {
        guard let dx else { return }
        activation.backward(y, dy, rows: batch * outputSize / cols, cols: cols)
        Kernels.copy(dy, into: dx, count: batch * outputSize)
    }
}
