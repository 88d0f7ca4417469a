import FMTensor

/// batchnorm over the last axis (channels; features of a dense output), Keras semantics.
///
/// Rows are all positions of all examples, `N = B·H·W` (or `B`). Training uses the batch
/// statistics `μ = mean x`, `σ² = mean (x − μ)²` (biased):
///   `x̂ = (x − μ) / √(σ² + ε)`,  `y = γ x̂ + β`,
///   `moving_mean ← m·moving_mean + (1 − m)·μ`, `moving_variance ← m·moving_variance + (1 − m)·σ²`.
/// Inference uses the moving statistics instead. Backward (training):
///   `dγ = Σ dy x̂`, `dβ = Σ dy`, `dx = γ/(N√(σ²+ε)) · (N dy − dβ − x̂ dγ)`;
/// at inference `dx = dy · γ/√(moving_variance + ε)`. Defaults: m = 0.99, ε = 1e-3.
final class BatchNormLayer: Layer {
    let inputShape: [Int], outputShape: [Int]
    let gamma, beta, movingMean, movingVariance: Parameter
    let momentum, epsilon: Float
    private let mean = FloatBuffer(), invStd = FloatBuffer(), scratch = FloatBuffer()
    var parameters: [Parameter] { [gamma, beta, movingMean, movingVariance] }
    private var channels: Int { outputShape.last ?? 1 }

    init(index: Int, shape: [Int], momentum: Float, epsilon: Float) {
        inputShape = shape; outputShape = shape
        self.momentum = momentum; self.epsilon = epsilon
        let c = [shape.last ?? 1]
        gamma = Parameter(name: "\(index).batchnorm.gamma", shape: c, fill: 1)
        beta = Parameter(name: "\(index).batchnorm.beta", shape: c)
        movingMean = Parameter(name: "\(index).batchnorm.moving_mean", shape: c, trainable: false)
        movingVariance = Parameter(name: "\(index).batchnorm.moving_variance", shape: c, trainable: false, fill: 1)
    }

    func forward(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, batch: Int, context: inout PassContext) {
        let C = channels, rows = batch * outputSize / C
        mean.reserve(C); invStd.reserve(C); scratch.reserve(C)
        let mu = mean.pointer, inv = invStd.pointer
        if context.training {
            let variance = scratch.pointer
            Kernels.columnMeanVariance(x, rows: rows, cols: C, mean: mu, variance: variance)
            let mm = movingMean.value.pointer, mv = movingVariance.value.pointer
            for c in 0..<C {
                mm[c] = mm[c] * momentum + mu[c] * (1 - momentum)
                mv[c] = mv[c] * momentum + variance[c] * (1 - momentum)
                inv[c] = 1 / (variance[c] + epsilon).squareRoot()
            }
        } else {
            let mm = movingMean.value.pointer, mv = movingVariance.value.pointer
            for c in 0..<C { mu[c] = mm[c]; inv[c] = 1 / (mv[c] + epsilon).squareRoot() }
        }
        let g = gamma.value.pointer, b = beta.value.pointer
        for r in 0..<rows {
            let xr = x + r * C, yr = y + r * C
            for c in 0..<C { yr[c] = (xr[c] - mu[c]) * inv[c] * g[c] + b[c] }
        }
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, batch: Int, context: PassContext) {
        let C = channels, rows = batch * outputSize / C
        let mu = mean.pointer, inv = invStd.pointer, g = gamma.value.pointer
        let dg = gamma.gradient.pointer, db = beta.gradient.pointer
        dg.update(repeating: 0, count: C); db.update(repeating: 0, count: C)
        for r in 0..<rows {
            let xr = x + r * C, dr = dy + r * C
            for c in 0..<C { db[c] += dr[c]; dg[c] += dr[c] * (xr[c] - mu[c]) * inv[c] }
        }
        guard let dx else { return }
        if context.training {
            let n = Float(rows), invN = 1 / Float(rows)
            for r in 0..<rows {
                let xr = x + r * C, dr = dy + r * C, out = dx + r * C
                for c in 0..<C {
                    let xhat = (xr[c] - mu[c]) * inv[c]
                    out[c] = g[c] * inv[c] * invN * (n * dr[c] - db[c] - xhat * dg[c])
                }
            }
        } else {
            for r in 0..<rows {
                let dr = dy + r * C, out = dx + r * C
                for c in 0..<C { out[c] = dr[c] * g[c] * inv[c] }
            }
        }
    }
}
