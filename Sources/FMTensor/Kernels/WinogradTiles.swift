/// The data-side Winograd F(2x2,3x3) transforms (see `Winograd.swift` for the matrices and
/// layouts). Each works on one tile at a time, channels innermost, four channels per step in a
/// SIMD register (`Lane` = `SIMD4<Float>`) and the remainder one by one (`Lane` = `Float`).
/// The public entry points hand F(4x4) tilings to `WinogradF4Tiles.swift`.

/// A float or a vector of floats the transforms can run on.
@usableFromInline protocol Lane {
    static func load(_ p: UnsafePointer<Float>) -> Self
    func store(_ p: UnsafeMutablePointer<Float>)
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static prefix func - (x: Self) -> Self
    static func * (a: Float, b: Self) -> Self
    static var zero: Self { get }
    /// `self + bias`, then relu (`max(·, 0)`) when `relu`: the conv epilogue fused into the output transform.
    func plus(_ bias: Self, relu: Bool) -> Self
}

extension Float: Lane {
    @inline(__always) @usableFromInline static func load(_ p: UnsafePointer<Float>) -> Float { p.pointee }
    @inline(__always) @usableFromInline func store(_ p: UnsafeMutablePointer<Float>) { p.pointee = self }
    @inline(__always) @usableFromInline func plus(_ bias: Float, relu: Bool) -> Float {
        let v = self + bias
        return relu ? max(v, 0) : v
    }
}

extension SIMD4: Lane where Scalar == Float {
    @inline(__always) @usableFromInline static func load(_ p: UnsafePointer<Float>) -> SIMD4<Float> { at(p) }
    @inline(__always) @usableFromInline func store(_ p: UnsafeMutablePointer<Float>) { put(p) }
    /// Same values as the scalar `max(v, 0)` (−0 and 0 become +0, NaN stays NaN).
    @inline(__always) @usableFromInline func plus(_ bias: SIMD4<Float>, relu: Bool) -> SIMD4<Float> {
        let v = self + bias
        return relu ? v.replacing(with: 0, where: v .<= 0) : v
    }
}

/// `Parallel.forEach`, or the whole range on the calling thread when `serial`.
@inline(__always) func splitUnless(_ serial: Bool, _ count: Int, costPerItem: Int, _ body: (Range<Int>) -> Void) {
    if serial { body(0..<count) } else { Parallel.forEach(count, costPerItem: costPerItem, body) }
}

/// Runs `body(c, lane type)` for c = 0, 4, 8, … with SIMD4 and then for the leftover channels one by one.
@inline(__always) func channels(_ count: Int, _ body: (Int, Bool) -> Void) {
    channels(in: 0..<count, body)
}

/// The same over `range` (the kernel transforms' (cin, cout) pairs, split over the cores).
@inline(__always) func channels(in range: Range<Int>, _ body: (Int, Bool) -> Void) {
    var c = range.lowerBound
    while c + 4 <= range.upperBound { body(c, true); c += 4 }
    while c < range.upperBound { body(c, false); c += 1 }
}

/// `out[ξ·stride] = (Bᵀ d B)[ξ]`, `d[(i·4 + j)·C]` the 4x4 tile.
@inline(__always) private func inputTile<L: Lane>(_ d: UnsafePointer<Float>, _ C: Int, _ out: UnsafeMutablePointer<Float>, _ stride: Int, _: L.Type) {
    @inline(__always) func e(_ i: Int, _ j: Int) -> L { L.load(d + (i * 4 + j) * C) }
    @inline(__always) func row(_ r: Int, _ a: L, _ b: L, _ c: L, _ dd: L) {   // (a b c d) · B
        (a - c).store(out + (r * 4) * stride); (b + c).store(out + (r * 4 + 1) * stride)
        (c - b).store(out + (r * 4 + 2) * stride); (b - dd).store(out + (r * 4 + 3) * stride)
    }
    // Bᵀ d: rows d0 − d2, d1 + d2, d2 − d1, d1 − d3.
    row(0, e(0, 0) - e(2, 0), e(0, 1) - e(2, 1), e(0, 2) - e(2, 2), e(0, 3) - e(2, 3))
    row(1, e(1, 0) + e(2, 0), e(1, 1) + e(2, 1), e(1, 2) + e(2, 2), e(1, 3) + e(2, 3))
    row(2, e(2, 0) - e(1, 0), e(2, 1) - e(1, 1), e(2, 2) - e(1, 2), e(2, 3) - e(1, 3))
    row(3, e(1, 0) - e(3, 0), e(1, 1) - e(3, 1), e(1, 2) - e(3, 2), e(1, 3) - e(3, 3))
}

