/// Winograd F(2x2, 3x3) transforms (Lavin & Gray 2015) over NHWC data, vectorised along the
/// channel axis, and the tiling shared with F(4x4, 3x3) (`WinogradF4.swift`). With
///   Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1],  G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1],
///   Aᵀ = [1 1 1 0; 0 1 −1 −1],
/// a 2x2 output tile is `Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d Bᵀᵀ) ] A` for a 4x4 input tile `d`.
/// Summed over input channels, the element-wise product becomes 16 GEMMs, one per tile
/// position ξ: `M[ξ] = V[ξ] · U[ξ]` with `V[ξ]` `[tiles, cin]`, `U[ξ]` `[cin, cout]`.
/// The backward transforms are the adjoints: `dM = A dY Aᵀ`, `dg = Gᵀ dU G`, `dd = B dV Bᵀ`.
///
/// Layouts (P = 16 points for F(2x2), 36 for F(4x4)): `V` is `[P, tiles, cin]`, `M` is
/// `[P, tiles, cout]` (each point's matrix `pointStride` floats from the next), `U` is `[P, cin, cout]`; tiles are numbered `(n · tilesH + ty) · tilesW + tx`;
/// with output tile side m, tile (ty, tx) reads input rows `m·ty − padTop ..< m·ty − padTop + m + 2`
/// (zero outside) and writes outputs `m·ty ..< m·ty + m` (cropped at the bottom and right).
public enum WinogradVariant: Sendable, CaseIterable {
    /// F(2x2, 3x3): 4x4 input tiles, 16 GEMMs, 2.25x fewer multiplications than direct.
    case f2x2
    /// F(4x4, 3x3): 6x6 input tiles, 36 GEMMs, 4x fewer multiplications; larger rounding error.
    case f4x4

    /// Side of an output tile (m) and of an input tile (m + 2).
    public var outputTile: Int { self == .f2x2 ? 2 : 4 }
    public var inputTile: Int { outputTile + 2 }
    /// Transformed points per tile: the number of GEMMs.
    public var points: Int { inputTile * inputTile }
}

public struct WinogradTiling: Sendable {
    public let g: WindowGeometry
    public let variant: WinogradVariant
    public var tilesH: Int { (g.outH + variant.outputTile - 1) / variant.outputTile }
    public var tilesW: Int { (g.outW + variant.outputTile - 1) / variant.outputTile }
    public var tilesPerImage: Int { tilesH * tilesW }
    /// GEMM multiplications per image and per (cin, cout) pair, padding waste included
    /// (e.g. 14x14 outputs: F(2x2) 49 tiles · 16 = 784, F(4x4) 16 tiles · 36 = 576; direct 9 · 196 = 1764).
    public var multiplicationsPerImage: Int { tilesPerImage * variant.points }

    /// Floats from one point's matrix to the next in `V` (`channels` = cin) or `M` (cout):
    /// `tiles · channels`, padded to 64 bytes past a multiple of 4 KB. The transforms touch all
    /// P matrices for every tile; at a stride that is a multiple of 4 KB (the blog CNN's are)
    /// those P addresses share one L1 cache set and evict each other.
    public func pointStride(images: Int, channels: Int) -> Int {
        WinogradTiling.paddedStride(images * tilesPerImage * channels)
    }

    /// `floats` rounded up to a multiple of 4 KB, plus 64 bytes: P matrices at this stride
    /// start in P different cache sets (also used for `U`, `[P, cin, cout]`, when `cin·cout` is a multiple of 1024).
    public static func paddedStride(_ floats: Int) -> Int { (floats + 1023) / 1024 * 1024 + 16 }

    /// Only 3x3, stride-1 windows qualify.
    public init?(_ g: WindowGeometry, variant: WinogradVariant = .f2x2) {
        guard g.kernelH == 3, g.kernelW == 3, g.strideH == 1, g.strideW == 1 else { return nil }
        self.g = g
        self.variant = variant
    }

    /// The variant with fewer GEMM multiplications for this geometry; F(2x2) on a tie (it
    /// rounds less). The transforms are left out: F(4x4)'s do more arithmetic per output but
    /// read and write fewer values (36 per 16 outputs against 16 per 4), and memory is what they wait on.
    public static func cheapest(_ g: WindowGeometry) -> WinogradTiling? {
        guard let f2 = WinogradTiling(g, variant: .f2x2), let f4 = WinogradTiling(g, variant: .f4x4) else { return nil }
        return f4.multiplicationsPerImage < f2.multiplicationsPerImage ? f4 : f2
    }
}

@inline(__always) private func gRow(_ a: Float, _ b: Float, _ c: Float) -> (Float, Float, Float, Float) {
    (a, (a + b + c) * 0.5, (a - b + c) * 0.5, c)          // (a b c) · Gᵀ
}

@inline(__always) private func gtRow(_ a: Float, _ b: Float, _ c: Float, _ d: Float) -> (Float, Float, Float) {
    (a + 0.5 * (b + c), 0.5 * (b - c), 0.5 * (b + c) + d)  // (a b c d) · G
}

