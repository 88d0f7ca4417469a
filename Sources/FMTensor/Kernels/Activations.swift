#if canImport(Glibc)
import Glibc
#endif

/// Activation functions and their gradients.
///
/// Forward kernels map `x → y` (in place allowed). Backward kernels turn the gradient with
/// respect to the output, `dy`, into the gradient with respect to the input, in place, using
/// only the saved output `y` — so a layer never has to keep its pre-activation values:
///   relu        y = max(x, 0)            dx = dy · [y > 0]
///   leaky_relu  y = x if x > 0 else αx   dx = dy · (y > 0 ? 1 : α)        (α > 0)
///   sigmoid     y = 1 / (1 + e^−x)       dx = dy · y (1 − y)
///   tanh        y = tanh x               dx = dy · (1 − y²)
///   softmax     y_j = e^x_j / Σ e^x_k    dx_j = y_j (dy_j − Σ_k dy_k y_k)   (per row)
extension Kernels {
    public static func relu(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        Parallel.forEach(count) { r in for i in r { y[i] = max(x[i], 0) } }
    }

    /// `y ← max(y, 0)` in place on the calling thread (a block of a fused epilogue).
    @inline(__always)
    public static func reluInPlace(_ y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] = max(y[i], 0) }
    }

    /// Branch-free, four lanes at a time: relu outputs are zero about half the time in no
    /// pattern, so the scalar `y > 0 ? dy : 0` mispredicted about every other element (~5 ns each).
    public static func reluBackward(_ y: UnsafePointer<Float>, _ dy: UnsafeMutablePointer<Float>, count: Int) {
        Parallel.forEach(count) { r in
            var i = r.lowerBound
            while i + 4 <= r.upperBound {
                SIMD4<Float>.load(dy + i).replacing(with: 0, where: SIMD4<Float>.load(y + i) .<= 0).store(dy + i)
                i += 4
            }
            while i < r.upperBound { dy[i] = y[i] > 0 ? dy[i] : 0; i += 1 }
        }
    }

    public static func leakyRelu(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, slope: Float) {
        Parallel.forEach(count) { r in for i in r { let v = x[i]; y[i] = v > 0 ? v : v * slope } }
    }

    public static func leakyReluBackward(_ y: UnsafePointer<Float>, _ dy: UnsafeMutablePointer<Float>, count: Int, slope: Float) {
        Parallel.forEach(count) { r in
            var i = r.lowerBound
            while i + 4 <= r.upperBound {
                let d = SIMD4<Float>.load(dy + i)
                d.replacing(with: d * slope, where: SIMD4<Float>.load(y + i) .<= 0).store(dy + i)
                i += 4
            }
            while i < r.upperBound { dy[i] = y[i] > 0 ? dy[i] : dy[i] * slope; i += 1 }
        }
    }

    public static func sigmoid(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        Parallel.forEach(count, costPerItem: 8) { r in
            for i in r {
                let v = x[i]
                // Two branches so that expf never overflows.
                if v >= 0 { y[i] = 1 / (1 + expf(-v)) } else { let e = expf(v); y[i] = e / (1 + e) }
            }
        }
    }

    public static func sigmoidBackward(_ y: UnsafePointer<Float>, _ dy: UnsafeMutablePointer<Float>, count: Int) {
        Parallel.forEach(count) { r in for i in r { dy[i] *= y[i] * (1 - y[i]) } }
    }

    public static func tanh(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        Parallel.forEach(count, costPerItem: 8) { r in for i in r { y[i] = tanhf(x[i]) } }
    }

    public static func tanhBackward(_ y: UnsafePointer<Float>, _ dy: UnsafeMutablePointer<Float>, count: Int) {
        Parallel.forEach(count) { r in for i in r { dy[i] *= 1 - y[i] * y[i] } }
    }

    /// Row-wise softmax of a `[rows, cols]` matrix, shifted by the row maximum for stability.
    public static func softmaxRows(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        Parallel.forEach(rows, costPerItem: cols * 8) { range in
            for r in range {
                let xr = x + r * cols, yr = y + r * cols
                var m = -Float.infinity
                for c in 0..<cols { m = max(m, xr[c]) }
                var s: Float = 0
                for c in 0..<cols { let e = expf(xr[c] - m); yr[c] = e; s += e }
                let inv = 1 / s
                for c in 0..<cols { yr[c] *= inv }
            }
        }
    }

    /// In place: `dy ← y ⊙ (dy − rowsum(dy ⊙ y))`, the softmax Jacobian applied per row.
    public static func softmaxRowsBackward(_ y: UnsafePointer<Float>, _ dy: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        Parallel.forEach(rows, costPerItem: cols * 2) { range in
            for r in range {
                let yr = y + r * cols, dr = dy + r * cols
                var dot: Float = 0
                for c in 0..<cols { dot += dr[c] * yr[c] }
                for c in 0..<cols { dr[c] = yr[c] * (dr[c] - dot) }
            }
        }
    }
}
