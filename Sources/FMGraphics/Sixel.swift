/// DEC sixel images: `ESC P q`, raster attributes, a palette, then bands six pixels high.
public enum Sixel {
    /// Colour registers used at most: foot, mlterm and WezTerm offer 256 or more, and Debian's
    /// xterm 379 as `xterm -ti vt340` showed 256 greys as is (docs/images/sixel-xterm.png); a true
    /// VT340 had 16 (pass `registers: 16` for one).
    public static let defaultRegisters = 256

    /// The sixel sequence for `raster`, transparent pixels composited over white:
    /// `ESC P q "1;1;W;H` (square pixels, W×H), `#i;2;R;G;B` per register (percent), then per
    /// band of six rows, for each register it uses, `#i` and one character `63 + bits` per column
    /// (bit k set for row k of the band; runs of 4 or more as `!N c`; trailing empty columns
    /// dropped), registers separated by `$`, bands by `-`; `ESC \` ends it.
    ///
    /// Palette: the picture's own colours when there are at most `registers` of them (charts,
    /// heat maps with few colours), else `registers` evenly spaced greys when every pixel is grey
    /// (images), else a colour cube of ⌊∛registers⌋ levels a channel.
    public static func encode(_ raster: Raster, registers: Int = defaultRegisters) -> String {
        let w = raster.width, h = raster.height
        guard w > 0, h > 0, raster.rgba.count >= 4 * w * h else { return "" }
        let (palette, indices) = quantise(raster, registers: min(1024, max(2, registers)))
        var out = "\u{1B}Pq\"1;1;\(w);\(h)"
        for (i, c) in palette.enumerated() {
            out += "#\(i);2;\(percent(c.r));\(percent(c.g));\(percent(c.b))"
        }
        var bands: [String] = []
        for top in stride(from: 0, to: h, by: 6) {
            var masks: [Int: [UInt8]] = [:]
            for row in 0..<min(6, h - top) {
                for x in 0..<w {
                    let index = indices[(top + row) * w + x]
                    masks[index, default: [UInt8](repeating: 0, count: w)][x] |= UInt8(1 << row)
                }
            }
            bands.append(masks.keys.sorted().map { "#\($0)" + runs(masks[$0] ?? []) }.joined(separator: "$"))
        }
        return out + bands.joined(separator: "-") + "\u{1B}\\"
    }

    /// One row of sixel characters, trailing empty columns dropped, runs of 4+ compressed.
    static func runs(_ masks: [UInt8]) -> String {
        var end = masks.count
        while end > 0 && masks[end - 1] == 0 { end -= 1 }
        var out = ""
        var i = 0
        while i < end {
            var j = i + 1
            while j < end && masks[j] == masks[i] { j += 1 }
            let character = String(UnicodeScalar(63 + masks[i]))
            out += j - i >= 4 ? "!\(j - i)" + character : String(repeating: character, count: j - i)
            i = j
        }
        return out
    }

    /// The palette and each pixel's register.
    static func quantise(_ raster: Raster, registers: Int) -> ([Colour], [Int]) {
        let count = raster.width * raster.height
        var colours = [Colour](repeating: .white, count: count)
        var allGrey = true
        for i in 0..<count {
            let a = Int(raster.rgba[4 * i + 3])
            func over(_ v: UInt8) -> UInt8 { UInt8((Int(v) * a + 255 * (255 - a) + 127) / 255) }
            let c = Colour(r: over(raster.rgba[4 * i]), g: over(raster.rgba[4 * i + 1]), b: over(raster.rgba[4 * i + 2]))
            colours[i] = c
            if c.r != c.g || c.g != c.b { allGrey = false }
        }
        var exact: [Colour] = [], registerOf: [UInt32: Int] = [:]
        for c in colours where registerOf[key(c)] == nil {
            guard exact.count < registers else { break }
            registerOf[key(c)] = exact.count
            exact.append(c)
        }
        if exact.count <= registers, colours.allSatisfy({ registerOf[key($0)] != nil }) {
            return (exact, colours.map { registerOf[key($0)] ?? 0 })
        }
        if allGrey {
            let levels = min(256, registers)
            let palette = (0..<levels).map { Colour(grey: Float($0) / Float(levels - 1)) }
            return (palette, colours.map { (Int($0.r) * (levels - 1) + 127) / 255 })
        }
        var n = 2
        while (n + 1) * (n + 1) * (n + 1) <= registers { n += 1 }
        func level(_ v: UInt8) -> Int { (Int(v) * (n - 1) + 127) / 255 }
        func value(_ l: Int) -> UInt8 { UInt8(l * 255 / (n - 1)) }
        var palette: [Colour] = []
        for r in 0..<n { for g in 0..<n { for b in 0..<n { palette.append(Colour(r: value(r), g: value(g), b: value(b))) } } }
        return (palette, colours.map { level($0.r) * n * n + level($0.g) * n + level($0.b) })
    }

    static func key(_ c: Colour) -> UInt32 { UInt32(c.r) << 16 | UInt32(c.g) << 8 | UInt32(c.b) }
    static func percent(_ v: UInt8) -> Int { (Int(v) * 100 + 127) / 255 }
}