/// The four outputs `Aᵀ m A` of one tile, `m[ξ·stride]`.
@inline(__always) private func outputTile<L: Lane>(_ m: UnsafePointer<Float>, _ stride: Int, _ y00: UnsafeMutablePointer<Float>,
                                                   _ y01: UnsafeMutablePointer<Float>, _ y10: UnsafeMutablePointer<Float>,
                                                   _ y11: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>?, _ relu: Bool, _: L.Type) {
    @inline(__always) func e(_ i: Int, _ j: Int) -> L { L.load(m + (i * 4 + j) * stride) }
    // Aᵀ m: rows m0 + m1 + m2 and m1 − m2 − m3; then each row · A.
    let a0 = e(0, 0) + e(1, 0) + e(2, 0), a1 = e(0, 1) + e(1, 1) + e(2, 1)
    let a2 = e(0, 2) + e(1, 2) + e(2, 2), a3 = e(0, 3) + e(1, 3) + e(2, 3)
    let b0 = e(1, 0) - e(2, 0) - e(3, 0), b1 = e(1, 1) - e(2, 1) - e(3, 1)
    let b2 = e(1, 2) - e(2, 2) - e(3, 2), b3 = e(1, 3) - e(2, 3) - e(3, 3)
    if let bias {
        let b = L.load(bias)
        (a0 + a1 + a2).plus(b, relu: relu).store(y00); (a1 - a2 - a3).plus(b, relu: relu).store(y01)
        (b0 + b1 + b2).plus(b, relu: relu).store(y10); (b1 - b2 - b3).plus(b, relu: relu).store(y11)
    } else {
        (a0 + a1 + a2).store(y00); (a1 - a2 - a3).store(y01)
        (b0 + b1 + b2).store(y10); (b1 - b2 - b3).store(y11)
    }
}

/// `out[ξ·stride] = (A dy Aᵀ)[ξ]` from the four output gradients of a tile.
@inline(__always) private func outputGradientTile<L: Lane>(_ d00: UnsafePointer<Float>, _ d01: UnsafePointer<Float>, _ d10: UnsafePointer<Float>,
                                                           _ d11: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ stride: Int, _: L.Type) {
    let y00 = L.load(d00), y01 = L.load(d01), y10 = L.load(d10), y11 = L.load(d11)
    @inline(__always) func row(_ r: Int, _ p: L, _ q: L) {   // (p q) · Aᵀ
        p.store(out + (r * 4) * stride); (p + q).store(out + (r * 4 + 1) * stride)
        (p - q).store(out + (r * 4 + 2) * stride); (-q).store(out + (r * 4 + 3) * stride)
    }
    // A dy: rows y0, y0 + y1, y0 − y1, −y1.
    row(0, y00, y01); row(1, y00 + y10, y01 + y11); row(2, y00 - y10, y01 - y11); row(3, -y10, -y11)
}

/// `d[(i·4 + j)·C] = (B dv Bᵀ)[i, j]` for one tile, `dv[ξ·stride]`.
@inline(__always) private func inputGradientTile<L: Lane>(_ dv: UnsafePointer<Float>, _ stride: Int, _ d: UnsafeMutablePointer<Float>, _ C: Int, _: L.Type) {
    @inline(__always) func e(_ i: Int, _ j: Int) -> L { L.load(dv + (i * 4 + j) * stride) }
    @inline(__always) func row(_ r: Int, _ a: L, _ b: L, _ c: L, _ dd: L) {   // (a b c d) · Bᵀ
        a.store(d + (r * 4) * C); (b - c + dd).store(d + (r * 4 + 1) * C)
        (b + c - a).store(d + (r * 4 + 2) * C); (-dd).store(d + (r * 4 + 3) * C)
    }
    // B dv: rows v0, v1 − v2 + v3, −v0 + v1 + v2, −v3.
    row(0, e(0, 0), e(0, 1), e(0, 2), e(0, 3))
    row(1, e(1, 0) - e(2, 0) + e(3, 0), e(1, 1) - e(2, 1) + e(3, 1), e(1, 2) - e(2, 2) + e(3, 2), e(1, 3) - e(2, 3) + e(3, 3))
    row(2, e(1, 0) + e(2, 0) - e(0, 0), e(1, 1) + e(2, 1) - e(0, 1), e(1, 2) + e(2, 2) - e(0, 2), e(1, 3) + e(2, 3) - e(0, 3))
    row(3, -e(3, 0), -e(3, 1), -e(3, 2), -e(3, 3))
}

