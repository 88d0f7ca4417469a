import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

/// A product cut into tiles that OpenBLAS's "small matrix" kernels take.
///
/// OpenBLAS's AVX-512 builds (SkylakeX, Cooperlake, Sapphire Rapids) multiply a product of at
/// most 100³ multiply-adds straight from the operands, without packing them first; a larger one
/// is packed, which for the batch-32 shapes of a dense network costs more than the arithmetic
/// saved. Cut into such tiles, the blog NN's products run 15–25 % faster on one core (e.g.
/// `[32, 784] · [784, 128]`: 74.6 → 63.7 µs, best of 200). The rules mirror OpenBLAS 0.3.21's
/// `sgemm_small_kernel_permit_skylakex`, read in row-major terms: at most 10⁶ multiply-adds, and
/// for `op(B) = Bᵀ` (its column-major "TN" kernel) a tile of at most 1,200 elements and k ≥ 32;
/// both operands transposed has no small kernel.
///
/// Only products of at most 8·10⁶ multiply-adds are cut (a dense layer's); the convolutions'
/// large products pack well. The tile count is a multiple of the core count, so the cores get
/// equal shares.
public struct SmallTiles: Sendable {
    public let rowTiles: Int, colTiles: Int
    let m: Int, n: Int
    public var count: Int { rowTiles * colTiles }

    static let maxWork = 1_000_000, maxTileForTransposedB = 1_200

    /// nil when the product is not worth cutting or the library has no small kernels.
    public init?(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, workers: Int) {
        let work = m * n * k
        guard Self.libraryHasSmallKernels, work > Self.maxWork, work <= 8 * Self.maxWork, !(transA && transB) else { return nil }
        self.m = m; self.n = n
        func tiles(_ size: Int, atMost limit: Int) -> Int {
            let t = (size + limit - 1) / limit
            return (t + workers - 1) / workers * workers
        }
        if transB {
            // A tile of at most 1,200 elements: keep the batch's rows whole when they are few.
            guard k >= 32, m <= 32 else { return nil }
            let cols = min(Self.maxTileForTransposedB / m, Self.maxWork / (m * k))
            guard cols >= 8 else { return nil }
            rowTiles = 1; colTiles = tiles(n, atMost: cols)
        } else if m >= n {
            let rows = Self.maxWork / (n * k)
            guard rows >= 8 else { return nil }
            rowTiles = tiles(m, atMost: rows); colTiles = 1
        } else {
            let cols = Self.maxWork / (m * k)
            guard cols >= 8 else { return nil }
            rowTiles = 1; colTiles = tiles(n, atMost: cols)
        }
    }

    /// Rows and columns of C in tile `t`.
    public func tile(_ t: Int) -> (rows: Range<Int>, cols: Range<Int>) {
        let r = t / colTiles, c = t % colTiles
        return (m * r / rowTiles..<m * (r + 1) / rowTiles, n * c / colTiles..<n * (c + 1) / colTiles)
    }

    /// The core OpenBLAS chose for this processor has small-matrix kernels, and
    /// `EngineSettings.smallProductTiles` wants them (false turns the cutting off, for comparisons).
    public static var libraryHasSmallKernels: Bool { coreHasSmallKernels && Engine.settings.smallProductTiles }

    static let coreHasSmallKernels: Bool = {
        guard let name = openblas_get_corename() else { return false }
        let core = String(cString: name).lowercased()
        return ["skylakex", "cooperlake", "sapphirerapids"].contains(core)
    }()
}
