import FMTensor

/// How a conv2d layer computes its convolution; the layer adds bias and activation around it.
/// Swappable (a Winograd F(2x2,3x3) variant can implement the same two calls).
///
/// `forward`: `y[B, outH, outW, cout] = Σ_{ky,kx,c} x[B, oy·sh−pt+ky, ox·sw−pl+kx, c] · K[ky, kx, c, cout]`.
/// `backward`: `dK` (overwritten) `= ∂loss/∂K`; `dx` (if non-nil, overwritten) `= ∂loss/∂x`.
protocol ConvolutionAlgorithm: AnyObject {
    func forward(_ x: UnsafePointer<Float>, images: Int, kernel: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>)
    /// Forward with the layer's epilogue `y = act(conv + bias)` fused in, for `relu` or linear
    /// activations (`relu` false); returns false (having done nothing) when the algorithm cannot.
    func forward(_ x: UnsafePointer<Float>, images: Int, kernel: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                 relu: Bool, into y: UnsafeMutablePointer<Float>) -> Bool
    func backward(x: UnsafePointer<Float>, images: Int, kernel: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, dKernel: UnsafeMutablePointer<Float>)
}

/// Convolution lowered onto sgemm: the patches of a chunk of images become the rows of one
/// matrix `col` `[images·positions, kh·kw·cin]` (im2col), and
///   forward   `y = col · K`               `[rows, cout]` (NHWC directly)
///   backward  `dK += colᵀ · dy`,  `dcol = dy · Kᵀ` (into the same buffer), `dx = col2im(dcol)`.
/// Chunks hold as many whole images as fit in `maxColumnFloats`, so training batches are one big
/// GEMM while inference over 256 images stays within bounded memory. When the last forward's
/// `col` still holds the batch, backward reuses it instead of unfolding again. A 1×1, stride-1
/// `valid` convolution needs no unfolding at all: `col` is `x` itself.
final class Im2colConvolution: ConvolutionAlgorithm {
    let g: WindowGeometry
    let filters: Int
    let maxColumnFloats: Int
    private let col = FloatBuffer()
    /// (input pointer, images) whose unfolding `col` currently holds, if the whole batch fit.
    private var colHolds: (UnsafePointer<Float>, Int)?

    init(geometry: WindowGeometry, filters: Int, maxColumnFloats: Int = 1 << 22) {
        g = geometry
        self.filters = filters
        self.maxColumnFloats = maxColumnFloats
    }

    private var isPointwise: Bool {
        g.kernelH == 1 && g.kernelW == 1 && g.strideH == 1 && g.strideW == 1 && g.padTop == 0 && g.padLeft == 0
    }

    private var chunkImages: Int { max(1, maxColumnFloats / max(1, g.positions * g.patchSize)) }

    /// Fused epilogue: the output rows are cut into blocks of `epilogueRows` (about 128 KB of
    /// output, cache-resident), and per block, on one core each: `y ← bias` rows, `y += col · K`
    /// (sgemm with beta = 1, so OpenBLAS skips its zeroing pass), relu in place. The same values
    /// as `col · K` then `+ bias`: with k ≤ 32 the kernel adds each finished dot product to C
    /// once, and float addition commutes (`FusedEpilogueTests` checks equality).
    /// Used for small patches (`kh·kw·cin ≤ 32`, the first layer on grey images), where the
    /// product is cheap and the separate passes over the big output dominated.
    func forward(_ x: UnsafePointer<Float>, images: Int, kernel: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                 relu: Bool, into y: UnsafeMutablePointer<Float>) -> Bool {
        let K = g.patchSize, P = g.positions, F = filters
        guard K <= 32, !isPointwise else { return false }
        let chunk = min(chunkImages, images)
        col.reserve(chunk * P * K)
        let blockRows = max(1, (1 << 15) / F)
        var start = 0
        while start < images {
            let n = min(chunk, images - start), rows = n * P
            Kernels.im2col(x + start * g.imageSize, images: n, g, into: col.pointer)
            let out = y + start * P * F, a = UnsafePointer(col.pointer)
            let blocks = (rows + blockRows - 1) / blockRows
            Parallel.forEach(blocks, costPerItem: blockRows * F * (2 * K + 2)) { range in
                for blk in range {
                    let lo = blk * blockRows, hi = min(rows, lo + blockRows)
                    let c = out + lo * F
                    for r in 0..<(hi - lo) { (c + r * F).update(from: bias, count: F) }
                    BLAS.sgemmSingle(m: hi - lo, n: F, k: K, a: a + lo * K, b: kernel, beta: 1, c: c)
                    if relu { Kernels.reluInPlace(c, count: (hi - lo) * F) }
                }
            }
            start += n
        }
        colHolds = images <= chunk ? (x, images) : nil
        return true
    }

    func forward(_ x: UnsafePointer<Float>, images: Int, kernel: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        let K = g.patchSize, P = g.positions
        if isPointwise {
            BLAS.sgemm(m: images * P, n: filters, k: K, a: x, b: kernel, c: y)
            return
        }
        let chunk = min(chunkImages, images)
        col.reserve(chunk * P * K)
        var start = 0
        while start < images {
            let n = min(chunk, images - start)
            Kernels.im2col(x + start * g.imageSize, images: n, g, into: col.pointer)
            BLAS.sgemm(m: n * P, n: filters, k: K, a: col.pointer, b: kernel, c: y + start * P * filters)
            start += n
        }
        colHolds = images <= chunk ? (x, images) : nil
    }

    func backward(x: UnsafePointer<Float>, images: Int, kernel: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, dKernel: UnsafeMutablePointer<Float>) {
        let K = g.patchSize, P = g.positions
        if isPointwise {
            BLAS.sgemm(transA: true, m: K, n: filters, k: images * P, a: x, b: dy, c: dKernel)
            if let dx { BLAS.sgemm(transB: true, m: images * P, n: K, k: filters, a: dy, b: kernel, c: dx) }
            return
        }
        let chunk = min(chunkImages, images)
        col.reserve(chunk * P * K)
        var start = 0
        while start < images {
            let n = min(chunk, images - start), rows = n * P
            let dyChunk = dy + start * P * filters
            if !(start == 0 && colHolds.map({ $0.0 == x && $0.1 == images }) == true) {
                Kernels.im2col(x + start * g.imageSize, images: n, g, into: col.pointer)
            }
            BLAS.sgemm(transA: true, m: K, n: filters, k: rows, a: col.pointer, b: dyChunk,
                       beta: start == 0 ? 0 : 1, c: dKernel)
            if let dx {
                BLAS.sgemm(transB: true, m: rows, n: K, k: filters, a: dyChunk, b: kernel, c: col.pointer)
                Kernels.col2im(col.pointer, images: n, g, into: dx + start * g.imageSize)
            }
            start += n
        }
        colHolds = nil   // `col` now holds dcol (or is stale)
    }
}
