/// Winograd F(4x4, 3x3) (Lavin & Gray 2015, interpolation points 0, ±1, ±2, ∞): a 4x4 output
/// tile from a 6x6 input tile, `Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A`, with
///   Bᵀ = [4 0 −5 0 1 0; 0 −4 −4 1 1 0; 0 4 −4 −1 1 0; 0 −2 −1 2 1 0; 0 2 −1 −2 1 0; 0 4 0 −5 0 1],
///   G  = [¼ 0 0; −⅙ −⅙ −⅙; −⅙ ⅙ −⅙; 1⁄24 1⁄12 ⅙; 1⁄24 −1⁄12 ⅙; 0 0 1],
///   Aᵀ = [1 1 1 1 1 0; 0 1 −1 2 −2 0; 0 1 1 4 4 0; 0 1 −1 8 −8 1].
/// 36 GEMMs per chunk (one per point ξ) instead of F(2x2)'s 16, each over 4x fewer tiles: 2.25
/// multiplications per output instead of 4 (direct: 9). The larger constants cost precision:
/// in float32 the result differs from direct convolution by ~1e-6 of its scale, not ~1e-7.
/// Layouts and tiling as F(2x2) (`Winograd.swift`); the backward transforms are the adjoints.
///
/// Each 2-D transform is a 1-D transform of every column, then of every row; the 1-D transforms
/// below share their common subexpressions and are generic over `Lane` (four channels, or one).

/// `Bᵀ d` for one column (d0 … d5) of an input tile.
@inline(__always) func f4Input<L: Lane>(_ d0: L, _ d1: L, _ d2: L, _ d3: L, _ d4: L, _ d5: L) -> (L, L, L, L, L, L) {
    let a = d4 - 4 * d2, b = d3 - 4 * d1, c = d4 - d2, e = 2 * (d3 - d1)
    return (4 * d0 + a - d2, a + b, a - b, c + e, c - e, d5 - 4 * d3 - b)
}

/// `B v`, the adjoint of `f4Input`.
@inline(__always) func f4InputAdjoint<L: Lane>(_ v0: L, _ v1: L, _ v2: L, _ v3: L, _ v4: L, _ v5: L) -> (L, L, L, L, L, L) {
    let p = v1 + v2, q = v2 - v1, r = v3 + v4, s = v4 - v3
    return (4 * v0, 4 * (q + v5) + 2 * s, -(5 * v0 + 4 * p + r), -(q + 2 * s + 5 * v5), v0 + p + r, v5)
}

/// `Aᵀ m` for one column (m0 … m5) of a transformed tile: four outputs.
@inline(__always) func f4Output<L: Lane>(_ m0: L, _ m1: L, _ m2: L, _ m3: L, _ m4: L, _ m5: L) -> (L, L, L, L) {
    let s = m1 + m2, d = m1 - m2, s2 = m3 + m4, d2 = m3 - m4
    return (m0 + s + s2, d + 2 * d2, s + 4 * s2, d + 8 * d2 + m5)
}

/// `A y`, the adjoint of `f4Output`: six values from four output gradients.
@inline(__always) func f4OutputAdjoint<L: Lane>(_ y0: L, _ y1: L, _ y2: L, _ y3: L) -> (L, L, L, L, L, L) {
    let e = y0 + y2, o = y1 + y3, e4 = y0 + 4 * y2, o4 = 2 * y1 + 8 * y3
    return (y0, e + o, e - o, e4 + o4, e4 - o4, y3)
}

/// `G g` for one column (g0 g1 g2) of a 3x3 kernel.
@inline(__always) func f4Kernel<L: Lane>(_ g0: L, _ g1: L, _ g2: L) -> (L, L, L, L, L, L) {
    let p = g0 + g2, q = g0 + 4 * g2, sixth: Float = 1.0 / 6, twentyFourth: Float = 1.0 / 24
    return (0.25 * g0, -sixth * (p + g1), -sixth * (p - g1), twentyFourth * (q + 2 * g1), twentyFourth * (q - 2 * g1), g2)
}

/// `Gᵀ u`, the adjoint of `f4Kernel`.
@inline(__always) func f4KernelAdjoint<L: Lane>(_ u0: L, _ u1: L, _ u2: L, _ u3: L, _ u4: L, _ u5: L) -> (L, L, L) {
    let s12 = u1 + u2, d12 = u2 - u1, s34 = u3 + u4, d34 = u3 - u4
    let sixth: Float = 1.0 / 6, twelfth: Float = 1.0 / 12, twentyFourth: Float = 1.0 / 24
    return (0.25 * u0 - sixth * s12 + twentyFourth * s34, sixth * d12 + twelfth * d34, sixth * (s34 - s12) + u5)
}

