/// Max and average pooling over NHWC images with `valid` windows (Keras's default padding),
/// and global average pooling. Window geometry comes from `WindowGeometry` (`same: false`).
extension Kernels {
    /// `y[n, oy, ox, c] = max over the window of x`. With `argmax`, it also receives per output
    /// the offset of the chosen input inside the whole batch (the first maximum in scan order),
    /// for backward; inference passes nil and takes the branch-free max only.
    public static func maxPool(_ x: UnsafePointer<Float>, images: Int, _ g: WindowGeometry,
                               into y: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>?) {
        let C = g.channels
        if g.kernelH == 2 && g.kernelW == 2 && g.strideH == 2 && g.strideW == 2 && C % 4 == 0 {
            maxPool2x2(x, images: images, g, into: y, argmax: argmax)
            return
        }
        Parallel.forEach(images, costPerItem: g.positions * C * g.kernelH * g.kernelW) { range in
            for n in range {
                let base = n * g.imageSize
                for oy in 0..<g.outH {
                    for ox in 0..<g.outW {
                        let o = ((n * g.outH + oy) * g.outW + ox) * C
                        let out = y + o
                        let first = base + ((oy * g.strideH) * g.width + ox * g.strideW) * C
                        // Four channels at a time, best value (and its offset) kept in registers
                        // across the window; the scalar loop kept reloading `out` (it might alias `x`).
                        var c = 0
                        while c + 4 <= C {
                            var best = SIMD4<Float>.load(x + first + c)
                            if let argmax {
                                let lanes = SIMD4<Int32>(0, 1, 2, 3) &+ Int32(c)
                                var at = lanes &+ Int32(first)
                                for ky in 0..<g.kernelH {
                                    for kx in 0..<g.kernelW where ky > 0 || kx > 0 {
                                        let p = base + ((oy * g.strideH + ky) * g.width + ox * g.strideW + kx) * C
                                        let v = SIMD4<Float>.load(x + p + c), better = v .> best
                                        best.replace(with: v, where: better)
                                        at.replace(with: lanes &+ Int32(p), where: better)
                                    }
                                }
                                UnsafeMutableRawPointer(argmax + o + c).storeBytes(of: at, as: SIMD4<Int32>.self)
                            } else {
                                for ky in 0..<g.kernelH {
                                    for kx in 0..<g.kernelW where ky > 0 || kx > 0 {
                                        let p = base + ((oy * g.strideH + ky) * g.width + ox * g.strideW + kx) * C
                                        let v = SIMD4<Float>.load(x + p + c)
                                        best.replace(with: v, where: v .> best)
                                    }
                                }
                            }
                            best.store(out + c)
                            c += 4
                        }
                        while c < C {
                            var best = x[first + c], at = Int32(first + c)
                            for ky in 0..<g.kernelH {
                                for kx in 0..<g.kernelW where ky > 0 || kx > 0 {
                                    let p = base + ((oy * g.strideH + ky) * g.width + ox * g.strideW + kx) * C + c
                                    if x[p] > best { best = x[p]; at = Int32(p) }
                                }
                            }
                            out[c] = best
                            argmax?[o + c] = at
                            c += 1
                        }
                    }
                }
            }
        }
    }

    /// The common 2x2, stride-2 window with channels in fours: four row pointers per output,
    /// no window loop (same values and arg-max, the first maximum in scan order, as the general path).
    static func maxPool2x2(_ x: UnsafePointer<Float>, images: Int, _ g: WindowGeometry,
                           into y: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>?) {
        let C = g.channels, rowStride = g.width * C
        Parallel.forEach(images * g.outH, costPerItem: g.outW * C * 4) { range in
            for row in range {
                let n = row / g.outH, oy = row % g.outH
                let top = n * g.imageSize + 2 * oy * rowStride
                var o = row * g.outW * C
                for ox in 0..<g.outW {
                    let p0 = top + 2 * ox * C, p1 = p0 + C, p2 = p0 + rowStride, p3 = p2 + C
                    var c = 0
                    if let argmax {
                        while c < C {
                            let lanes = SIMD4<Int32>(0, 1, 2, 3) &+ Int32(c)
                            var best = SIMD4<Float>.load(x + p0 + c), at = lanes &+ Int32(p0)
                            var v = SIMD4<Float>.load(x + p1 + c), better = v .> best
                            best.replace(with: v, where: better); at.replace(with: lanes &+ Int32(p1), where: better)
                            v = SIMD4<Float>.load(x + p2 + c); better = v .> best
                            best.replace(with: v, where: better); at.replace(with: lanes &+ Int32(p2), where: better)
                            v = SIMD4<Float>.load(x + p3 + c); better = v .> best
                            best.replace(with: v, where: better); at.replace(with: lanes &+ Int32(p3), where: better)
                            best.store(y + o + c)
                            UnsafeMutableRawPointer(argmax + o + c).storeBytes(of: at, as: SIMD4<Int32>.self)
                            c += 4
                        }
                    } else {
                        while c < C {
                            var best = SIMD4<Float>.load(x + p0 + c)
                            var v = SIMD4<Float>.load(x + p1 + c); best.replace(with: v, where: v .> best)
                            v = SIMD4<Float>.load(x + p2 + c); best.replace(with: v, where: v .> best)
                            v = SIMD4<Float>.load(x + p3 + c); best.replace(with: v, where: v .> best)
                            best.store(y + o + c)
                            c += 4
                        }
                    }
                    o += C
                }
            }
        }
    }

