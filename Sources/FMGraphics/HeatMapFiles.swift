/// HeatMap as PNG and SVG: panels side by side, each with its title, the column labels above the
/// grid and the row labels on its left; a colour bar with the scale's ends on the right.
extension HeatMap {
    struct Layout {
        static let margin = 20, textScale = 2, titleScale = 3, panelGap = 40, cellHeight = 32, barWidth = 22
        var cellWidth = 0, labelWidth = 0, gridTop = 0
        var panelWidth = 0, gridWidth = 0, gridHeight = 0
        var barX = 0, width = 0, height = 0
        /// Left edge of the grid of panel `p`.
        func gridLeft(_ p: Int) -> Int { Layout.margin + p * (panelWidth + Layout.panelGap) + labelWidth }
    }

    var layout: Layout {
        var l = Layout()
        let s = Layout.textScale
        var widest = Raster.textWidth("-", scale: s)
        for panel in panels {
            for r in 0..<rowCount { for c in 0..<columnCount { widest = max(widest, Raster.textWidth(formatted(value(panel, r, c)), scale: s)) } }
        }
        for c in 0..<columnCount { widest = max(widest, Raster.textWidth(columnLabel(c), scale: s)) }
        l.cellWidth = max(40, widest + 18)
        let rowLabelWidth = (0..<rowCount).reduce(0) { max($0, Raster.textWidth(rowLabel($1), scale: s)) }
        l.labelWidth = rowLabelWidth + 12 + (rowTitle == nil ? 0 : Raster.textHeight(scale: s) + 12)
        l.gridWidth = columnCount * l.cellWidth
        l.gridHeight = rowCount * Layout.cellHeight
        let titleWidth = panels.reduce(0) { max($0, Raster.textWidth($1.title, scale: Layout.titleScale)) }
        l.panelWidth = max(l.labelWidth + l.gridWidth, titleWidth)
        l.gridTop = Layout.margin + Raster.lineHeight(scale: Layout.titleScale) + 6 + (columnTitle == nil ? 0 : Raster.lineHeight(scale: s))
            + Raster.lineHeight(scale: s)
        let panelsWidth = max(1, panels.count) * l.panelWidth + max(0, panels.count - 1) * Layout.panelGap
        l.barX = Layout.margin + panelsWidth + 30
        let barLabels = max(Raster.textWidth(formatted(minimum), scale: s), Raster.textWidth(formatted(maximum), scale: s))
        l.width = l.barX + Layout.barWidth + 10 + barLabels + Layout.margin
        l.height = l.gridTop + max(l.gridHeight, 120) + Layout.margin
        return l
    }

    /// Nine-ish pixel rows per colour bar step; the bar runs maximum (top) to minimum (bottom).
    private var barHeight: Int { max(layout.gridHeight, 120) }

    public func png() -> [UInt8] { PNG.encode(raster()) }

    public func raster() -> Raster {
        let l = layout, s = Layout.textScale, ch = Layout.cellHeight
        var r = Raster(width: l.width, height: l.height)
        let textDrop = (ch - Raster.textHeight(scale: s)) / 2 + s  // centres cap height in a cell
        for (p, panel) in panels.enumerated() {
            let left = l.gridLeft(p)
            r.text(panel.title, x: left + l.gridWidth / 2, y: Layout.margin, colour: .ink, scale: Layout.titleScale, anchor: .middle)
            if let columnTitle {
                r.text(columnTitle, x: left + l.gridWidth / 2, y: Layout.margin + Raster.lineHeight(scale: Layout.titleScale) + 6,
                       colour: .secondaryInk, scale: s, anchor: .middle)
            }
            if let rowTitle {
                r.verticalText(rowTitle, x: left - l.labelWidth, y: l.gridTop + l.gridHeight / 2, colour: .secondaryInk, scale: s)
            }
            for c in 0..<columnCount {
                r.text(columnLabel(c), x: left + c * l.cellWidth + l.cellWidth / 2, y: l.gridTop - Raster.lineHeight(scale: s),
                       colour: .secondaryInk, scale: s, anchor: .middle)
            }
            for row in 0..<rowCount {
                let y = l.gridTop + row * ch
                r.text(rowLabel(row), x: left - 10, y: y + textDrop, colour: .secondaryInk, scale: s, anchor: .end)
                for c in 0..<columnCount {
                    let v = value(panel, row, c)
                    let fill = Colour.heat(scaled(v))
                    r.fillRect(x: left + c * l.cellWidth, y: y, width: l.cellWidth, height: ch, colour: fill)
                    r.text(formatted(v), x: left + c * l.cellWidth + l.cellWidth / 2, y: y + textDrop,
                           colour: fill.contrastingText, scale: s, anchor: .middle)
                }
            }
            r.strokeRect(x: left - 1, y: l.gridTop - 1, width: l.gridWidth + 2, height: l.gridHeight + 2, colour: .ink)
        }
        let h = barHeight
        for k in 0..<h {
            r.fillRect(x: l.barX, y: l.gridTop + k, width: Layout.barWidth, height: 1, colour: Colour.heat(1 - Double(k) / Double(max(1, h - 1))))
        }
        r.strokeRect(x: l.barX - 1, y: l.gridTop - 1, width: Layout.barWidth + 2, height: h + 2, colour: .ink)
        r.text(formatted(maximum), x: l.barX + Layout.barWidth + 8, y: l.gridTop, colour: .secondaryInk, scale: s)
        r.text(formatted(minimum), x: l.barX + Layout.barWidth + 8, y: l.gridTop + h - Raster.textHeight(scale: s) + 4,
               colour: .secondaryInk, scale: s)
        return r
    }

