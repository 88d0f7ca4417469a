import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

/// The one door to OpenBLAS. Everything else in fm multiplies matrices through `BLAS.sgemm`.
///
/// Matrices are row-major. `sgemm` computes `C = alpha · op(A) · op(B) + beta · C` where
/// `op(A)` is `[m, k]` (A stored `[m, k]`, or `[k, m]` when `transA`), `op(B)` is `[k, n]`
/// (B stored `[k, n]`, or `[n, k]` when `transB`) and C is `[m, n]`.
public enum BLAS {
    /// C[m,n] = alpha · op(A) · op(B) + beta · C, leading dimensions given explicitly.
    ///
    /// With `splitAcrossCores` (the default), OpenBLAS runs single-threaded and a large product is
    /// cut into one block of C rows (or columns, when C is short) per core, run through
    /// `Parallel.forEach`: then fm's own loops and the GEMMs share one set of threads, and idle
    /// OpenBLAS workers never spin against our kernels.
    public static func sgemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 { return scaleOnly(m, n, beta, c, ldc) }
        _ = configured
        let work = m * n * k
        guard splitAcrossCores, Parallel.workers > 1, work >= 1 << 20 else {
            call(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
            return
        }
        let w = Parallel.workers
        if let tiles = SmallTiles(transA: transA, transB: transB, m: m, n: n, k: k, workers: w) {
            Parallel.forEach(tiles.count, costPerItem: 1 << 20) { range in
                for t in range { callTile(tiles.tile(t), transA, transB, k, alpha, a, lda, b, ldb, beta, c, ldc) }
            }
            return
        }
        if m >= 16 * w {
            // Rows of C: rows of A (or columns of a transposed A).
            Parallel.forEach(w, costPerItem: 1 << 20) { range in
                for part in range {
                    let lo = m * part / w, hi = m * (part + 1) / w
                    let aBlock = transA ? a + lo : a + lo * lda
                    call(transA, transB, hi - lo, n, k, alpha, aBlock, lda, b, ldb, beta, c + lo * ldc, ldc)
                }
            }
        } else {
            // Columns of C: columns of B (or rows of a transposed B).
            Parallel.forEach(w, costPerItem: 1 << 20) { range in
                for part in range {
                    let lo = n * part / w, hi = n * (part + 1) / w
                    let bBlock = transB ? b + lo * ldb : b + lo
                    call(transA, transB, m, hi - lo, k, alpha, a, lda, bBlock, ldb, beta, c + lo, ldc)
                }
            }
        }
    }

    @inline(__always)
    static func call(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
                     _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                     _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        if m == 0 || n == 0 { return }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Split GEMMs over the cores ourselves (OpenBLAS single-threaded) rather than let OpenBLAS
    /// thread them (`EngineSettings.splitProductsAcrossCores`).
    nonisolated(unsafe) public static var splitAcrossCores = true

    /// Applied once, before the first product: OpenBLAS gets one thread when we split ourselves.
    private static let configured: Bool = {
        if splitAcrossCores { openblas_set_num_threads(1) }
        return true
    }()

    /// Many independent dense-packed products `C_i = op(A_i) · op(B_i) (+ beta·C_i)`, `i < count`, at
    /// fixed strides: run one per core at a time, each single-threaded, when we split ourselves
    /// (Winograd's 16 small GEMMs), else one after the other through OpenBLAS's threads.
    public static func sgemmBatch(
        count: Int, transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, strideA: Int, b: UnsafePointer<Float>, strideB: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, strideC: Int
    ) {
        _ = configured
        let lda = transA ? m : k, ldb = transB ? k : n
        if splitAcrossCores && Parallel.workers > 1 {
            Parallel.forEach(count, costPerItem: 1 << 20) { range in
                for i in range {
                    call(transA, transB, m, n, k, 1, a + i * strideA, lda, b + i * strideB, ldb, beta, c + i * strideC, n)
                }
            }
        } else {
            for i in 0..<count {
                call(transA, transB, m, n, k, 1, a + i * strideA, lda, b + i * strideB, ldb, beta, c + i * strideC, n)
            }
        }
    }

    /// Dense-packed `C = op(A) · op(B) + beta · C` on the calling thread only (for callers that
    /// already split their work over the cores, e.g. a fused GEMM + epilogue per block of rows).
    public static func sgemmSingle(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, b: UnsafePointer<Float>, beta: Float = 0, c: UnsafeMutablePointer<Float>
    ) {
        _ = configured
        if k == 0 { return scaleOnly(m, n, beta, c, n) }
        call(transA, transB, m, n, k, 1, a, transA ? m : k, b, transB ? k : n, beta, c, n)
    }

    /// `C = op(A) · op(B) + beta · C` with explicit leading dimensions, on the calling thread only,
    /// cut into OpenBLAS's small-kernel tiles when that pays (see `SmallTiles`).
    public static func sgemmSingle(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        _ = configured
        if m == 0 || n == 0 { return }
        if k == 0 { return scaleOnly(m, n, beta, c, ldc) }
        guard let tiles = SmallTiles(transA: transA, transB: transB, m: m, n: n, k: k, workers: 1) else {
            call(transA, transB, m, n, k, 1, a, lda, b, ldb, beta, c, ldc)
            return
        }
        for t in 0..<tiles.count { callTile(tiles.tile(t), transA, transB, k, 1, a, lda, b, ldb, beta, c, ldc) }
    }

    /// `C = beta · C` (a product with k = 0: OpenBLAS accepts it, but C must still be scaled).
    private static func scaleOnly(_ m: Int, _ n: Int, _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
    }

    /// One tile of C (its rows and columns) of the product `call` would compute whole.
    @inline(__always)
    static func callTile(_ tile: (rows: Range<Int>, cols: Range<Int>), _ transA: Bool, _ transB: Bool, _ k: Int, _ alpha: Float,
                         _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                         _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        let (rows, cols) = tile
        let aBlock = transA ? a + rows.lowerBound : a + rows.lowerBound * lda
        let bBlock = transB ? b + cols.lowerBound * ldb : b + cols.lowerBound
        call(transA, transB, rows.count, cols.count, k, alpha, aBlock, lda, bBlock, ldb, beta,
             c + rows.lowerBound * ldc + cols.lowerBound, ldc)
    }

    /// Dense-packed convenience form: leading dimensions follow from the shapes.
    public static func sgemm(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        beta: Float = 0, c: UnsafeMutablePointer<Float>
    ) {
        sgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
              a: a, lda: transA ? m : k, b: b, ldb: transB ? k : n, beta: beta, c: c, ldc: n)
    }

    /// Number of threads OpenBLAS uses for one call (1 while `splitAcrossCores`; raising it then
    /// would put two thread pools on the same cores).
    public static var threads: Int {
        get { _ = configured; return Int(openblas_get_num_threads()) }
        set { _ = configured; openblas_set_num_threads(Int32(max(1, newValue))) }
    }
}
