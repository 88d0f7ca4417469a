/// Winograd F(2x2, 3x3) transforms (Lavin & Gray 2015) over NHWC data, vectorised along the
/// channel axis. With
///   Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1],  G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1],
///   Aᵀ = [1 1 1 0; 0 1 −1 −1],
/// a 2x2 output tile is `Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d Bᵀᵀ) ] A` for a 4x4 input tile `d`.
/// Summed over input channels, the element-wise product becomes 16 GEMMs, one per tile
/// position ξ: `M[ξ] = V[ξ] · U[ξ]` with `V[ξ]` `[tiles, cin]`, `U[ξ]` `[cin, cout]`.
/// The backward transforms are the adjoints: `dM = A dY Aᵀ`, `dg = Gᵀ dU G`, `dd = B dV Bᵀ`.
///
/// Layouts: `V` is `[16, tiles, cin]`, `M` is `[16, tiles, cout]`, `U` is `[16, cin, cout]`;
/// tiles are numbered `(n · tilesH + ty) · tilesW + tx`; tile (ty, tx) reads input rows
/// `2ty − padTop ..< 2ty − padTop + 4` (zero outside) and writes outputs `2ty ..< 2ty + 2`.
public struct WinogradTiling: Sendable {
    public let g: WindowGeometry
    public var tilesH: Int { (g.outH + 1) / 2 }
    public var tilesW: Int { (g.outW + 1) / 2 }
    public var tilesPerImage: Int { tilesH * tilesW }

    /// Only 3x3, stride-1 windows qualify.
    public init?(_ g: WindowGeometry) {
        guard g.kernelH == 3, g.kernelW == 3, g.strideH == 1, g.strideW == 1 else { return nil }
        self.g = g
    }
}

@inline(__always) private func gRow(_ a: Float, _ b: Float, _ c: Float) -> (Float, Float, Float, Float) {
    (a, (a + b + c) * 0.5, (a - b + c) * 0.5, c)          // (a b c) · Gᵀ
}

@inline(__always) private func gtRow(_ a: Float, _ b: Float, _ c: Float, _ d: Float) -> (Float, Float, Float) {
    (a + 0.5 * (b + c), 0.5 * (b - c), 0.5 * (b + c) + d)  // (a b c d) · G
}

