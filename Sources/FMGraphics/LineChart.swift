/// Lines over epochs, e.g. training and validation accuracy of several models.
///
/// x runs over 1…n (n = the longest series); y over the data's range with a little margin (see
/// `Axis.values`). Non-finite values leave a gap. Series colours come from `Colour.series`,
/// by position or by `paletteIndex` (so a model's training and validation lines can share a colour).
public struct LineChart: Picture, Sendable {
    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        public var dashed: Bool
        /// Which `Colour.series` entry to use; nil = the series' position in the chart.
        public var paletteIndex: Int?

        public init(name: String, values: [Double], dashed: Bool = false, paletteIndex: Int? = nil) {
            self.name = name
            self.values = values
            self.dashed = dashed
            self.paletteIndex = paletteIndex
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]

    public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    /// Number of epochs: the longest series (at least 1).
    var epochCount: Int { max(1, series.reduce(0) { max($0, $1.values.count) }) }

    var xAxis: Axis { Axis.epochs(epochCount) }

    var yAxis: Axis {
        let finite = series.flatMap { $0.values.filter(\.isFinite) }
        return Axis.values(minimum: finite.min(), maximum: finite.max())
    }

    func colour(of index: Int) -> Colour { Colour.series(series[index].paletteIndex ?? index) }
}

// MARK: - Files

extension LineChart {
    /// Pixel layout shared by PNG and SVG (text scale 2 = glyphs 10 × 18 px).
    struct Layout {
        static let width = 960, height = 540, margin = 20, textScale = 2, titleScale = 3
        var plotLeft = 0, plotTop = 0, plotRight = 0, plotBottom = 0
        var legendX = 0, legendY = 0
        var plotWidth: Int { plotRight - plotLeft }
        var plotHeight: Int { plotBottom - plotTop }
    }

    var layout: Layout {
        var l = Layout()
        let s = Layout.textScale
        let tickWidth = yAxis.ticks.reduce(0) { max($0, Raster.textWidth(yAxis.label($1), scale: s)) }
        l.plotLeft = Layout.margin + Raster.textHeight(scale: s) + 12 + tickWidth + 10
        l.plotTop = Layout.margin + Raster.lineHeight(scale: Layout.titleScale) + 12
        let legendWidth = series.reduce(0) { max($0, Raster.textWidth(legendName($1.name), scale: s)) } + 56
        l.plotRight = Layout.width - Layout.margin - legendWidth - 16
        l.plotBottom = Layout.height - Layout.margin - 2 * Raster.lineHeight(scale: s) - 14
        l.legendX = l.plotRight + 24
        l.legendY = l.plotTop + 8
        return l
    }

    /// A series name cut to at most 24 characters, so a long name cannot squeeze the plot away.
    func legendName(_ name: String) -> String {
        ImageGrid.clipped(name, width: Raster.textWidth(String(repeating: "m", count: 24), scale: Layout.textScale), scale: Layout.textScale)
    }

    /// Pixel position of epoch `e` (1-based) with value `v`.
    func point(_ l: Layout, epoch e: Int, value v: Double) -> (Double, Double) {
        let x = Double(l.plotLeft) + (epochCount > 1 ? Double(e - 1) / Double(epochCount - 1) : 0.5) * Double(l.plotWidth)
        let y = Double(l.plotBottom) - yAxis.fraction(v) * Double(l.plotHeight)
        return (x, v.isFinite ? y : .nan)
    }

    public func png() -> [UInt8] { PNG.encode(raster()) }

