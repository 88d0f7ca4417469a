#if canImport(Glibc)
import Glibc
#endif

/// Reductions over the rows of a row-major `[rows, cols]` matrix (bias gradients, batch
/// statistics) and the fused softmax cross-entropy.
extension Kernels {
    /// `out[c] (+)= Σ_r x[r, c]`; `accumulate` adds to `out` instead of overwriting it.
    public static func sumRows(_ x: UnsafePointer<Float>, rows: Int, cols: Int, into out: UnsafeMutablePointer<Float>, accumulate: Bool = false) {
        if !accumulate { out.update(repeating: 0, count: cols) }
        // Row by row (memory order), four columns at a time: each column is still summed in row
        // order (same rounding as the scalar loop, which the compiler would not vectorise since
        // `out` might alias `x`).
        let wide = cols & ~3
        for r in 0..<rows {
            let row = x + r * cols
            var c = 0
            while c < wide { (SIMD4<Float>.load(out + c) + SIMD4<Float>.load(row + c)).store(out + c); c += 4 }
            while c < cols { out[c] += row[c]; c += 1 }
        }
    }

    /// Per-column mean and biased variance (divided by `rows`), computed in two passes.
    public static func columnMeanVariance(_ x: UnsafePointer<Float>, rows: Int, cols: Int,
                                          mean: UnsafeMutablePointer<Float>, variance: UnsafeMutablePointer<Float>) {
        sumRows(x, rows: rows, cols: cols, into: mean)
        let inv = 1 / Float(max(rows, 1))
        for c in 0..<cols { mean[c] *= inv }
        variance.update(repeating: 0, count: cols)
        for r in 0..<rows {
            let row = x + r * cols
            for c in 0..<cols { let d = row[c] - mean[c]; variance[c] += d * d }
        }
        for c in 0..<cols { variance[c] *= inv }
    }

    /// Sparse categorical cross-entropy on logits `z` `[rows, cols]` with the softmax fused in:
    /// `loss_r = logΣ_k e^{z_rk} − z_{r,label_r}` (log-sum-exp shifted by the row max), and the
    /// gradient of the batch mean, `dz = (softmax(z) − onehot(label)) / rows`, written to `dz`.
    /// Returns the summed loss (Double) and the number of rows whose arg-max equals the label.
    /// Labels must lie in `0..<cols` (callers check). With `smoothing` ε > 0 the target is
    /// Keras's smoothed one-hot, `(1 − ε)·onehot + ε/cols`: the loss adds `ε/cols · Σ_k (lse − z_k)`
    /// after scaling the label's term by `1 − ε`, and the gradient becomes `softmax − target`.
    public static func softmaxCrossEntropy(logits z: UnsafePointer<Float>, labels: UnsafePointer<Int32>, rows: Int, cols: Int,
                                           gradient dz: UnsafeMutablePointer<Float>?, smoothing: Float = 0) -> (lossSum: Double, correct: Int) {
        var lossSum = 0.0, correct = 0
        let invRows = 1 / Float(max(rows, 1))
        let spread = smoothing / Float(max(cols, 1)), onLabel = 1 - smoothing
        for r in 0..<rows {
            let zr = z + r * cols
            let label = Int(labels[r])
            var m = -Float.infinity, arg = 0
            for c in 0..<cols where zr[c] > m { m = zr[c]; arg = c }
            var s: Float = 0
            if let dz {
                // Each exponential once: kept in the gradient row, then scaled.
                let dr = dz + r * cols
                for c in 0..<cols { dr[c] = expf(zr[c] - m); s += dr[c] }
                let inv = 1 / s
                if smoothing > 0 {
                    for c in 0..<cols { dr[c] = (dr[c] * inv - spread) * invRows }
                    dr[label] -= onLabel * invRows
                } else {
                    for c in 0..<cols { dr[c] = dr[c] * inv * invRows }
                    dr[label] -= invRows
                }
            } else {
                for c in 0..<cols { s += expf(zr[c] - m) }
            }
            if smoothing > 0 {
                let lse = Double(logf(s)) + Double(m)
                var zSum = 0.0
                for c in 0..<cols { zSum += Double(zr[c]) }
                lossSum += Double(onLabel) * (lse - Double(zr[label])) + Double(spread) * (Double(cols) * lse - zSum)
            } else {
                lossSum += Double(logf(s)) + Double(m - zr[label])
            }
            if arg == label { correct += 1 }
        }
        return (lossSum, correct)
    }
}
