/// The data-side Winograd F(4x4,3x3) transforms (matrices in `WinogradF4.swift`, layouts in
/// `Winograd.swift`). Per tile and four channels at a time (`Lane`): a column pass into a 6x6
/// scratch of lanes, then a row pass. Tiles are read and written in place in the NHWC images
/// through six row pointers: a row outside the image points at a row of zeros, and columns
/// outside it are read as zero and never written, so no tile is copied and only border tiles
/// pay for the padding.

/// `out[ξ·stride] = (Bᵀ d B)[ξ]`; d(i, j) is at `rows[i] + offset + j·C` for `j ∈ cols`, else 0.
@inline(__always) private func inputTileF4<L: Lane>(_ rows: UnsafePointer<UnsafePointer<Float>>, _ cols: Range<Int>, _ offset: Int,
                                                    _ C: Int, _ out: UnsafeMutablePointer<Float>, _ stride: Int,
                                                    _ t: UnsafeMutablePointer<L>) {
    for j in 0..<6 {
        var c = (L.zero, L.zero, L.zero, L.zero, L.zero, L.zero)
        if cols.contains(j) {
            let o = offset + j * C
            c = f4Input(L.load(rows[0] + o), L.load(rows[1] + o), L.load(rows[2] + o),
                        L.load(rows[3] + o), L.load(rows[4] + o), L.load(rows[5] + o))
        }
        t[j] = c.0; t[6 + j] = c.1; t[12 + j] = c.2; t[18 + j] = c.3; t[24 + j] = c.4; t[30 + j] = c.5
    }
    for i in 0..<6 {
        let q = t + 6 * i, v = f4Input(q[0], q[1], q[2], q[3], q[4], q[5]), o = out + 6 * i * stride
        v.0.store(o); v.1.store(o + stride); v.2.store(o + 2 * stride)
        v.3.store(o + 3 * stride); v.4.store(o + 4 * stride); v.5.store(o + 5 * stride)
    }
}

/// The `rows × cols` top-left outputs of `Aᵀ m A` (+ bias, relu) at `y + r·rowFloats + s·K`, `m[ξ·stride]`.
@inline(__always) private func outputTileF4<L: Lane>(_ m: UnsafePointer<Float>, _ stride: Int, _ y: UnsafeMutablePointer<Float>,
                                                     _ rowFloats: Int, _ K: Int, rows: Int, cols: Int,
                                                     _ bias: UnsafePointer<Float>?, _ relu: Bool, _ t: UnsafeMutablePointer<L>) {
    for j in 0..<6 {
        @inline(__always) func e(_ i: Int) -> L { L.load(m + (6 * i + j) * stride) }
        let c = f4Output(e(0), e(1), e(2), e(3), e(4), e(5))
        t[j] = c.0; t[6 + j] = c.1; t[12 + j] = c.2; t[18 + j] = c.3
    }
    let b = bias.map { L.load($0) } ?? L.zero
    for r in 0..<rows {
        let q = t + 6 * r, o = f4Output(q[0], q[1], q[2], q[3], q[4], q[5]), p = y + r * rowFloats
        @inline(__always) func put(_ s: Int, _ v: L) {
            guard s < cols else { return }
            (bias == nil ? v : v.plus(b, relu: relu)).store(p + s * K)
        }
        put(0, o.0); put(1, o.1); put(2, o.2); put(3, o.3)
    }
}

/// `out[ξ·stride] = (A dy Aᵀ)[ξ]`; dy(r, s) is at `rows[r] + offset + s·K` for `s < cols`, else 0.
@inline(__always) private func outputGradientTileF4<L: Lane>(_ rows: UnsafePointer<UnsafePointer<Float>>, _ cols: Int, _ offset: Int,
                                                             _ K: Int, _ out: UnsafeMutablePointer<Float>, _ stride: Int,
                                                             _ t: UnsafeMutablePointer<L>) {
    for s in 0..<4 {
        var c = (L.zero, L.zero, L.zero, L.zero, L.zero, L.zero)
        if s < cols {
            let o = offset + s * K
            c = f4OutputAdjoint(L.load(rows[0] + o), L.load(rows[1] + o), L.load(rows[2] + o), L.load(rows[3] + o))
        }
        t[s] = c.0; t[4 + s] = c.1; t[8 + s] = c.2; t[12 + s] = c.3; t[16 + s] = c.4; t[20 + s] = c.5
    }
    for i in 0..<6 {
        let q = t + 4 * i, v = f4OutputAdjoint(q[0], q[1], q[2], q[3]), o = out + 6 * i * stride
        v.0.store(o); v.1.store(o + stride); v.2.store(o + 2 * stride)
        v.3.store(o + 3 * stride); v.4.store(o + 4 * stride); v.5.store(o + 5 * stride)
    }
}

