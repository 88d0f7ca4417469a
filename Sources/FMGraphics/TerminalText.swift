/// Escape sequences and shading for terminal pictures.
enum ANSI {
    static let reset = "\u{1B}[0m"
    static let bold = "\u{1B}[1m"

    static func foreground(_ c: Colour, _ style: TerminalStyle) -> String {
        style.trueColour ? "\u{1B}[38;2;\(c.r);\(c.g);\(c.b)m" : "\u{1B}[38;5;\(palette256(c))m"
    }

    static func background(_ c: Colour, _ style: TerminalStyle) -> String {
        style.trueColour ? "\u{1B}[48;2;\(c.r);\(c.g);\(c.b)m" : "\u{1B}[48;5;\(palette256(c))m"
    }

    /// The nearest entry of the xterm 256-colour palette: the 6×6×6 cube (16…231, levels
    /// 0, 95, 135, 175, 215, 255) or the grey ramp (232…255, levels 8 + 10·i), by squared distance.
    /// The grey ramp is only used for near-greys (channels within 16 of each other), so colours
    /// such as a heat scale keep their hue instead of collapsing to a grey.
    static func palette256(_ c: Colour) -> Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ v: UInt8) -> Int {
            var best = 0
            for i in 1..<6 where abs(levels[i] - Int(v)) < abs(levels[best] - Int(v)) { best = i }
            return best
        }
        let ri = nearestLevel(c.r), gi = nearestLevel(c.g), bi = nearestLevel(c.b)
        func distance(_ r: Int, _ g: Int, _ b: Int) -> Int {
            (r - Int(c.r)) * (r - Int(c.r)) + (g - Int(c.g)) * (g - Int(c.g)) + (b - Int(c.b)) * (b - Int(c.b))
        }
        let cube = distance(levels[ri], levels[gi], levels[bi])
        let mean = (Int(c.r) + Int(c.g) + Int(c.b)) / 3
        let greyIndex = min(23, max(0, (mean - 3) / 10))
        let greyLevel = 8 + 10 * greyIndex
        let grey = distance(greyLevel, greyLevel, greyLevel)
        let spread = Int(max(c.r, c.g, c.b)) - Int(min(c.r, c.g, c.b))
        return grey < cube && spread <= 16 ? 232 + greyIndex : 16 + 36 * ri + 6 * gi + bi
    }

    /// The ASCII shades from dark to light; index `round(v · 9)` for v in 0…1.
    static let shades: [Character] = Array(" .:-=+*#%@")

    static func shade(_ v: Double) -> Character {
        shades[Int((clampUnit(v) * Double(shades.count - 1)).rounded())]
    }
}

extension TerminalStyle {
    /// Columns taken by `line` in a terminal: characters outside `ESC [ … letter` sequences (every
    /// character the pictures print is one column wide).
    public static func visibleWidth(_ line: String) -> Int { FMGraphics.visibleWidth(line) }
}

/// See `TerminalStyle.visibleWidth`.
func visibleWidth(_ line: String) -> Int {
    var count = 0
    var inEscape = false
    for scalar in line.unicodeScalars {
        if inEscape {
            if (scalar.value >= 0x40 && scalar.value <= 0x7E) && scalar != "[" { inEscape = false }
        } else if scalar == "\u{1B}" {
            inEscape = true
        } else {
            count += 1
        }
    }
    return count
}

/// `text` cut to at most `width` characters (the last one "…" when cut), padded with spaces to
/// `width` when `pad` is true, and aligned left, centre or right.
func fit(_ text: String, _ width: Int, align: Raster.TextAnchor = .start, pad: Bool = true) -> String {
    guard width > 0 else { return "" }
    var t = text
    if t.count > width { t = String(t.prefix(width - 1)) + "…" }
    guard pad else { return t }
    let space = width - t.count
    switch align {
    case .start: return t + String(repeating: " ", count: space)
    case .end: return String(repeating: " ", count: space) + t
    case .middle: return String(repeating: " ", count: space / 2) + t + String(repeating: " ", count: space - space / 2)
    }
}

/// `text` folded to ASCII for terminals without colour (where "…" may not display either).
func asciiOnly(_ text: String) -> String { BitmapFont.asciiFold(text) }