extension Kernels {
    /// `U[ξ] = G g Gᵀ` for every (cin, cout) pair of a `[3, 3, cin, cout]` kernel (`cc = cin·cout`),
    /// `U` `[P, cin, cout]` with `stride` floats (≥ cc) from one point's matrix to the next.
    public static func winogradKernel(_ k: UnsafePointer<Float>, count cc: Int, _ variant: WinogradVariant,
                                      into u: UnsafeMutablePointer<Float>, stride: Int) {
        switch variant {
        case .f2x2: winogradKernelF2(k, count: cc, into: u, stride: stride)
        case .f4x4: winogradKernelF4(k, count: cc, into: u, stride: stride)
        }
    }

    /// `dg = Gᵀ dU G`: the kernel gradient `[3, 3, cin, cout]` from `dU` `[P, cin, cout]` (matrices `stride` apart).
    public static func winogradKernelBackward(_ du: UnsafePointer<Float>, stride: Int, count cc: Int, _ variant: WinogradVariant,
                                              into dg: UnsafeMutablePointer<Float>) {
        switch variant {
        case .f2x2: winogradKernelBackwardF2(du, stride: stride, count: cc, into: dg)
        case .f4x4: winogradKernelBackwardF4(du, stride: stride, count: cc, into: dg)
        }
    }

    static func winogradKernelF2(_ k: UnsafePointer<Float>, count cc: Int, into u: UnsafeMutablePointer<Float>, stride us: Int) {
        Parallel.forEach(cc, costPerItem: 40) { range in
            for i in range {
                let g0 = k[i], g1 = k[cc + i], g2 = k[2 * cc + i]
                let g3 = k[3 * cc + i], g4 = k[4 * cc + i], g5 = k[5 * cc + i]
                let g6 = k[6 * cc + i], g7 = k[7 * cc + i], g8 = k[8 * cc + i]
                // G g: rows (g0 g1 g2), ½(r0 + r1 + r2), ½(r0 − r1 + r2), (g6 g7 g8); then each row · Gᵀ.
                let r0 = gRow(g0, g1, g2)
                let r1 = gRow((g0 + g3 + g6) * 0.5, (g1 + g4 + g7) * 0.5, (g2 + g5 + g8) * 0.5)
                let r2 = gRow((g0 - g3 + g6) * 0.5, (g1 - g4 + g7) * 0.5, (g2 - g5 + g8) * 0.5)
                let r3 = gRow(g6, g7, g8)
                u[i] = r0.0; u[us + i] = r0.1; u[2 * us + i] = r0.2; u[3 * us + i] = r0.3
                u[4 * us + i] = r1.0; u[5 * us + i] = r1.1; u[6 * us + i] = r1.2; u[7 * us + i] = r1.3
                u[8 * us + i] = r2.0; u[9 * us + i] = r2.1; u[10 * us + i] = r2.2; u[11 * us + i] = r2.3
                u[12 * us + i] = r3.0; u[13 * us + i] = r3.1; u[14 * us + i] = r3.2; u[15 * us + i] = r3.3
            }
        }
    }

    static func winogradKernelBackwardF2(_ du: UnsafePointer<Float>, stride us: Int, count cc: Int, into dg: UnsafeMutablePointer<Float>) {
        Parallel.forEach(cc, costPerItem: 40) { range in
            for i in range {
                @inline(__always) func at(_ r: Int, _ c: Int) -> Float { du[(r * 4 + c) * us + i] }
                // Gᵀ dU: row 0 = u0 + ½(u1 + u2), row 1 = ½(u1 − u2), row 2 = ½(u1 + u2) + u3 (rows of dU).
                var t0 = (Float(0), Float(0), Float(0), Float(0)), t1 = t0, t2 = t0
                t0.0 = at(0, 0) + 0.5 * (at(1, 0) + at(2, 0)); t1.0 = 0.5 * (at(1, 0) - at(2, 0)); t2.0 = 0.5 * (at(1, 0) + at(2, 0)) + at(3, 0)
                t0.1 = at(0, 1) + 0.5 * (at(1, 1) + at(2, 1)); t1.1 = 0.5 * (at(1, 1) - at(2, 1)); t2.1 = 0.5 * (at(1, 1) + at(2, 1)) + at(3, 1)
                t0.2 = at(0, 2) + 0.5 * (at(1, 2) + at(2, 2)); t1.2 = 0.5 * (at(1, 2) - at(2, 2)); t2.2 = 0.5 * (at(1, 2) + at(2, 2)) + at(3, 2)
                t0.3 = at(0, 3) + 0.5 * (at(1, 3) + at(2, 3)); t1.3 = 0.5 * (at(1, 3) - at(2, 3)); t2.3 = 0.5 * (at(1, 3) + at(2, 3)) + at(3, 3)
                let a = gtRow(t0.0, t0.1, t0.2, t0.3), b = gtRow(t1.0, t1.1, t1.2, t1.3), c = gtRow(t2.0, t2.1, t2.2, t2.3)
                dg[i] = a.0; dg[cc + i] = a.1; dg[2 * cc + i] = a.2
                dg[3 * cc + i] = b.0; dg[4 * cc + i] = b.1; dg[5 * cc + i] = b.2
                dg[6 * cc + i] = c.0; dg[7 * cc + i] = c.1; dg[8 * cc + i] = c.2
            }
        }
    }
}