/// `U[ξ] = G g Gᵀ` for one kernel pair (`cc` pairs; `g[(ky·3 + kx)·cc]`, `u[ξ·us]`).
@inline(__always) private func kernelTileF4<L: Lane>(_ g: UnsafePointer<Float>, _ cc: Int, _ u: UnsafeMutablePointer<Float>, _ us: Int, _: L.Type) {
    @inline(__always) func e(_ r: Int, _ c: Int) -> L { L.load(g + (r * 3 + c) * cc) }
    let c0 = f4Kernel(e(0, 0), e(1, 0), e(2, 0)), c1 = f4Kernel(e(0, 1), e(1, 1), e(2, 1)), c2 = f4Kernel(e(0, 2), e(1, 2), e(2, 2))
    @inline(__always) func row(_ i: Int, _ a: L, _ b: L, _ c: L) {
        let r = f4Kernel(a, b, c), o = u + 6 * i * us
        r.0.store(o); r.1.store(o + us); r.2.store(o + 2 * us); r.3.store(o + 3 * us); r.4.store(o + 4 * us); r.5.store(o + 5 * us)
    }
    row(0, c0.0, c1.0, c2.0); row(1, c0.1, c1.1, c2.1); row(2, c0.2, c1.2, c2.2)
    row(3, c0.3, c1.3, c2.3); row(4, c0.4, c1.4, c2.4); row(5, c0.5, c1.5, c2.5)
}

/// `dg = Gᵀ dU G` for one kernel pair (`du[ξ·us]`, `dg[(ky·3 + kx)·cc]`).
@inline(__always) private func kernelGradientTileF4<L: Lane>(_ du: UnsafePointer<Float>, _ us: Int, _ dg: UnsafeMutablePointer<Float>, _ cc: Int, _: L.Type) {
    @inline(__always) func column(_ j: Int) -> (L, L, L) {
        @inline(__always) func e(_ i: Int) -> L { L.load(du + (i * 6 + j) * us) }
        return f4KernelAdjoint(e(0), e(1), e(2), e(3), e(4), e(5))
    }
    let t0 = column(0), t1 = column(1), t2 = column(2), t3 = column(3), t4 = column(4), t5 = column(5)
    let r0 = f4KernelAdjoint(t0.0, t1.0, t2.0, t3.0, t4.0, t5.0)
    let r1 = f4KernelAdjoint(t0.1, t1.1, t2.1, t3.1, t4.1, t5.1)
    let r2 = f4KernelAdjoint(t0.2, t1.2, t2.2, t3.2, t4.2, t5.2)
    r0.0.store(dg); r0.1.store(dg + cc); r0.2.store(dg + 2 * cc)
    r1.0.store(dg + 3 * cc); r1.1.store(dg + 4 * cc); r1.2.store(dg + 5 * cc)
    r2.0.store(dg + 6 * cc); r2.1.store(dg + 7 * cc); r2.2.store(dg + 8 * cc)
}

extension Kernels {
    /// F(4x4) `U = G g Gᵀ`, `U` `[36, cin, cout]` (matrices `us` apart), for a `[3, 3, cin, cout]` kernel (`cc = cin·cout`).
    static func winogradKernelF4(_ k: UnsafePointer<Float>, count cc: Int, into u: UnsafeMutablePointer<Float>, stride us: Int) {
        Parallel.forEach(cc, costPerItem: 120) { range in
            channels(in: range) { i, wide in
                if wide { kernelTileF4(k + i, cc, u + i, us, SIMD4<Float>.self) } else { kernelTileF4(k + i, cc, u + i, us, Float.self) }
            }
        }
    }

    /// F(4x4) `dg = Gᵀ dU G`: the kernel gradient `[3, 3, cin, cout]` from `dU` `[36, cin, cout]`.
    static func winogradKernelBackwardF4(_ du: UnsafePointer<Float>, stride us: Int, count cc: Int, into dg: UnsafeMutablePointer<Float>) {
        Parallel.forEach(cc, costPerItem: 120) { range in
            channels(in: range) { i, wide in
                if wide { kernelGradientTileF4(du + i, us, dg + i, cc, SIMD4<Float>.self) } else { kernelGradientTileF4(du + i, us, dg + i, cc, Float.self) }
            }
        }
    }
}
