/// Text on a `Raster` with the embedded `BitmapFont`: each font pixel is a `scale × scale` square.
extension Raster {
    /// Width in pixels of `text` at `scale` (no trailing spacing).
    public static func textWidth(_ text: String, scale: Int = 1) -> Int {
        BitmapFont.width(of: text, scale: max(1, scale))
    }

    /// Height in pixels of one line of text at `scale`, descenders included (9 · scale).
    public static func textHeight(scale: Int = 1) -> Int { BitmapFont.glyphHeight * max(1, scale) }

    /// Distance between baselines of consecutive lines at `scale` (11 · scale).
    public static func lineHeight(scale: Int = 1) -> Int { BitmapFont.lineHeight * max(1, scale) }

    public enum TextAnchor: Sendable { case start, middle, end }

    /// Draws one line of `text`; (x, y) is the top of the line and, by `anchor`, its left edge, centre or right edge.
    public mutating func text(_ text: String, x: Int, y: Int, colour: Colour = .ink, scale: Int = 1,
                              anchor: TextAnchor = .start) {
        let s = max(1, scale)
        let folded = BitmapFont.asciiFold(text)
        let w = BitmapFont.width(of: folded, scale: s)
        var penX = x - (anchor == .start ? 0 : anchor == .middle ? w / 2 : w)
        for c in folded {
            let rows = BitmapFont.rows(for: c)
            for (gy, bits) in rows.enumerated() where bits != 0 {
                for gx in 0..<BitmapFont.glyphWidth where bits & (1 << (BitmapFont.glyphWidth - 1 - gx)) != 0 {
                    fillRect(x: penX + gx * s, y: y + gy * s, width: s, height: s, colour: colour)
                }
            }
            penX += BitmapFont.advance * s
        }
    }

    /// Draws `text` turned a quarter turn anticlockwise (reading bottom to top), for a y-axis label.
    /// (x, y) is the left edge of the rotated line (the glyph tops) and its vertical centre.
    public mutating func verticalText(_ text: String, x: Int, y: Int, colour: Colour = .ink, scale: Int = 1) {
        let s = max(1, scale)
        let folded = BitmapFont.asciiFold(text)
        let w = BitmapFont.width(of: folded, scale: s)
        var penY = y + w / 2  // the first character sits at the bottom
        for c in folded {
            let rows = BitmapFont.rows(for: c)
            for (gy, bits) in rows.enumerated() where bits != 0 {
                for gx in 0..<BitmapFont.glyphWidth where bits & (1 << (BitmapFont.glyphWidth - 1 - gx)) != 0 {
                    // Glyph (gx, gy) → picture (x + gy, penY − gx) after the rotation.
                    fillRect(x: x + gy * s, y: penY - (gx + 1) * s, width: s, height: s, colour: colour)
                }
            }
            penY -= BitmapFont.advance * s
        }
    }
}
