/// An RGBA picture, 8 bits per channel: `rgba[4 * (y * width + x) + c]`, c = 0 red … 3 alpha;
/// (0, 0) is the top-left corner. Every drawing call clips to the picture.
public struct Raster: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var rgba: [UInt8]

    /// An opaque white picture (negative sizes become 0).
    public init(width: Int, height: Int) {
        self.init(width: width, height: height, fill: .white)
    }

    public init(width: Int, height: Int, fill: Colour) {
        self.width = max(0, width)
        self.height = max(0, height)
        let count = self.width * self.height
        var data = [UInt8](repeating: 0, count: 4 * count)
        data.withUnsafeMutableBufferPointer { p in
            for i in 0..<count {
                p[4 * i] = fill.r; p[4 * i + 1] = fill.g; p[4 * i + 2] = fill.b; p[4 * i + 3] = fill.a
            }
        }
        self.rgba = data
    }

    /// The colour at (x, y), or nil outside.
    public func pixel(x: Int, y: Int) -> Colour? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let i = 4 * (y * width + x)
        return Colour(r: rgba[i], g: rgba[i + 1], b: rgba[i + 2], a: rgba[i + 3])
    }

    /// Paints `colour` over (x, y) with weight `coverage` (0…1) times the colour's alpha:
    /// `out = c · w + old · (1 − w)` per channel; alpha becomes `w + old · (1 − w)`.
    public mutating func blend(x: Int, y: Int, colour: Colour, coverage: Double = 1) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let w = clampUnit(coverage) * Double(colour.a) / 255
        guard w > 0 else { return }
        let i = 4 * (y * width + x)
        func mix(_ new: UInt8, _ old: UInt8) -> UInt8 {
            UInt8((Double(new) * w + Double(old) * (1 - w)).rounded())
        }
        rgba[i] = mix(colour.r, rgba[i])
        rgba[i + 1] = mix(colour.g, rgba[i + 1])
        rgba[i + 2] = mix(colour.b, rgba[i + 2])
        rgba[i + 3] = mix(255, rgba[i + 3])
    }

    /// Sets the rectangle [x, x + width) × [y, y + height) to `colour` (no blending).
    public mutating func fillRect(x: Int, y: Int, width w: Int, height h: Int, colour: Colour) {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + max(0, w)), y1 = min(height, y + max(0, h))
        guard x0 < x1, y0 < y1 else { return }
        let stride = width
        rgba.withUnsafeMutableBufferPointer { p in
            for row in y0..<y1 {
                var i = 4 * (row * stride + x0)
                for _ in x0..<x1 {
                    p[i] = colour.r; p[i + 1] = colour.g; p[i + 2] = colour.b; p[i + 3] = colour.a
                    i += 4
                }
            }
        }
    }

    /// The outline of a rectangle, `thickness` pixels wide, inside its bounds.
    public mutating func strokeRect(x: Int, y: Int, width w: Int, height h: Int, colour: Colour, thickness t: Int = 1) {
        fillRect(x: x, y: y, width: w, height: t, colour: colour)
        fillRect(x: x, y: y + h - t, width: w, height: t, colour: colour)
        fillRect(x: x, y: y, width: t, height: h, colour: colour)
        fillRect(x: x + w - t, y: y, width: t, height: h, colour: colour)
    }

    /// Draws `image` with its top-left corner at (x, y), each image pixel as a `scale × scale` square
    /// (nearest neighbour, so pixels stay crisp). Values are clamped to 0…1.
    public mutating func blit(_ image: GrayImage, x: Int, y: Int, scale: Int = 1) {
        let s = max(1, scale)
        blit(image, x: x, y: y, width: image.width * s, height: image.height * s)
    }

    /// Draws `image` stretched to `width × height` pixels at (x, y), nearest neighbour:
    /// output pixel (u, v) shows image pixel (u · image.width / width, v · image.height / height).
    public mutating func blit(_ image: GrayImage, x: Int, y: Int, width w: Int, height h: Int) {
        guard image.width > 0, image.height > 0, w > 0, h > 0 else { return }
        let x0 = max(0, x), y0 = max(0, y), x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        let stride = width
        image.pixels.withUnsafeBufferPointer { src in
            rgba.withUnsafeMutableBufferPointer { dst in
                for py in y0..<y1 {
                    let iy = (py - y) * image.height / h
                    var i = 4 * (py * stride + x0)
                    for px in x0..<x1 {
                        let ix = (px - x) * image.width / w
                        let v = src[iy * image.width + ix]
                        let level = UInt8(clampUnit(Double(v)) * 255 + 0.5)
                        dst[i] = level; dst[i + 1] = level; dst[i + 2] = level; dst[i + 3] = 255
                        i += 4
                    }
                }
            }
        }
    }

    /// Copies `other` with its top-left corner at (x, y) (no blending).
    public mutating func blit(_ other: Raster, x: Int, y: Int) {
        for row in 0..<other.height {
            let ty = y + row
            guard ty >= 0, ty < height else { continue }
            for col in 0..<other.width {
                let tx = x + col
                guard tx >= 0, tx < width else { continue }
                let s = 4 * (row * other.width + col), d = 4 * (ty * width + tx)
                for c in 0..<4 { rgba[d + c] = other.rgba[s + c] }
            }
        }
    }
}