    public func raster() -> Raster {
        let l = layout, s = Layout.textScale
        let xs = xAxis, ys = yAxis
        var r = Raster(width: Layout.width, height: Layout.height)
        r.text(ImageGrid.clipped(title, width: Layout.width - 2 * Layout.margin, scale: Layout.titleScale),
               x: (l.plotLeft + l.plotRight) / 2, y: Layout.margin, colour: .ink, scale: Layout.titleScale, anchor: .middle)
        for t in ys.ticks {
            let y = Int(point(l, epoch: 1, value: t).1.rounded())
            r.fillRect(x: l.plotLeft, y: y, width: l.plotWidth, height: 1, colour: .gridLine)
            r.fillRect(x: l.plotLeft - 6, y: y, width: 6, height: 1, colour: .ink)
            r.text(ys.label(t), x: l.plotLeft - 10, y: y - Raster.textHeight(scale: s) * 7 / 18, colour: .secondaryInk, scale: s, anchor: .end)
        }
        for t in xs.ticks {
            let x = Int(point(l, epoch: Int(t), value: 0).0.rounded())
            r.fillRect(x: x, y: l.plotBottom, width: 1, height: 6, colour: .ink)
            r.text(xs.label(t), x: x, y: l.plotBottom + 10, colour: .secondaryInk, scale: s, anchor: .middle)
        }
        r.fillRect(x: l.plotLeft, y: l.plotTop, width: 2, height: l.plotHeight + 1, colour: .ink)
        r.fillRect(x: l.plotLeft, y: l.plotBottom, width: l.plotWidth + 1, height: 2, colour: .ink)
        r.text(xLabel, x: (l.plotLeft + l.plotRight) / 2, y: l.plotBottom + 14 + Raster.lineHeight(scale: s), colour: .ink, scale: s, anchor: .middle)
        r.verticalText(yLabel, x: Layout.margin, y: (l.plotTop + l.plotBottom) / 2, colour: .ink, scale: s)

        for (i, line) in series.enumerated() {
            let points = line.values.enumerated().map { point(l, epoch: $0.offset + 1, value: $0.element) }
            r.polyline(points, colour: colour(of: i), thickness: 2.5, dash: line.dashed ? (10, 7) : nil)
            if epochCount <= 30 {
                for p in points where p.1.isFinite { r.disc(cx: p.0, cy: p.1, radius: line.dashed ? 2.5 : 3.5, colour: colour(of: i)) }
            }
            let ly = l.legendY + i * Raster.lineHeight(scale: s) * 3 / 2
            let mid = Double(ly) + Double(Raster.textHeight(scale: s)) * 7 / 18
            r.polyline([(Double(l.legendX), mid), (Double(l.legendX + 40), mid)], colour: colour(of: i), thickness: 2.5,
                       dash: line.dashed ? (10, 7) : nil)
            r.text(legendName(line.name), x: l.legendX + 50, y: ly, colour: .ink, scale: s)
        }
        return r
    }

    public func svg() -> String {
        let l = layout, s = Layout.textScale
        let xs = xAxis, ys = yAxis
        let size = 8.5 * Double(s), titleSize = 8.5 * Double(Layout.titleScale)
        var doc = SVGDocument(width: Layout.width, height: Layout.height)
        doc.text(title, x: Double(l.plotLeft + l.plotRight) / 2, y: Double(Layout.margin) + 7 * Double(Layout.titleScale),
                 size: titleSize, anchor: .middle, bold: true)
        for t in ys.ticks {
            let y = point(l, epoch: 1, value: t).1
            doc.line(x1: Double(l.plotLeft), y1: y, x2: Double(l.plotRight), y2: y, stroke: .gridLine)
            doc.line(x1: Double(l.plotLeft - 6), y1: y, x2: Double(l.plotLeft), y2: y, stroke: .ink)
            doc.text(ys.label(t), x: Double(l.plotLeft - 10), y: y + 3.5 * Double(s), size: size, fill: .secondaryInk, anchor: .end)
        }
        for t in xs.ticks {
            let x = point(l, epoch: Int(t), value: 0).0
            doc.line(x1: x, y1: Double(l.plotBottom), x2: x, y2: Double(l.plotBottom + 6), stroke: .ink)
            doc.text(xs.label(t), x: x, y: Double(l.plotBottom + 10 + 7 * s), size: size, fill: .secondaryInk, anchor: .middle)
        }
        doc.line(x1: Double(l.plotLeft), y1: Double(l.plotTop), x2: Double(l.plotLeft), y2: Double(l.plotBottom), stroke: .ink, width: 2)
        doc.line(x1: Double(l.plotLeft), y1: Double(l.plotBottom), x2: Double(l.plotRight), y2: Double(l.plotBottom), stroke: .ink, width: 2)
        doc.text(xLabel, x: Double(l.plotLeft + l.plotRight) / 2, y: Double(l.plotBottom + 14 + Raster.lineHeight(scale: s) + 7 * s),
                 size: size, anchor: .middle)
        doc.text(yLabel, x: Double(Layout.margin + 7 * s), y: Double(l.plotTop + l.plotBottom) / 2, size: size, anchor: .middle, rotate: true)
        for (i, line) in series.enumerated() {
            let points = line.values.enumerated().map { point(l, epoch: $0.offset + 1, value: $0.element) }
            doc.polyline(points, stroke: colour(of: i), width: 2.5, dashed: line.dashed, title: line.name)
            if epochCount <= 30 {
                for p in points where p.1.isFinite { doc.circle(cx: p.0, cy: p.1, r: line.dashed ? 2.5 : 3.5, fill: colour(of: i)) }
            }
            let ly = Double(l.legendY + i * Raster.lineHeight(scale: s) * 3 / 2)
            let mid = ly + 3.5 * Double(s)
            doc.line(x1: Double(l.legendX), y1: mid, x2: Double(l.legendX + 40), y2: mid, stroke: colour(of: i), width: 2.5, dashed: line.dashed)
            doc.text(legendName(line.name), x: Double(l.legendX + 50), y: ly + 7 * Double(s), size: size)
        }
        return doc.render(title: title)
    }
}