extension Kernels {
    /// `V[ξ, tile, c] = (Bᵀ d B)[ξ]` for every tile of `images` NHWC images.
    /// `onCallingThread`: for a caller that already runs one block per core.
    public static func winogradInput(_ x: UnsafePointer<Float>, images: Int, _ w: WinogradTiling, into v: UnsafeMutablePointer<Float>,
                                     onCallingThread: Bool = false) {
        if w.variant == .f4x4 { return winogradInputF4(x, images: images, w, into: v, onCallingThread: onCallingThread) }
        let g = w.g, C = g.channels, stride = w.pointStride(images: images, channels: C)
        splitUnless(onCallingThread, images * w.tilesH, costPerItem: w.tilesW * 16 * C * 3) { range in
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
                    let out = v + (row * w.tilesW + tx) * C
                    channels(C) { c, wide in
                        if wide { inputTile(d + c, C, out + c, stride, SIMD4<Float>.self) } else { inputTile(d + c, C, out + c, stride, Float.self) }
                    }
                }
            }
        }
    }

    /// `y = Aᵀ M A` per tile and output channel, cropped to the output size (NHWC, overwritten).
    /// With `bias` `[K]`, `y = Aᵀ M A + bias`, then `max(y, 0)` when `relu`: the conv layer's
    /// epilogue in the same pass, while the tile is in registers (same values as a separate pass).
    public static func winogradOutput(_ m: UnsafePointer<Float>, images: Int, _ w: WinogradTiling, channels K: Int,
                                      into y: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>? = nil, relu: Bool = false,
                                      onCallingThread: Bool = false) {
        if w.variant == .f4x4 {
            return winogradOutputF4(m, images: images, w, channels: K, into: y, bias: bias, relu: relu, onCallingThread: onCallingThread)
        }
        let g = w.g, stride = w.pointStride(images: images, channels: K)
        splitUnless(onCallingThread, images * w.tilesH, costPerItem: w.tilesW * 16 * K * 2) { range in
            let trash = UnsafeMutablePointer<Float>.allocate(capacity: K)   // target of cropped outputs
            defer { trash.deallocate() }
            for row in range {
                let n = row / w.tilesH, ty = row % w.tilesH
                for tx in 0..<w.tilesW {
                    let oy = 2 * ty, ox = 2 * tx, right = ox + 1 < g.outW, down = oy + 1 < g.outH
                    let base = y + ((n * g.outH + oy) * g.outW + ox) * K
                    let y01 = right ? base + K : trash, y10 = down ? base + g.outW * K : trash
                    let y11 = right && down ? base + (g.outW + 1) * K : trash
                    let src = m + (row * w.tilesW + tx) * K
                    channels(K) { k, wide in
                        let b = bias.map { $0 + k }
                        if wide { outputTile(src + k, stride, base + k, y01 + k, y10 + k, y11 + k, b, relu, SIMD4<Float>.self) }
                        else { outputTile(src + k, stride, base + k, y01 + k, y10 + k, y11 + k, b, relu, Float.self) }
                    }
                }
            }
        }
    }

    /// `dM = A dY Aᵀ` per tile: the output gradient (NHWC, cropped positions read as 0) into `[P, tiles, K]`.
    public static func winogradOutputBackward(_ dy: UnsafePointer<Float>, images: Int, _ w: WinogradTiling, channels K: Int,
                                              into dm: UnsafeMutablePointer<Float>) {
        if w.variant == .f4x4 { return winogradOutputBackwardF4(dy, images: images, w, channels: K, into: dm) }
        let g = w.g, stride = w.pointStride(images: images, channels: K)
        let zeros = UnsafeMutablePointer<Float>.allocate(capacity: K)
        zeros.initialize(repeating: 0, count: K)
        defer { zeros.deallocate() }
        Parallel.forEach(images * w.tilesH, costPerItem: w.tilesW * 16 * K * 2) { range in
            for row in range {
                let n = row / w.tilesH, ty = row % w.tilesH
                for tx in 0..<w.tilesW {
                    let oy = 2 * ty, ox = 2 * tx, right = ox + 1 < g.outW, down = oy + 1 < g.outH
                    let base = dy + ((n * g.outH + oy) * g.outW + ox) * K, z = UnsafePointer(zeros)
                    let d01 = right ? base + K : z, d10 = down ? base + g.outW * K : z
                    let d11 = right && down ? base + (g.outW + 1) * K : z
                    let out = dm + (row * w.tilesW + tx) * K
                    // The zero row is read at the same channel offset as the others.
                    channels(K) { k, wide in
                        let o01 = d01 == z ? z : d01 + k, o10 = d10 == z ? z : d10 + k, o11 = d11 == z ? z : d11 + k
                        if wide { outputGradientTile(base + k, o01, o10, o11, out + k, stride, SIMD4<Float>.self) }
                        else { outputGradientTile(base + k, o01, o10, o11, out + k, stride, Float.self) }
                    }
                }
            }
        }
    }

    /// `dx` (overwritten) `= Σ_tiles B dV Bᵀ`, each 4x4 tile added at its input position (tiles
    /// overlap by two pixels; positions in the padding are dropped). Parallel over images.
    public static func winogradInputBackward(_ dv: UnsafePointer<Float>, images: Int, _ w: WinogradTiling,
                                             into dx: UnsafeMutablePointer<Float>) {
        if w.variant == .f4x4 { return winogradInputBackwardF4(dv, images: images, w, into: dx) }
        let g = w.g, C = g.channels, stride = w.pointStride(images: images, channels: C)
        Parallel.forEach(images, costPerItem: w.tilesPerImage * 16 * C * 3) { range in
            let d = UnsafeMutablePointer<Float>.allocate(capacity: 16 * C)
            defer { d.deallocate() }
            for n in range {
                (dx + n * g.imageSize).update(repeating: 0, count: g.imageSize)
                for ty in 0..<w.tilesH {
                    for tx in 0..<w.tilesW {
                        let src = dv + ((n * w.tilesH + ty) * w.tilesW + tx) * C
                        channels(C) { c, wide in
                            if wide { inputGradientTile(src + c, stride, d + c, C, SIMD4<Float>.self) }
                            else { inputGradientTile(src + c, stride, d + c, C, Float.self) }
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