/// Adds `(B dv Bᵀ)[i, j]` to `rows[i] + offset + j·C` for rows `i ∈ rowRange`, columns `j ∈ cols`; `dv[ξ·stride]`.
@inline(__always) private func inputGradientTileF4<L: Lane>(_ dv: UnsafePointer<Float>, _ stride: Int,
                                                            _ rows: UnsafePointer<UnsafeMutablePointer<Float>>, _ rowRange: Range<Int>,
                                                            _ cols: Range<Int>, _ offset: Int, _ C: Int, _ t: UnsafeMutablePointer<L>) {
    for j in 0..<6 {
        @inline(__always) func e(_ i: Int) -> L { L.load(dv + (6 * i + j) * stride) }
        let c = f4InputAdjoint(e(0), e(1), e(2), e(3), e(4), e(5))
        t[j] = c.0; t[6 + j] = c.1; t[12 + j] = c.2; t[18 + j] = c.3; t[24 + j] = c.4; t[30 + j] = c.5
    }
    for i in rowRange {
        let q = t + 6 * i, d = f4InputAdjoint(q[0], q[1], q[2], q[3], q[4], q[5]), p = rows[i] + offset
        @inline(__always) func add(_ j: Int, _ v: L) {
            guard cols.contains(j) else { return }
            (L.load(p + j * C) + v).store(p + j * C)
        }
        add(0, d.0); add(1, d.1); add(2, d.2); add(3, d.3); add(4, d.4); add(5, d.5)
    }
}

/// Per-thread scratch: a 6x6 tile of lanes of either width, and six row pointers.
private struct TileScratch<Row> {
    let wide = UnsafeMutablePointer<SIMD4<Float>>.allocate(capacity: 36)
    let narrow = UnsafeMutablePointer<Float>.allocate(capacity: 36)
    let rows = UnsafeMutablePointer<Row>.allocate(capacity: 6)
    func deallocate() { wide.deallocate(); narrow.deallocate(); rows.deallocate() }
}

/// A zeroed row of `count` floats: what tiles read above and below the image.
private func withZeroRow<R>(_ count: Int, _ body: (UnsafePointer<Float>) -> R) -> R {
    let zeros = UnsafeMutablePointer<Float>.allocate(capacity: max(1, count))
    zeros.initialize(repeating: 0, count: max(1, count))
    defer { zeros.deallocate() }
    return body(zeros)
}

extension Kernels {
    /// F(4x4) `V[ξ, tile, c] = (Bᵀ d B)[ξ]` for every tile of `images` NHWC images.
    static func winogradInputF4(_ x: UnsafePointer<Float>, images: Int, _ w: WinogradTiling, into v: UnsafeMutablePointer<Float>,
                                onCallingThread: Bool) {
        let g = w.g, C = g.channels, stride = w.pointStride(images: images, channels: C), rowFloats = g.width * C
        withZeroRow(rowFloats) { zeros in
            splitUnless(onCallingThread, images * w.tilesH, costPerItem: w.tilesW * 36 * C * 4) { range in
                let s = TileScratch<UnsafePointer<Float>>()
                defer { s.deallocate() }
                for row in range {
                    let n = row / w.tilesH, y0 = 4 * (row % w.tilesH) - g.padTop
                    for i in 0..<6 {
                        let iy = y0 + i
                        s.rows[i] = iy >= 0 && iy < g.height ? x + (n * g.height + iy) * rowFloats : zeros
                    }
                    for tx in 0..<w.tilesW {
                        let x0 = 4 * tx - g.padLeft, cols = max(0, -x0)..<min(6, g.width - x0)
                        let out = v + (row * w.tilesW + tx) * C
                        channels(C) { c, wide in
                            if wide { inputTileF4(s.rows, cols, x0 * C + c, C, out + c, stride, s.wide) }
                            else { inputTileF4(s.rows, cols, x0 * C + c, C, out + c, stride, s.narrow) }
                        }
                    }
                }
            }
        }
    }

