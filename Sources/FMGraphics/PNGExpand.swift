extension PNG {
    /// Turns unfiltered scanlines of any colour type and depth into 8-bit RGBA.
    ///
    /// Sub-byte samples are read most significant bits first and scaled to 0…255
    /// (`v · 255 / (2^depth − 1)`); 16-bit samples keep their high byte. A tRNS chunk gives palette
    /// entries their alpha, or names the one grey / RGB value (compared at full depth) that is transparent.
    static func expand(_ raw: [UInt8], _ h: Header, palette: [Colour], transparency: [UInt8]?) throws -> Raster {
        var raster = Raster(width: h.width, height: h.height, fill: .black)
        let stride = h.rowBytes + 1, depth = h.bitDepth
        let maxSample = (1 << depth) - 1
        // tRNS for grey (2 bytes) or RGB (6 bytes): the transparent sample values.
        var key: [Int]? = nil
        if let t = transparency, h.colourType == 0 || h.colourType == 2 {
            let n = h.colourType == 0 ? 1 : 3
            if t.count >= 2 * n { key = (0..<n).map { Int(t[2 * $0]) << 8 | Int(t[2 * $0 + 1]) } }
        }
        var badIndex: Int? = nil

        raw.withUnsafeBufferPointer { src in
            raster.rgba.withUnsafeMutableBufferPointer { dst in
                /// Sample `s` (0-based within the row) of row `y` at full depth.
                @inline(__always) func sample(_ y: Int, _ s: Int) -> Int {
                    let row = y * stride + 1
                    switch depth {
                    case 8: return Int(src[row + s])
                    case 16: return Int(src[row + 2 * s]) << 8 | Int(src[row + 2 * s + 1])
                    default:
                        let bit = s * depth
                        let byte = Int(src[row + bit / 8])
                        return (byte >> (8 - depth - bit % 8)) & maxSample
                    }
                }
                /// A full-depth sample as 8 bits.
                @inline(__always) func eight(_ v: Int) -> UInt8 {
                    depth == 16 ? UInt8(v >> 8) : depth == 8 ? UInt8(v) : UInt8(v * 255 / maxSample)
                }
                for y in 0..<h.height {
                    for x in 0..<h.width {
                        let o = 4 * (y * h.width + x)
                        switch h.colourType {
                        case 0:
                            let v = sample(y, x)
                            let g = eight(v)
                            dst[o] = g; dst[o + 1] = g; dst[o + 2] = g
                            dst[o + 3] = key.map { $0[0] == v ? 0 : 255 } ?? 255
                        case 2:
                            let r = sample(y, 3 * x), g = sample(y, 3 * x + 1), b = sample(y, 3 * x + 2)
                            dst[o] = eight(r); dst[o + 1] = eight(g); dst[o + 2] = eight(b)
                            dst[o + 3] = key.map { $0 == [r, g, b] ? 0 : 255 } ?? 255
                        case 3:
                            let i = sample(y, x)
                            guard i < palette.count else { badIndex = i; return }
                            let c = palette[i]
                            dst[o] = c.r; dst[o + 1] = c.g; dst[o + 2] = c.b
                            dst[o + 3] = (transparency.map { i < $0.count ? $0[i] : 255 }) ?? 255
                        case 4:
                            let g = eight(sample(y, 2 * x))
                            dst[o] = g; dst[o + 1] = g; dst[o + 2] = g; dst[o + 3] = eight(sample(y, 2 * x + 1))
                        default:
                            for c in 0..<4 { dst[o + c] = eight(sample(y, 4 * x + c)) }
                        }
                    }
                }
            }
        }
        if let badIndex {
            throw GraphicsError.invalidPNG("palette index \(badIndex) but the palette has \(palette.count) entries")
        }
        return raster
    }
}
