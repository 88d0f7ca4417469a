#if canImport(Glibc)
import Glibc
#endif
import FMTensor

/// Winograd F(2x2, 3x3) or F(4x4, 3x3) for stride-1 3x3 convolutions (`Kernels` Winograd
/// transforms; the tiling's variant decides): P = 16 or 36 GEMMs per chunk, one per transformed
/// tile position ξ, with 2.25× or 4× fewer multiplications than im2col (before padding waste).
///   forward   `U = G K Gᵀ`, `V = Bᵀ x B`, `M[ξ] = V[ξ] · U[ξ]`, `y = Aᵀ M A`
///   backward  `dM = A dy Aᵀ`, `dU[ξ] (+)= V[ξ]ᵀ · dM[ξ]`, `dK = Gᵀ dU G`,
///             `dV[ξ] = dM[ξ] · U[ξ]ᵀ` (into V's buffer), `dx = Σ B dV Bᵀ`.
/// Buffers: `V` `[P, tiles, cin]`, `M` `[P, tiles, cout]` (reused for dM), `U`/`dU` `[P, cin, cout]`,
/// each point's matrix at a padded stride (`WinogradTiling.pointStride`).
/// Chunks hold whole images, at most `maxTransformFloats` in the larger of `V` and `M`: 2 MiB
/// by default, so that the transforms find what the GEMMs just wrote (and the reverse) in the
/// cache instead of memory (measured: 16 MiB chunks made CNN inference 10–25 % slower); if
/// forward's `V` still holds the whole batch, backward reuses it. Results equal im2col's up to
/// float rounding (tested).
final class WinogradConvolution: ConvolutionAlgorithm {
    let tiling: WinogradTiling
    let filters: Int
    let maxTransformFloats: Int
    private let v = FloatBuffer(), m = FloatBuffer(), u = FloatBuffer(), du = FloatBuffer()
    private var vHolds: (UnsafePointer<Float>, Int)?
    /// `U` was computed by the last forward; the kernel cannot change before its backward.
    private var uValid = false
    /// The kernel values `u` was last transformed from (`transformKernel`).
    private let uKernel = FloatBuffer()
    private var uKernelValid = false

    init(tiling: WinogradTiling, filters: Int, maxTransformFloats: Int = 1 << 19) {
        self.tiling = tiling
        self.filters = filters
        self.maxTransformFloats = maxTransformFloats
    }

    private var cin: Int { tiling.g.channels }
    /// Transformed points per tile: the number of GEMMs.
    private var points: Int { tiling.variant.points }
    /// Floats from one point's matrix to the next in `U` and `dU`.
    private var uStride: Int { WinogradTiling.paddedStride(cin * filters) }
    private var chunkImages: Int { max(1, maxTransformFloats / max(1, points * tiling.tilesPerImage * max(cin, filters))) }

    func forward(_ x: UnsafePointer<Float>, images: Int, kernel: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        run(x, images: images, kernel: kernel, bias: nil, relu: false, into: y)
    }

    func forward(_ x: UnsafePointer<Float>, images: Int, kernel: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                 relu: Bool, into y: UnsafeMutablePointer<Float>) -> Bool {
        run(x, images: images, kernel: kernel, bias: bias, relu: relu, into: y)
        return true
    }

    /// `U = G K Gᵀ` into `u`, skipped when `kernel` holds exactly the values `u` was made from
    /// (inference over many chunks or calls; in training the kernel changes every step and the
    /// comparison stops at its first float).
    private func transformKernel(_ kernel: UnsafePointer<Float>) {
        let cc = cin * filters, n = 9 * cc
        if uKernelValid && memcmp(uKernel.pointer, kernel, n * MemoryLayout<Float>.size) == 0 { return }
        u.reserve(points * uStride)
        Kernels.winogradKernel(kernel, count: cc, tiling.variant, into: u.pointer, stride: uStride)
        uKernel.reserve(n)
        uKernel.pointer.update(from: kernel, count: n)
        uKernelValid = true
    }

    private func run(_ x: UnsafePointer<Float>, images: Int, kernel: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                     relu: Bool, into y: UnsafeMutablePointer<Float>) {
        let chunk = min(chunkImages, images), g = tiling.g
        transformKernel(kernel)
        uValid = true
        v.reserve(points * tiling.pointStride(images: chunk, channels: cin))
        m.reserve(points * tiling.pointStride(images: chunk, channels: filters))
        var start = 0
        while start < images {
            let n = min(chunk, images - start), T = n * tiling.tilesPerImage
            let sv = tiling.pointStride(images: n, channels: cin), sm = tiling.pointStride(images: n, channels: filters)
            Kernels.winogradInput(x + start * g.imageSize, images: n, tiling, into: v.pointer)
            BLAS.sgemmBatch(count: points, m: T, n: filters, k: cin, a: v.pointer, strideA: sv,
                            b: u.pointer, strideB: uStride, c: m.pointer, strideC: sm)
            Kernels.winogradOutput(m.pointer, images: n, tiling, channels: filters, into: y + start * g.positions * filters,
                                   bias: bias, relu: relu)
            start += n
        }
        vHolds = images <= chunk ? (x, images) : nil
    }

    func backward(x: UnsafePointer<Float>, images: Int, kernel: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, dKernel: UnsafeMutablePointer<Float>) {
        let cc = cin * filters, chunk = min(chunkImages, images), g = tiling.g
        u.reserve(points * uStride); du.reserve(points * uStride)
        if !uValid { transformKernel(kernel) }
        v.reserve(points * tiling.pointStride(images: chunk, channels: cin))
        m.reserve(points * tiling.pointStride(images: chunk, channels: filters))
        var start = 0
        while start < images {
            let n = min(chunk, images - start), T = n * tiling.tilesPerImage
            let sv = tiling.pointStride(images: n, channels: cin), sm = tiling.pointStride(images: n, channels: filters)
            if !(start == 0 && vHolds.map({ $0.0 == x && $0.1 == images }) == true) {
                Kernels.winogradInput(x + start * g.imageSize, images: n, tiling, into: v.pointer)
            }
            Kernels.winogradOutputBackward(dy + start * g.positions * filters, images: n, tiling, channels: filters, into: m.pointer)
            BLAS.sgemmBatch(count: points, transA: true, m: cin, n: filters, k: T, a: v.pointer, strideA: sv,
                            b: m.pointer, strideB: sm, beta: start == 0 ? 0 : 1, c: du.pointer, strideC: uStride)
            if let dx {
                BLAS.sgemmBatch(count: points, transB: true, m: T, n: cin, k: filters, a: m.pointer, strideA: sm,
                                b: u.pointer, strideB: uStride, c: v.pointer, strideC: sv)
                Kernels.winogradInputBackward(v.pointer, images: n, tiling, into: dx + start * g.imageSize)
            }
            start += n
        }
        Kernels.winogradKernelBackward(du.pointer, stride: uStride, count: cc, tiling.variant, into: dKernel)
        vHolds = nil
        uValid = false   // the optimiser is about to change the kernel
    }
}