extension Kernels {
    /// `U[ξ] = G g Gᵀ` for every (cin, cout) pair of a `[3, 3, cin, cout]` kernel (`cc = cin·cout`).
    public static func winogradKernel(_ k: UnsafePointer<Float>, count cc: Int, into u: UnsafeMutablePointer<Float>) {
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
                u[i] = r0.0; u[cc + i] = r0.1; u[2 * cc + i] = r0.2; u[3 * cc + i] = r0.3
                u[4 * cc + i] = r1.0; u[5 * cc + i] = r1.1; u[6 * cc + i] = r1.2; u[7 * cc + i] = r1.3
                u[8 * cc + i] = r2.0; u[9 * cc + i] = r2.1; u[10 * cc + i] = r2.2; u[11 * cc + i] = r2.3
                u[12 * cc + i] = r3.0; u[13 * cc + i] = r3.1; u[14 * cc + i] = r3.2; u[15 * cc + i] = r3.3
            }
        }
    }

    /// `dg = Gᵀ dU G`: the kernel gradient `[3, 3, cin, cout]` from `dU` `[16, cin, cout]`.
    public static func winogradKernelBackward(_ du: UnsafePointer<Float>, count cc: Int, into dg: UnsafeMutablePointer<Float>) {
        Parallel.forEach(cc, costPerItem: 40) { range in
            for i in range {
                @inline(__always) func at(_ r: Int, _ c: Int) -> Float { du[(r * 4 + c) * cc + i] }
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

    /// `V[ξ, tile, c] = (Bᵀ d B)[ξ]` for every tile of `images` NHWC images.
    public static func winogradInput(_ x: UnsafePointer<Float>, images: Int, _ w: WinogradTiling, into v: UnsafeMutablePointer<Float>) {
        let g = w.g, C = g.channels, T = images * w.tilesPerImage
        Parallel.forEach(images * w.tilesH, costPerItem: w.tilesW * 16 * C * 3) { range in
            let d = UnsafeMutablePointer<Float>.allocate(capacity: 16 * C)   // one zero-padded 4x4 tile
            defer { d.deallocate() }
            for row in range {
                let n = row / w.tilesH, ty = row % w.tilesH
                for tx in 0..<w.tilesW {
                    for i in 0..<4 {
                        let iy = 2 * ty - g.padTop + i
                        for j in 0..<4 {
                            let ix = 2 * tx - g.padLeft + j, dst = d + (i * 4 + j) * C
                            if iy >= 0 && iy < g.height && ix >= 0 && ix < g.width {
                                dst.update(from: x + ((n * g.height + iy) * g.width + ix) * C, count: C)
                            } else {
                                dst.update(repeating: 0, count: C)
                            }
                        }
                    }
                    let out = v + (row * w.tilesW + tx) * C, stride = T * C
                    for c in 0..<C {
                        @inline(__always) func e(_ i: Int, _ j: Int) -> Float { d[(i * 4 + j) * C + c] }
                        // Bᵀ d: rows d0 − d2, d1 + d2, d2 − d1, d1 − d3; then each row · B.
                        let t0 = (e(0, 0) - e(2, 0), e(0, 1) - e(2, 1), e(0, 2) - e(2, 2), e(0, 3) - e(2, 3))
                        let t1 = (e(1, 0) + e(2, 0), e(1, 1) + e(2, 1), e(1, 2) + e(2, 2), e(1, 3) + e(2, 3))
                        let t2 = (e(2, 0) - e(1, 0), e(2, 1) - e(1, 1), e(2, 2) - e(1, 2), e(2, 3) - e(1, 3))
                        let t3 = (e(1, 0) - e(3, 0), e(1, 1) - e(3, 1), e(1, 2) - e(3, 2), e(1, 3) - e(3, 3))
                        out[c] = t0.0 - t0.2; out[stride + c] = t0.1 + t0.2; out[2 * stride + c] = t0.2 - t0.1; out[3 * stride + c] = t0.1 - t0.3
                        out[4 * stride + c] = t1.0 - t1.2; out[5 * stride + c] = t1.1 + t1.2; out[6 * stride + c] = t1.2 - t1.1; out[7 * stride + c] = t1.1 - t1.3
                        out[8 * stride + c] = t2.0 - t2.2; out[9 * stride + c] = t2.1 + t2.2; out[10 * stride + c] = t2.2 - t2.1; out[11 * stride + c] = t2.1 - t2.3
                        out[12 * stride + c] = t3.0 - t3.2; out[13 * stride + c] = t3.1 + t3.2; out[14 * stride + c] = t3.2 - t3.1; out[15 * stride + c] = t3.1 - t3.3
                    }
                }
            }
        }
    }

    /// `y = Aᵀ M A` per tile and output channel, cropped to the output size (NHWC, overwritten).
    public static func winogradOutput(_ m: UnsafePointer<Float>, images: Int, _ w: WinogradTiling, channels K: Int,
                                      into y: UnsafeMutablePointer<Float>) {
        let g = w.g, T = images * w.tilesPerImage, stride = T * K
        Parallel.forEach(images * w.tilesH, costPerItem: w.tilesW * 16 * K * 2) { range in
            let trash = UnsafeMutablePointer<Float>.allocate(capacity: K)   // target of cropped outputs
            defer { trash.deallocate() }
            for row in range {
                let n = row / w.tilesH, ty = row % w.tilesH
                for tx in 0..<w.tilesW {
                    let oy = 2 * ty, ox = 2 * tx
                    let base = y + ((n * g.outH + oy) * g.outW + ox) * K
                    let y00 = base
                    let y01 = ox + 1 < g.outW ? base + K : trash
                    let y10 = oy + 1 < g.outH ? base + g.outW * K : trash
                    let y11 = ox + 1 < g.outW && oy + 1 < g.outH ? base + (g.outW + 1) * K : trash
                    let src = m + (row * w.tilesW + tx) * K
                    for k in 0..<K {
                        @inline(__always) func e(_ i: Int, _ j: Int) -> Float { src[(i * 4 + j) * stride + k] }
                        // Aᵀ M: rows m0 + m1 + m2 and m1 − m2 − m3; then each row · A.
                        let a0 = e(0, 0) + e(1, 0) + e(2, 0), a1 = e(0, 1) + e(1, 1) + e(2, 1)
                        let a2 = e(0, 2) + e(1, 2) + e(2, 2), a3 = e(0, 3) + e(1, 3) + e(2, 3)
                        let b0 = e(1, 0) - e(2, 0) - e(3, 0), b1 = e(1, 1) - e(2, 1) - e(3, 1)
                        let b2 = e(1, 2) - e(2, 2) - e(3, 2), b3 = e(1, 3) - e(2, 3) - e(3, 3)
                        y00[k] = a0 + a1 + a2; y01[k] = a1 - a2 - a3
                        y10[k] = b0 + b1 + b2; y11[k] = b1 - b2 - b3
                    }
                }
            }
        }
    }

    /// `dM = A dY Aᵀ` per tile: the output gradient (NHWC, cropped positions read as 0) into `[16, tiles, K]`.
    public static func winogradOutputBackward(_ dy: UnsafePointer<Float>, images: Int, _ w: WinogradTiling, channels K: Int,
                                              into dm: UnsafeMutablePointer<Float>) {
        let g = w.g, T = images * w.tilesPerImage, stride = T * K
        let zeros = UnsafeMutablePointer<Float>.allocate(capacity: K)
        zeros.initialize(repeating: 0, count: K)
        defer { zeros.deallocate() }
        Parallel.forEach(images * w.tilesH, costPerItem: w.tilesW * 16 * K * 2) { range in
            for row in range {
                let n = row / w.tilesH, ty = row % w.tilesH
                for tx in 0..<w.tilesW {
                    let oy = 2 * ty, ox = 2 * tx
                    let base = dy + ((n * g.outH + oy) * g.outW + ox) * K
                    let d00 = base
                    let d01 = ox + 1 < g.outW ? base + K : UnsafePointer(zeros)
                    let d10 = oy + 1 < g.outH ? base + g.outW * K : UnsafePointer(zeros)
                    let d11 = ox + 1 < g.outW && oy + 1 < g.outH ? base + (g.outW + 1) * K : UnsafePointer(zeros)
                    let out = dm + (row * w.tilesW + tx) * K
                    for k in 0..<K {
                        let y00 = d00[k], y01 = d01[k], y10 = d10[k], y11 = d11[k]
                        // A dY: rows y0, y0 + y1, y0 − y1, −y1 (y0, y1 the two rows); then each row · Aᵀ.
                        @inline(__always) func put(_ r: Int, _ p: Float, _ q: Float) {
                            out[(r * 4) * stride + k] = p
                            out[(r * 4 + 1) * stride + k] = p + q
                            out[(r * 4 + 2) * stride + k] = p - q
                            out[(r * 4 + 3) * stride + k] = -q
                        }
                        put(0, y00, y01)
                        put(1, y00 + y10, y01 + y11)
                        put(2, y00 - y10, y01 - y11)
                        put(3, -y10, -y11)
                    }
                }
            }
        }
    }

    /// `dx` (overwritten) `= Σ_tiles B dV Bᵀ`, each 4x4 tile added at its input position (tiles
    /// overlap by two pixels; positions in the padding are dropped). Parallel over images.
    public static func winogradInputBackward(_ dv: UnsafePointer<Float>, images: Int, _ w: WinogradTiling,
                                             into dx: UnsafeMutablePointer<Float>) {
        let g = w.g, C = g.channels, T = images * w.tilesPerImage, stride = T * C
        Parallel.forEach(images, costPerItem: w.tilesPerImage * 16 * C * 3) { range in
            let d = UnsafeMutablePointer<Float>.allocate(capacity: 16 * C)
            defer { d.deallocate() }
            for n in range {
                (dx + n * g.imageSize).update(repeating: 0, count: g.imageSize)
                for ty in 0..<w.tilesH {
                    for tx in 0..<w.tilesW {
                        let src = dv + ((n * w.tilesH + ty) * w.tilesW + tx) * C
                        for c in 0..<C {
                            @inline(__always) func e(_ i: Int, _ j: Int) -> Float { src[(i * 4 + j) * stride + c] }
                            // B dV: rows v0, v1 − v2 + v3, −v0 + v1 + v2, −v3; then each row · Bᵀ.
                            @inline(__always) func put(_ r: Int, _ a: Float, _ b: Float, _ cc: Float, _ dd: Float) {
                                d[(r * 4) * C + c] = a
                                d[(r * 4 + 1) * C + c] = b - cc + dd
                                d[(r * 4 + 2) * C + c] = -a + b + cc
                                d[(r * 4 + 3) * C + c] = -dd
                            }
                            put(0, e(0, 0), e(0, 1), e(0, 2), e(0, 3))
                            put(1, e(1, 0) - e(2, 0) + e(3, 0), e(1, 1) - e(2, 1) + e(3, 1), e(1, 2) - e(2, 2) + e(3, 2), e(1, 3) - e(2, 3) + e(3, 3))
                            put(2, -e(0, 0) + e(1, 0) + e(2, 0), -e(0, 1) + e(1, 1) + e(2, 1), -e(0, 2) + e(1, 2) + e(2, 2), -e(0, 3) + e(1, 3) + e(2, 3))
                            put(3, -e(3, 0), -e(3, 1), -e(3, 2), -e(3, 3))
                        }
                        for i in 0..<4 {
                            let iy = 2 * ty - g.padTop + i
                            guard iy >= 0 && iy < g.height else { continue }
                            for j in 0..<4 {
                                let ix = 2 * tx - g.padLeft + j
                                guard ix >= 0 && ix < g.width else { continue }
                                let dst = dx + ((n * g.height + iy) * g.width + ix) * C, s = d + (i * 4 + j) * C
                                for c in 0..<C { dst[c] += s[c] }
                            }
                        }
                    }
                }
            }
        }
    }
}