    /// `dx` (overwritten) gets each `dy` routed to the input its window picked.
    public static func maxPoolBackward(_ dy: UnsafePointer<Float>, argmax: UnsafePointer<Int32>, images: Int, _ g: WindowGeometry,
                                       into dx: UnsafeMutablePointer<Float>) {
        let perOut = g.positions * g.channels
        Parallel.forEach(images, costPerItem: g.imageSize) { range in
            for n in range {
                (dx + n * g.imageSize).update(repeating: 0, count: g.imageSize)
                for o in n * perOut..<(n + 1) * perOut { dx[Int(argmax[o])] += dy[o] }
            }
        }
    }

    /// `y[n, oy, ox, c] = mean over the window of x`.
    public static func avgPool(_ x: UnsafePointer<Float>, images: Int, _ g: WindowGeometry, into y: UnsafeMutablePointer<Float>) {
        let C = g.channels, inv = 1 / Float(g.kernelH * g.kernelW)
        Parallel.forEach(images, costPerItem: g.positions * C * g.kernelH * g.kernelW) { range in
            for n in range {
                let base = x + n * g.imageSize
                for oy in 0..<g.outH {
                    for ox in 0..<g.outW {
                        let out = y + ((n * g.outH + oy) * g.outW + ox) * C
                        out.update(repeating: 0, count: C)
                        for ky in 0..<g.kernelH {
                            for kx in 0..<g.kernelW {
                                let p = base + ((oy * g.strideH + ky) * g.width + ox * g.strideW + kx) * C
                                for c in 0..<C { out[c] += p[c] }
                            }
                        }
                        for c in 0..<C { out[c] *= inv }
                    }
                }
            }
        }
    }

    /// `dx` (overwritten): each window's inputs receive `dy / (kh·kw)`.
    public static func avgPoolBackward(_ dy: UnsafePointer<Float>, images: Int, _ g: WindowGeometry, into dx: UnsafeMutablePointer<Float>) {
        let C = g.channels, inv = 1 / Float(g.kernelH * g.kernelW)
        Parallel.forEach(images, costPerItem: g.imageSize) { range in
            for n in range {
                let base = dx + n * g.imageSize
                base.update(repeating: 0, count: g.imageSize)
                for oy in 0..<g.outH {
                    for ox in 0..<g.outW {
                        let d = dy + ((n * g.outH + oy) * g.outW + ox) * C
                        for ky in 0..<g.kernelH {
                            for kx in 0..<g.kernelW {
                                let p = base + ((oy * g.strideH + ky) * g.width + ox * g.strideW + kx) * C
                                for c in 0..<C { p[c] += d[c] * inv }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `y[n, c] = mean over (h, w) of x[n, h, w, c]` for `[images, positions, channels]` input.
    public static func globalAvgPool(_ x: UnsafePointer<Float>, images: Int, positions: Int, channels: Int, into y: UnsafeMutablePointer<Float>) {
        let inv = 1 / Float(positions)
        for n in 0..<images {
            sumRows(x + n * positions * channels, rows: positions, cols: channels, into: y + n * channels)
            for c in 0..<channels { y[n * channels + c] *= inv }
        }
    }

    /// `dx[n, p, c] = dy[n, c] / positions`.
    public static func globalAvgPoolBackward(_ dy: UnsafePointer<Float>, images: Int, positions: Int, channels: Int, into dx: UnsafeMutablePointer<Float>) {
        let inv = 1 / Float(positions)
        for n in 0..<images {
            let d = dy + n * channels
            for p in 0..<positions {
                let row = dx + (n * positions + p) * channels
                for c in 0..<channels { row[c] = d[c] * inv }
            }
        }
    }
}
