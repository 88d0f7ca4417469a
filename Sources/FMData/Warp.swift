import Foundation

/// Whole-pixel shifts: `dst(x, y) = src(x − dx, y − dy)`, zero where that falls outside
/// (dx > 0 moves the picture right, dy > 0 down). Row copies, no per-pixel branching.
enum Shift {
    static func apply<Pixel: Numeric>(_ src: UnsafePointer<Pixel>, _ dst: UnsafeMutablePointer<Pixel>,
                                      width: Int, height: Int, dx: Int, dy: Int) {
        // Clamp first: beyond the image everything is zero anyway, and abs(Int.min) would trap.
        let dx = min(max(dx, -width), width), dy = min(max(dy, -height), height)
        let span = width - abs(dx)
        guard span > 0, abs(dy) < height else {
            dst.update(repeating: 0, count: width * height)
            return
        }
        // Each output byte is written once: zeros outside the moved picture, copies inside.
        let srcX = max(0, -dx), dstX = max(0, dx)
        let firstRow = max(0, dy), endRow = min(height, height + dy)
        dst.update(repeating: 0, count: firstRow * width)
        for y in firstRow..<endRow {
            let row = dst + y * width
            if dstX > 0 { row.update(repeating: 0, count: dstX) }
            (row + dstX).update(from: src + (y - dy) * width + srcX, count: span)
            if dstX + span < width { (row + dstX + span).update(repeating: 0, count: width - dstX - span) }
        }
        (dst + endRow * width).update(repeating: 0, count: (height - endRow) * width)
    }
}

/// Bilinear sampling through an inverse map, precomputed once for an image size.
///
/// Output pixel (x, y) reads the source at (sx, sy) = `inverse(x, y)`:
/// ```
/// x0 = floor(sx), y0 = floor(sy), a = sx − x0, b = sy − y0
/// dst = (1−a)(1−b)·src[y0][x0] + a(1−b)·src[y0][x0+1] + (1−a)b·src[y0+1][x0] + ab·src[y0+1][x0+1]
/// ```
/// where a neighbour outside the image counts as 0 (cv2 `BORDER_CONSTANT`, value 0). The
/// weights are computed in Double and stored as Float.
struct BilinearWarp {
    let width: Int, height: Int
    /// Four source indices and four weights per output pixel; an outside neighbour has weight 0.
    private(set) var index: [Int32]
    private(set) var weight: [Float]

    init(width: Int, height: Int, inverse: (Double, Double) -> (Double, Double)) {
        self.width = width; self.height = height
        let n = width * height
        index = [Int32](repeating: 0, count: 4 * n)
        weight = [Float](repeating: 0, count: 4 * n)
        for y in 0..<height {
            for x in 0..<width {
                let (sx, sy) = inverse(Double(x), Double(y))
                guard sx.isFinite, sy.isFinite, abs(sx) < 1e6, abs(sy) < 1e6 else { continue }
                let fx = sx.rounded(.down), fy = sy.rounded(.down)
                let a = sx - fx, b = sy - fy
                let ix = Int(fx), iy = Int(fy)
                let taps = [(ix, iy, (1 - a) * (1 - b)), (ix + 1, iy, a * (1 - b)),
                            (ix, iy + 1, (1 - a) * b), (ix + 1, iy + 1, a * b)]
                let o = 4 * (y * width + x)
                for (k, (tx, ty, w)) in taps.enumerated() where tx >= 0 && tx < width && ty >= 0 && ty < height {
                    index[o + k] = Int32(ty * width + tx)
                    weight[o + k] = Float(w)
                }
            }
        }
    }

    /// Rotation by `degrees` (positive = counter-clockwise on screen, y pointing down) about the
    /// centre c = ((W−1)/2, (H−1)/2): with θ in radians, the inverse of cv2.getRotationMatrix2D,
    /// `sx = cx + cosθ·(x−cx) − sinθ·(y−cy)`, `sy = cy + sinθ·(x−cx) + cosθ·(y−cy)`.
    static func rotation(width: Int, height: Int, degrees: Double) -> BilinearWarp {
        let t = degrees * Double.pi / 180, c = cos(t), s = sin(t)
        let cx = Double(width - 1) / 2, cy = Double(height - 1) / 2
        return BilinearWarp(width: width, height: height) { x, y in
            (cx + c * (x - cx) - s * (y - cy), cy + s * (x - cx) + c * (y - cy))
        }
    }

    /// Scaling by `factor` about the centre: `sx = cx + (x−cx)/factor`, `sy = cy + (y−cy)/factor`.
    static func scaling(width: Int, height: Int, factor: Double) -> BilinearWarp {
        let cx = Double(width - 1) / 2, cy = Double(height - 1) / 2
        return BilinearWarp(width: width, height: height) { x, y in
            (cx + (x - cx) / factor, cy + (y - cy) / factor)
        }
    }

    func apply(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>) {
        index.withUnsafeBufferPointer { idx in
            weight.withUnsafeBufferPointer { w in
                for p in 0..<(width * height) {
                    let o = 4 * p
                    var v = w[o] * src[Int(idx[o])]
                    v += w[o + 1] * src[Int(idx[o + 1])]
                    v += w[o + 2] * src[Int(idx[o + 2])]
                    v += w[o + 3] * src[Int(idx[o + 3])]
                    dst[p] = v
                }
            }
        }
    }
}
