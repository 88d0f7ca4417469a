/// A grey image: `pixels` row-major, `pixels[y * width + x]`, 0 = black … 1 = white.
///
/// Fashion-MNIST images are 28 × 28 with a white garment on black. Values outside 0…1 are
/// clamped when drawn.
public struct GrayImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var pixels: [Float]

    /// Negative sizes become 0; `pixels` is cut or padded with black to `width · height` values,
    /// so every drawing routine can index it safely.
    public init(width: Int, height: Int, pixels: [Float]) {
        self.width = max(0, width)
        self.height = max(0, height)
        let count = self.width * self.height
        if pixels.count == count {
            self.pixels = pixels
        } else if pixels.count > count {
            self.pixels = Array(pixels[0..<count])
        } else {
            self.pixels = pixels + [Float](repeating: 0, count: count - pixels.count)
        }
    }

    /// The grey level of a colour picture: luminance `0.299 R + 0.587 G + 0.114 B` (ITU-R BT.601, as
    /// OpenCV's `cvtColor(…, COLOR_RGB2GRAY)`), after compositing transparent pixels over white.
    public init(raster: Raster) {
        let count = raster.width * raster.height
        var out = [Float](repeating: 0, count: count)
        raster.rgba.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<min(count, src.count / 4) {
                    let alpha = Float(src[4 * i + 3]) / 255
                    let grey = (0.299 * Float(src[4 * i]) + 0.587 * Float(src[4 * i + 1]) + 0.114 * Float(src[4 * i + 2])) / 255
                    dst[i] = grey * alpha + (1 - alpha)
                }
            }
        }
        self.init(width: raster.width, height: raster.height, pixels: out)
    }

    /// The value at (x, y), or nil outside the image.
    public func value(x: Int, y: Int) -> Float? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        return pixels[y * width + x]
    }

    /// Shrunk by an integer `factor` (each output pixel the mean of a factor × factor block; a partial
    /// block at the right or bottom edge averages what it has). `factor <= 1` returns the image.
    public func downsampled(by factor: Int) -> GrayImage {
        guard factor > 1, width > 0, height > 0 else { return self }
        let w = (width + factor - 1) / factor, h = (height + factor - 1) / factor
        var out = [Float](repeating: 0, count: w * h)
        for oy in 0..<h {
            for ox in 0..<w {
                var sum: Float = 0
                var n = 0
                for y in (oy * factor)..<min(height, oy * factor + factor) {
                    for x in (ox * factor)..<min(width, ox * factor + factor) {
                        sum += pixels[y * width + x]; n += 1
                    }
                }
                out[oy * w + ox] = n > 0 ? sum / Float(n) : 0
            }
        }
        return GrayImage(width: w, height: h, pixels: out)
    }

    /// Enlarged by an integer `factor`, each pixel repeated factor × factor times.
    public func upsampled(by factor: Int) -> GrayImage {
        guard factor > 1 else { return self }
        let w = width * factor, h = height * factor
        var out = [Float](repeating: 0, count: w * h)
        for y in 0..<h { for x in 0..<w { out[y * w + x] = pixels[(y / factor) * width + x / factor] } }
        return GrayImage(width: w, height: h, pixels: out)
    }

    /// Stretched linearly so the smallest value becomes 0 and the largest 1 (for learned filters and
    /// feature maps, whose values are not grey levels). A constant image becomes 0.5; non-finite values 0.
    public func normalized() -> GrayImage {
        var lo = Float.infinity, hi = -Float.infinity
        for v in pixels where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        guard lo.isFinite, hi.isFinite else { return GrayImage(width: width, height: height, pixels: [Float](repeating: 0, count: pixels.count)) }
        let span = hi - lo
        let out = pixels.map { v -> Float in
            guard v.isFinite else { return 0 }
            return span > 0 ? (v - lo) / span : 0.5
        }
        return GrayImage(width: width, height: height, pixels: out)
    }
}
