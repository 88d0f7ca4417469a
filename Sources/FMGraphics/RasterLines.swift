/// Anti-aliased lines and polylines on a `Raster`.
///
/// A stroke is drawn as coverage: pixel centre p at distance d from the nearest segment gets
/// `clamp(thickness / 2 + 0.5 − d, 0, 1)`. Coverage of all segments of one call is combined
/// with `max` in a mask first and painted once, so joins are not darkened twice.
extension Raster {
    /// A straight line from (x0, y0) to (x1, y1) in pixel coordinates (pixel (i, j) covers [i, i+1) × [j, j+1)).
    public mutating func line(x0: Double, y0: Double, x1: Double, y1: Double, colour: Colour, thickness: Double = 1) {
        polyline([(x0, y0), (x1, y1)], colour: colour, thickness: thickness)
    }

    /// Connected segments through `points`. With `dash` = (on, off) lengths in pixels, the path is
    /// drawn dashed, the pattern running continuously along the whole path. Non-finite points break the path.
    public mutating func polyline(_ points: [(Double, Double)], colour: Colour, thickness: Double = 1,
                                  dash: (on: Double, off: Double)? = nil) {
        var segments: [(Double, Double, Double, Double)] = []
        var previous: (Double, Double)? = nil
        for p in points {
            // Far-off points (beyond ±1e6 px) break the path too: they cannot be shown and would overflow `Int`.
            guard p.0.isFinite, p.1.isFinite, abs(p.0) < 1e6, abs(p.1) < 1e6 else { previous = nil; continue }
            if let q = previous { segments.append((q.0, q.1, p.0, p.1)) }
            previous = p
        }
        if let dash, dash.on > 0, dash.off >= 0 { segments = dashed(segments, on: dash.on, off: dash.off) }
        stroke(segments, colour: colour, thickness: thickness)
    }

    /// A filled disc of `radius` around (cx, cy), anti-aliased.
    public mutating func disc(cx: Double, cy: Double, radius: Double, colour: Colour) {
        guard cx.isFinite, cy.isFinite, radius.isFinite, abs(cx) < 1e6, abs(cy) < 1e6, radius < 1e6 else { return }
        stroke([(cx, cy, cx, cy)], colour: colour, thickness: 2 * radius)
    }

    /// Cuts segments into dashes of length `on` separated by gaps of `off`, measured along the path.
    private func dashed(_ segments: [(Double, Double, Double, Double)], on: Double, off: Double)
        -> [(Double, Double, Double, Double)] {
        var out: [(Double, Double, Double, Double)] = []
        var phase = 0.0  // position within the current on+off period
        let period = on + off
        for (ax, ay, bx, by) in segments {
            let length = ((bx - ax) * (bx - ax) + (by - ay) * (by - ay)).squareRoot()
            guard length > 0 else { continue }
            var t = 0.0
            while t < length {
                let inDash = phase < on
                let step = min(length - t, (inDash ? on : period) - phase)
                if inDash {
                    let s0 = t / length, s1 = (t + step) / length
                    out.append((ax + (bx - ax) * s0, ay + (by - ay) * s0, ax + (bx - ax) * s1, ay + (by - ay) * s1))
                }
                t += step
                phase += step
                if phase >= period - 1e-9 { phase = 0 }
            }
        }
        return out
    }

    private mutating func stroke(_ segments: [(Double, Double, Double, Double)], colour: Colour, thickness: Double) {
        guard !segments.isEmpty, width > 0, height > 0 else { return }
        let half = thickness.isFinite ? min(1e4, max(0.5, thickness / 2)) : 0.5
        let reach = half + 1
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for (ax, ay, bx, by) in segments {
            minX = min(minX, ax, bx); maxX = max(maxX, ax, bx); minY = min(minY, ay, by); maxY = max(maxY, ay, by)
        }
        let x0 = max(0, Int((minX - reach).rounded(.down))), x1 = min(width - 1, Int((maxX + reach).rounded(.up)))
        let y0 = max(0, Int((minY - reach).rounded(.down))), y1 = min(height - 1, Int((maxY + reach).rounded(.up)))
        guard x0 <= x1, y0 <= y1 else { return }
        let maskWidth = x1 - x0 + 1
        var mask = [Float](repeating: 0, count: maskWidth * (y1 - y0 + 1))
        for (ax, ay, bx, by) in segments {
            let sx0 = max(x0, Int((min(ax, bx) - reach).rounded(.down))), sx1 = min(x1, Int((max(ax, bx) + reach).rounded(.up)))
            let sy0 = max(y0, Int((min(ay, by) - reach).rounded(.down))), sy1 = min(y1, Int((max(ay, by) + reach).rounded(.up)))
            guard sx0 <= sx1, sy0 <= sy1 else { continue }
            let dx = bx - ax, dy = by - ay
            let lengthSquared = dx * dx + dy * dy
            for py in sy0...sy1 {
                let cy = Double(py) + 0.5
                for px in sx0...sx1 {
                    let cx = Double(px) + 0.5
                    // Distance from the pixel centre to the closest point of the segment.
                    var t = lengthSquared > 0 ? ((cx - ax) * dx + (cy - ay) * dy) / lengthSquared : 0
                    t = min(1, max(0, t))
                    let ex = ax + t * dx - cx, ey = ay + t * dy - cy
                    let coverage = Float(half + 0.5 - (ex * ex + ey * ey).squareRoot())
                    let m = (py - y0) * maskWidth + (px - x0)
                    if coverage > mask[m] { mask[m] = min(1, coverage) }
                }
            }
        }
        for py in y0...y1 {
            for px in x0...x1 {
                let c = mask[(py - y0) * maskWidth + (px - x0)]
                if c > 0 { blend(x: px, y: py, colour: colour, coverage: Double(c)) }
            }
        }
    }
}
