/// ImageGrid in the terminal.
///
/// With colour, each text cell shows two pixel rows with the upper half block "▀": foreground =
/// the upper pixel's grey, background = the lower one's. Without colour, one ASCII shade per
/// pixel pair (the mean of the two rows), from " .:-=+*#%@". Images wider than the terminal are
/// shrunk by block averaging; images narrower than 8 pixels (3 × 3 kernels) are enlarged by
/// repeating pixels. Each cell is as wide as the widest image, or as its caption up to 12
/// columns; images are centred in it, captions centred under them and cut to the cell.
extension ImageGrid {
    static let terminalGap = 2

    public func terminal(_ style: TerminalStyle) -> String {
        let style = style.clamped
        guard !images.isEmpty else { return (title.map { $0 + "\n" } ?? "") + "(no images)\n" }
        let largest = images.reduce(0) { max($0, $1.width) }
        let shrink = largest > style.width ? (largest + style.width - 1) / style.width : 1
        let grow = largest > 0 && largest < 8 ? min((8 + largest - 1) / largest, style.width / largest) : 1
        let shown = images.map { grow > 1 ? $0.upsampled(by: grow) : $0.downsampled(by: shrink) }
        let widestImage = shown.reduce(0) { max($0, $1.width) }
        let widestCaption = (0..<images.count).flatMap(captionLines).reduce(0) { max($0, $1.count) }
        let cellWidth = min(style.width, max(1, widestImage, min(widestCaption, 16)))
        let gap = ImageGrid.terminalGap
        var perRow = max(1, (style.width + gap) / (cellWidth + gap))
        if let columns { perRow = min(perRow, columns) }
        perRow = min(perRow, images.count)

        var out = ""
        if let title {
            let t = style.colour ? title : asciiOnly(title)
            out += (style.colour ? ANSI.bold + fit(t, style.width, pad: false) + ANSI.reset : fit(t, style.width, pad: false)) + "\n"
        }
        let captionRows = (0..<images.count).reduce(0) { max($0, captionLines($1).count) }
        for start in stride(from: 0, to: images.count, by: perRow) {
            let members = Array(start..<min(images.count, start + perRow))
            let textRows = members.reduce(0) { max($0, (shown[$1].height + 1) / 2) }
            for row in 0..<textRows {
                var line = ""
                for (k, i) in members.enumerated() {
                    if k > 0 { line += String(repeating: " ", count: gap) }
                    line += cell(shown[i], row: row, width: cellWidth, style: style)
                }
                out += trimTrailing(line) + "\n"
            }
            for c in 0..<captionRows {
                var line = ""
                for (k, i) in members.enumerated() {
                    if k > 0 { line += String(repeating: " ", count: gap) }
                    let lines = captionLines(i)
                    let text = c < lines.count ? lines[c] : ""
                    line += fit(style.colour ? text : asciiOnly(text), cellWidth, align: .middle)
                }
                out += trimTrailing(line) + "\n"
            }
            if start + perRow < images.count { out += "\n" }
        }
        return out
    }

    /// Text row `row` of one image, exactly `width` columns (the image centred).
    private func cell(_ image: GrayImage, row: Int, width: Int, style: TerminalStyle) -> String {
        let indent = max(0, (width - image.width) / 2)
        var s = String(repeating: " ", count: indent)
        let top = 2 * row, bottom = 2 * row + 1
        if style.colour {
            var lastForeground: Colour? = nil, lastBackground: Colour? = nil
            for x in 0..<image.width {
                guard let upper = image.value(x: x, y: top) else { break }
                let fg = Colour(grey: upper)
                if fg != lastForeground { s += ANSI.foreground(fg, style); lastForeground = fg }
                if let lower = image.value(x: x, y: bottom) {
                    let bg = Colour(grey: lower)
                    if bg != lastBackground { s += ANSI.background(bg, style); lastBackground = bg }
                } else if lastBackground != nil {
                    // An odd last row: no lower pixel, so the terminal's own background.
                    s += ANSI.reset + ANSI.foreground(fg, style); lastBackground = nil
                }
                s += "▀"
            }
            if lastForeground != nil { s += ANSI.reset }
        } else {
            for x in 0..<image.width {
                guard let upper = image.value(x: x, y: top) else { break }
                let lower = image.value(x: x, y: bottom) ?? upper
                s.append(ANSI.shade(Double(upper + lower) / 2))
            }
        }
        let drawn = indent + (top < image.height ? image.width : 0)
        return s + String(repeating: " ", count: max(0, width - drawn))
    }
}

/// `line` without trailing spaces (escape sequences are kept).
func trimTrailing(_ line: String) -> String {
    var s = Substring(line)
    while s.last == " " { s.removeLast() }
    return String(s)
}
