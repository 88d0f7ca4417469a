/// Element-wise and row-broadcast kernels on contiguous float buffers.
///
/// Every kernel takes raw pointers and counts so that layers can run them on reused buffers;
/// none allocates. Large jobs are split over the cores by `Parallel.forEach`.
public enum Kernels {}

extension Kernels {
    /// `y[r, c] += bias[c]` for a row-major `[rows, cols]` matrix.
    public static func addRowVector(_ y: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>, rows: Int, cols: Int) {
        Parallel.forEach(rows, costPerItem: cols) { range in
            for r in range {
                let row = y + r * cols
                for c in 0..<cols { row[c] += bias[c] }
            }
        }
    }

    /// `y[i] = x[i] · s` (in place allowed).
    public static func scale(_ x: UnsafePointer<Float>, by s: Float, into y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] = x[i] * s }
    }

    /// `y[i] = x[i] · mask[i]` (inverted dropout applies a mask of 0 and 1/(1−rate)).
    public static func multiply(_ x: UnsafePointer<Float>, _ mask: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        Parallel.forEach(count, costPerItem: 1) { range in
            for i in range { y[i] = x[i] * mask[i] }
        }
    }

    /// Copies `count` floats.
    @inline(__always)
    public static func copy(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        if count > 0 { y.update(from: x, count: count) }
    }
}

extension Kernels {
    /// Fused bias and relu in one pass: `y[r, c] = max(y[r, c] + bias[c], 0)`.
    public static func addRowVectorRelu(_ y: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>, rows: Int, cols: Int) {
        Parallel.forEach(rows, costPerItem: cols) { range in
            for r in range {
                let row = y + r * cols
                for c in 0..<cols { row[c] = max(row[c] + bias[c], 0) }
            }
        }
    }

    /// Fused bias and leaky relu: `v = y + bias`, `y = v > 0 ? v : slope·v`.
    public static func addRowVectorLeakyRelu(_ y: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>, rows: Int, cols: Int, slope: Float) {
        Parallel.forEach(rows, costPerItem: cols) { range in
            for r in range {
                let row = y + r * cols
                for c in 0..<cols { let v = row[c] + bias[c]; row[c] = v > 0 ? v : v * slope }
            }
        }
    }
}