    public func svg() -> String {
        let l = layout, s = Double(Layout.textScale), ch = Double(Layout.cellHeight)
        let size = 8.5 * s
        var doc = SVGDocument(width: l.width, height: l.height)
        let lineHeight = Double(Raster.lineHeight(scale: Layout.textScale))
        for (p, panel) in panels.enumerated() {
            let left = Double(l.gridLeft(p)), centre = left + Double(l.gridWidth) / 2
            let titleScale = Double(Layout.titleScale)
            doc.text(panel.title, x: centre, y: Double(Layout.margin) + 7 * titleScale, size: 8.5 * titleScale, anchor: .middle, bold: true)
            if let columnTitle {
                doc.text(columnTitle, x: centre, y: Double(Layout.margin) + Double(Raster.lineHeight(scale: Layout.titleScale)) + 6 + 7 * s, size: size, fill: .secondaryInk, anchor: .middle)
            }
            if let rowTitle {
                doc.text(rowTitle, x: left - Double(l.labelWidth) + 7 * s, y: Double(l.gridTop) + Double(l.gridHeight) / 2,
                         size: size, fill: .secondaryInk, anchor: .middle, rotate: true)
            }
            for c in 0..<columnCount {
                doc.text(columnLabel(c), x: left + (Double(c) + 0.5) * Double(l.cellWidth), y: Double(l.gridTop) - lineHeight + 7 * s,
                         size: size, fill: .secondaryInk, anchor: .middle)
            }
            for row in 0..<rowCount {
                let y = Double(l.gridTop) + Double(row) * ch
                doc.text(rowLabel(row), x: left - 10, y: y + ch / 2 + 3.5 * s, size: size, fill: .secondaryInk, anchor: .end)
                for c in 0..<columnCount {
                    let v = value(panel, row, c)
                    let fill = Colour.heat(scaled(v))
                    doc.rect(x: left + Double(c * l.cellWidth), y: y, width: Double(l.cellWidth), height: ch, fill: fill)
                    doc.text(formatted(v), x: left + (Double(c) + 0.5) * Double(l.cellWidth), y: y + ch / 2 + 3.5 * s,
                             size: size, fill: fill.contrastingText, anchor: .middle)
                }
            }
            doc.rect(x: left, y: Double(l.gridTop), width: Double(l.gridWidth), height: Double(l.gridHeight), fill: nil, stroke: .ink)
        }
        // The colour bar as a vertical gradient.
        var stops = ""
        for k in 0...8 { stops += "<stop offset=\"\(num(Double(k) / 8))\" stop-color=\"\(Colour.heat(1 - Double(k) / 8).svg)\"/>" }
        doc.raw("<defs><linearGradient id=\"heat\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">\(stops)</linearGradient></defs>")
        let h = Double(barHeight)
        doc.raw("<rect x=\"\(l.barX)\" y=\"\(l.gridTop)\" width=\"\(Layout.barWidth)\" height=\"\(num(h))\" fill=\"url(#heat)\" stroke=\"\(Colour.ink.svg)\"/>")
        doc.text(formatted(maximum), x: Double(l.barX + Layout.barWidth + 8), y: Double(l.gridTop) + 7 * s, size: size, fill: .secondaryInk)
        doc.text(formatted(minimum), x: Double(l.barX + Layout.barWidth + 8), y: Double(l.gridTop) + h, size: size, fill: .secondaryInk)
        return doc.render(title: panels.map(\.title).joined(separator: ", "))
    }
}