    /// F(4x4) `y = Aᵀ M A` (+ bias, relu) per tile and output channel, cropped to the output size.
    static func winogradOutputF4(_ m: UnsafePointer<Float>, images: Int, _ w: WinogradTiling, channels K: Int,
                                 into y: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, relu: Bool, onCallingThread: Bool) {
        let g = w.g, stride = w.pointStride(images: images, channels: K), rowFloats = g.outW * K
        splitUnless(onCallingThread, images * w.tilesH, costPerItem: w.tilesW * 36 * K * 3) { range in
            let s = TileScratch<UnsafePointer<Float>>()
            defer { s.deallocate() }
            for row in range {
                let n = row / w.tilesH, oy = 4 * (row % w.tilesH), rows = min(4, g.outH - oy)
                for tx in 0..<w.tilesW {
                    let ox = 4 * tx, cols = min(4, g.outW - ox)
                    let base = y + ((n * g.outH + oy) * g.outW + ox) * K, src = m + (row * w.tilesW + tx) * K
                    channels(K) { k, wide in
                        let b = bias.map { $0 + k }
                        if wide { outputTileF4(src + k, stride, base + k, rowFloats, K, rows: rows, cols: cols, b, relu, s.wide) }
                        else { outputTileF4(src + k, stride, base + k, rowFloats, K, rows: rows, cols: cols, b, relu, s.narrow) }
                    }
                }
            }
        }
    }

    /// F(4x4) `dM = A dY Aᵀ` per tile: the output gradient (cropped positions read as 0) into `[36, tiles, K]`.
    static func winogradOutputBackwardF4(_ dy: UnsafePointer<Float>, images: Int, _ w: WinogradTiling, channels K: Int,
                                         into dm: UnsafeMutablePointer<Float>) {
        let g = w.g, stride = w.pointStride(images: images, channels: K), rowFloats = g.outW * K
        withZeroRow(rowFloats) { zeros in
            Parallel.forEach(images * w.tilesH, costPerItem: w.tilesW * 36 * K * 3) { range in
                let s = TileScratch<UnsafePointer<Float>>()
                defer { s.deallocate() }
                for row in range {
                    let n = row / w.tilesH, oy = 4 * (row % w.tilesH)
                    for r in 0..<4 { s.rows[r] = oy + r < g.outH ? dy + (n * g.outH + oy + r) * rowFloats : zeros }
                    for tx in 0..<w.tilesW {
                        let ox = 4 * tx, cols = min(4, g.outW - ox), out = dm + (row * w.tilesW + tx) * K
                        channels(K) { k, wide in
                            if wide { outputGradientTileF4(s.rows, cols, ox * K + k, K, out + k, stride, s.wide) }
                            else { outputGradientTileF4(s.rows, cols, ox * K + k, K, out + k, stride, s.narrow) }
                        }
                    }
                }
            }
        }
    }

    /// F(4x4) `dx` (overwritten) `= Σ_tiles B dV Bᵀ`, added in place (tiles overlap by two
    /// pixels; positions in the padding are dropped). Parallel over images.
    static func winogradInputBackwardF4(_ dv: UnsafePointer<Float>, images: Int, _ w: WinogradTiling,
                                        into dx: UnsafeMutablePointer<Float>) {
        let g = w.g, C = g.channels, stride = w.pointStride(images: images, channels: C), rowFloats = g.width * C
        Parallel.forEach(images, costPerItem: w.tilesPerImage * 36 * C * 4) { range in
            let s = TileScratch<UnsafeMutablePointer<Float>>()
            defer { s.deallocate() }
            for n in range {
                let image = dx + n * g.imageSize
                image.update(repeating: 0, count: g.imageSize)
                for ty in 0..<w.tilesH {
                    let y0 = 4 * ty - g.padTop, rowRange = max(0, -y0)..<min(6, g.height - y0)
                    for i in 0..<6 { s.rows[i] = image + min(max(y0 + i, 0), g.height - 1) * rowFloats }   // used only for i ∈ rowRange
                    for tx in 0..<w.tilesW {
                        let x0 = 4 * tx - g.padLeft, cols = max(0, -x0)..<min(6, g.width - x0)
                        let src = dv + ((n * w.tilesH + ty) * w.tilesW + tx) * C
                        channels(C) { c, wide in
                            if wide { inputGradientTileF4(src + c, stride, s.rows, rowRange, cols, x0 * C + c, C, s.wide) }
                            else { inputGradientTileF4(src + c, stride, s.rows, rowRange, cols, x0 * C + c, C, s.narrow) }
                        }
                    }
                }
            }
        }
    }
}
