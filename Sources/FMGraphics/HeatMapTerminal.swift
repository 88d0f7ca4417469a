/// HeatMap in the terminal: a table of numbers per panel, panels side by side when they fit the
/// width (three spaces apart), else one under another.
///
/// With colour each cell has its heat colour as background and black or white digits. Without
/// colour each number is followed by two ASCII shade characters (" .:-=+*#%@", dark → light, so
/// high values look dense).
extension HeatMap {
    public func terminal(_ style: TerminalStyle) -> String {
        let style = style.clamped
        // A panel wider than the terminal is cut into groups of columns, shown one under another.
        var blocks: [(lines: [String], width: Int)] = []
        for panel in panels {
            let g = geometry(panel, style)
            let perBlock = max(1, min(columnCount, (style.width - g.labelWidth - 1) / g.cellTotal))
            for first in stride(from: 0, to: max(1, columnCount), by: perBlock) {
                blocks.append(panelLines(panel, columns: first..<min(columnCount, first + perBlock), style))
            }
        }
        guard !blocks.isEmpty else { return "(no heat map panels)\n" }
        var out = ""
        var start = 0
        while start < blocks.count {
            // As many panels on this band as fit.
            var end = start + 1, used = blocks[start].width
            while end < blocks.count && used + 3 + blocks[end].width <= style.width {
                used += 3 + blocks[end].width; end += 1
            }
            let height = blocks[start..<end].reduce(0) { max($0, $1.lines.count) }
            for row in 0..<height {
                var line = ""
                for (k, block) in blocks[start..<end].enumerated() {
                    if k > 0 { line += "   " }
                    let text = row < block.lines.count ? block.lines[row] : ""
                    line += text + String(repeating: " ", count: max(0, block.width - visibleWidth(text)))
                }
                out += trimTrailing(line) + "\n"
            }
            start = end
            if start < blocks.count { out += "\n" }
        }
        out += scaleLine(style)
        return out
    }

    /// Column widths of a panel: the widest number or column label, the shade characters
    /// (ASCII only) and one space; the row label column.
    private func geometry(_ panel: Panel, _ style: TerminalStyle) -> (cellWidth: Int, shadeWidth: Int, cellTotal: Int, labelWidth: Int) {
        var cellWidth = 1
        for r in 0..<rowCount { for c in 0..<columnCount { cellWidth = max(cellWidth, formatted(value(panel, r, c)).count) } }
        for c in 0..<columnCount { cellWidth = max(cellWidth, columnLabel(c).count) }
        let shadeWidth = style.colour ? 0 : 2
        let labelWidth = max(rowLabels.reduce(0) { max($0, $1.count) }, (rowTitle ?? "").count)
        return (cellWidth, shadeWidth, cellWidth + shadeWidth + 1, labelWidth)
    }

    /// The given columns of one panel as lines of equal visible width.
    private func panelLines(_ panel: Panel, columns shown: Range<Int>, _ style: TerminalStyle) -> (lines: [String], width: Int) {
        let colour = style.colour
        let rows = rowCount
        let (cellWidth, shadeWidth, cellTotal, labelWidth) = geometry(panel, style)
        let width = labelWidth + 1 + shown.count * cellTotal
        func clean(_ s: String) -> String { colour ? s : asciiOnly(s) }

        var lines: [String] = []
        let heading = fit(clean(panel.title), min(width, style.width), pad: false)
        lines.append(colour ? ANSI.bold + heading + ANSI.reset : heading)
        if let columnTitle {
            lines.append(String(repeating: " ", count: labelWidth + 1) + fit(clean(columnTitle), shown.count * cellTotal, align: .middle))
        }
        var header = fit(clean(rowTitle ?? ""), labelWidth, align: .end) + " "
        for c in shown { header += fit(clean(columnLabel(c)), cellTotal - 1, align: .end) + " " }
        lines.append(header)
        for r in 0..<rows {
            var line = fit(clean(rowLabel(r)), labelWidth, align: .end) + " "
            for c in shown {
                let v = value(panel, r, c)
                let text = fit(formatted(v), cellWidth, align: .end)
                if colour {
                    let background = Colour.heat(scaled(v))
                    line += ANSI.background(background, style) + ANSI.foreground(background.contrastingText, style)
                        + text + " " + ANSI.reset
                } else {
                    let shade: Character = v.isFinite ? ANSI.shade(scaled(v)) : " "
                    line += text + String(repeating: shade, count: shadeWidth) + " "
                }
            }
            lines.append(line)
        }
        return (lines, width)
    }

    /// The colour scale: minimum → maximum in five steps.
    private func scaleLine(_ style: TerminalStyle) -> String {
        var line = "scale: " + formatted(minimum) + " "
        for k in 0..<10 {
            let t = Double(k) / 9
            if style.colour {
                line += ANSI.background(Colour.heat(t), style) + "  " + ANSI.reset
            } else {
                line.append(ANSI.shade(t))
            }
        }
        return line + " " + formatted(maximum) + "\n"
    }
}
