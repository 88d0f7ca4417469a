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
        if let update = context.update {
            backwardUpdating(x: x, dz: dy, dx: dx, batch: batch, update: update)
            return
        }
        BLAS.sgemm(transA: true, m: n, n: m, k: batch, a: x, b: dy, c: kernel.gradient.pointer)
        Kernels.sumRows(dy, rows: batch, cols: m, into: bias.gradient.pointer)
        if let dx { BLAS.sgemm(transB: true, m: batch, n: n, k: m, a: dy, b: kernel.value.pointer, c: dx) }
    }

    /// Backward in a training step, by blocks of the kernel's rows (input features), one core a
    /// block: `dx[:, rows] = dz · W[rows, :]ᵀ` (with the old weights), `dW[rows, :] = x[:, rows]ᵀ · dz`,
    /// then the optimiser updates `W[rows, :]` while that block of gradient, weights and state is
    /// in the core's cache. Without it the update re-read the blog NN's weights, gradients and
    /// Adam state (7.5 MB a step) after the products had pushed them out: 35 % of the profile
    /// then, 19 % with it.
    private func backwardUpdating(x: UnsafePointer<Float>, dz: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>?,
                                  batch: Int, update: StepUpdate) {
        let n = inputShape[0], m = outputShape[0]
        let w = kernel.value.pointer, dW = kernel.gradient.pointer
        Kernels.sumRows(dz, rows: batch, cols: m, into: bias.gradient.pointer)
        let blocks = Self.rowBlocks(inputs: n, units: m, batch: batch, inputGradient: dx != nil)
        Parallel.forEach(blocks, costPerItem: 1 << 20) { range in
            for block in range {
                let lo = n * block / blocks, hi = n * (block + 1) / blocks
                if lo == hi { continue }
                if let dx {
                    BLAS.sgemmSingle(transB: true, m: batch, n: hi - lo, k: m, a: dz, lda: m, b: w + lo * m, ldb: m, c: dx + lo, ldc: n)
                }
                BLAS.sgemmSingle(transA: true, m: hi - lo, n: m, k: batch, a: x + lo, lda: n, b: dz, ldb: m, c: dW + lo * m, ldc: m)
                update.apply(kernel, range: lo * m..<hi * m)
            }
        }
        update.apply(bias, range: 0..<m)
        update.finish(kernel)
        update.finish(bias)
    }

    /// How many blocks of rows `backwardUpdating` cuts the kernel into: a multiple of the core
    /// count, each at most 32k weights (its weights, gradient and Adam state, 512 KB, stay in a
    /// core's L2) and, where OpenBLAS has small-matrix kernels, fine enough for both products to
    /// take them.
    static func rowBlocks(inputs n: Int, units m: Int, batch: Int, inputGradient: Bool) -> Int {
        let workers = Parallel.workers
        var blocks = ((n * m + 32_767) / 32_768 + workers - 1) / workers * workers
        if let t = SmallTiles(transA: true, transB: false, m: n, n: m, k: batch, workers: workers) { blocks = max(blocks, t.rowTiles) }
        if inputGradient, let t = SmallTiles(transA: false, transB: true, m: batch, n: n, k: m, workers: workers) {
            blocks = max(blocks, t.colTiles)
        }
        return max(1, min(blocks, n))
    }
}
