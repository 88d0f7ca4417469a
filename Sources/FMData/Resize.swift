/// Bilinear resizing with OpenCV's `cv2.resize(..., interpolation=INTER_LINEAR)` semantics on
/// float images, computed once per (source, destination) size and applied to many images.
///
/// For each axis (source length `S`, destination length `D`), destination index `d` samples
/// ```
/// f  = (d + 0.5) · (1 / (D / S)) − 0.5             half-pixel centres, in Double
/// s  = floor(f),  a = Float(f − s)                 a: weight of the right/lower neighbour
/// s < 0      →  s = 0,     a = 0                   edge clamping
/// s ≥ S − 1  →  s = S − 1, a = 0
/// ```
/// Rows are filtered horizontally first, `row[x] = src[s]·(1 − a) + src[s + 1]·a`, then the two
/// rows are blended vertically with the y weights, in Float. Positions in Double match OpenCV 5.0
/// to about 1e-7 (rounding the position to Float first, as older OpenCV did, costs ~1e-6).
struct LinearResize {
    let width: Int, height: Int, toWidth: Int, toHeight: Int
    let x0: [Int], x1: [Int], xa: [Float]
    let y0: [Int], y1: [Int], ya: [Float]

    init(width: Int, height: Int, toWidth: Int, toHeight: Int) {
        self.width = width; self.height = height; self.toWidth = toWidth; self.toHeight = toHeight
        (x0, x1, xa) = LinearResize.taps(source: width, destination: toWidth)
        (y0, y1, ya) = LinearResize.taps(source: height, destination: toHeight)
    }

    /// The two source indices and the weight of the second, for each destination index.
    static func taps(source: Int, destination: Int) -> ([Int], [Int], [Float]) {
        var first = [Int](repeating: 0, count: destination)
        var second = [Int](repeating: 0, count: destination)
        var weight = [Float](repeating: 0, count: destination)
        let scale = 1.0 / (Double(destination) / Double(source))
        for d in 0..<destination {
            let position = (Double(d) + 0.5) * scale - 0.5
            var s = Int(position.rounded(.down))
            var f = Float(position - Double(s))
            if s < 0 { s = 0; f = 0 }
            if s >= source - 1 { s = source - 1; f = 0 }
            first[d] = s
            second[d] = min(s + 1, source - 1)
            weight[d] = f
        }
        return (first, second, weight)
    }

    /// Resizes one image; `rows` is scratch space for 2·toWidth floats. The tables are read
    /// through pointers (plain array subscripts are slow in debug builds, where tests run).
    func apply(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, rows: UnsafeMutablePointer<Float>) {
        x0.withUnsafeBufferPointer { x0 in x1.withUnsafeBufferPointer { x1 in xa.withUnsafeBufferPointer { xa in
            let upper = rows, lower = rows + toWidth
            func horizontal(_ row: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
                for x in 0..<toWidth {
                    let b = xa[x]
                    out[x] = row[x0[x]] * (1 - b) + row[x1[x]] * b
                }
            }
            for y in 0..<toHeight {
                horizontal(src + y0[y] * width, into: upper)
                horizontal(src + y1[y] * width, into: lower)
                let b = ya[y], a = 1 - b
                let out = dst + y * toWidth
                for x in 0..<toWidth { out[x] = upper[x] * a + lower[x] * b }
            }
        } } }
    }
}

public enum ImageOps {
    /// Resizes a `height`×`width` row-major image to `toHeight`×`toWidth` with cv2 INTER_LINEAR
    /// semantics (see `LinearResize`). Sizes below 1, or a buffer shorter than `width·height`,
    /// give an all-zero result rather than a crash (an output too large to count, an empty one).
    public static func resizeBilinear(_ src: UnsafeBufferPointer<Float>, width: Int, height: Int,
                                      toWidth: Int, toHeight: Int) -> [Float] {
        let (outCount, outOverflow) = max(toWidth, 0).multipliedReportingOverflow(by: max(toHeight, 0))
        guard !outOverflow else { return [] }
        var out = [Float](repeating: 0, count: outCount)
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard width > 0, height > 0, toWidth > 0, toHeight > 0, !overflow, src.count >= pixels,
              let base = src.baseAddress else { return out }
        let plan = LinearResize(width: width, height: height, toWidth: toWidth, toHeight: toHeight)
        var rows = [Float](repeating: 0, count: 2 * toWidth)
        out.withUnsafeMutableBufferPointer { dst in
            rows.withUnsafeMutableBufferPointer { scratch in
                guard let d = dst.baseAddress, let r = scratch.baseAddress else { return }
                plan.apply(base, d, rows: r)
            }
        }
        return out
    }
}
