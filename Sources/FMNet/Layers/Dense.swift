import FMTensor

/// dense: `y = f(x · W + b)` with `x` `[B, in]`, kernel `W` `[in, out]` (Keras layout), bias
/// `b` `[out]`, `y` `[B, out]`.
///
/// Backward, with `dz = dy · f'` (from the saved `y`):
/// `dW = xᵀ · dz` `[in, out]`, `db = Σ_rows dz`, `dx = dz · Wᵀ` `[B, in]` — three sgemm-shaped steps.
final class DenseLayer: Layer {
    let inputShape: [Int], outputShape: [Int]
    let kernel: Parameter, bias: Parameter
    let activation: Activation
    var parameters: [Parameter] { [kernel, bias] }

    init(index: Int, inputs: Int, units: Int, activation: Activation, rng: inout SeededRandom) {
        inputShape = [inputs]; outputShape = [units]
        self.activation = activation
        kernel = Parameter(name: "\(index).dense.kernel", shape: [inputs, units])
        bias = Parameter(name: "\(index).dense.bias", shape: [units])
        kernel.glorotUniform(fanIn: inputs, fanOut: units, rng: &rng)
    }

    func forward(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, batch: Int, context: inout PassContext) {
        let n = inputShape[0], m = outputShape[0]
        BLAS.sgemm(m: batch, n: m, k: n, a: x, b: kernel.value.pointer, c: y)
        activation.applyWithBias(y, bias: bias.value.pointer, rows: batch, cols: m)
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, batch: Int, context: PassContext) {
        let n = inputShape[0], m = outputShape[0]
        activation.backward(y, dy, rows: batch, cols: m)
        BLAS.sgemm(transA: true, m: n, n: m, k: batch, a: x, b: dy, c: kernel.gradient.pointer)
        Kernels.sumRows(dy, rows: batch, cols: m, into: bias.gradient.pointer)
        if let dx { BLAS.sgemm(transB: true, m: batch, n: n, k: m, a: dy, b: kernel.value.pointer, c: dx) }
    }
}
