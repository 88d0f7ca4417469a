import XCTest
@testable import FMGraphics

/// The raster primitives, the bitmap font, axes and edge cases of every picture.
final class DrawingTests: XCTestCase {
    func testFontCoversPrintableASCII() {
        XCTAssertEqual(BitmapFont.glyphs.count, 95)
        for (i, g) in BitmapFont.glyphs.enumerated() {
            XCTAssertEqual(g.count, 9, "glyph \(i + 32)")
            XCTAssertTrue(g.allSatisfy { $0 < 32 }, "glyph \(i + 32) wider than 5")
            if i > 0 { XCTAssertTrue(g.contains { $0 != 0 }, "glyph \(i + 32) is blank") }
        }
        // No two printable glyphs alike (a typo in the table would likely duplicate one).
        XCTAssertEqual(Set(BitmapFont.glyphs.map { $0.map(String.init).joined(separator: ",") }).count, 95)
    }

    func testTextDrawsTheGlyphPixels() {
        var r = Raster(width: 8, height: 10)
        r.text("L", x: 1, y: 0, colour: .black)
        // "L": column 0 on rows 0–6, row 6 full.
        for y in 0..<10 {
            for x in 0..<8 {
                let ink = (x == 1 && y <= 6) || (y == 6 && x >= 1 && x <= 5)
                XCTAssertEqual(r.pixel(x: x, y: y), ink ? .black : .white, "(\(x), \(y))")
            }
        }
        XCTAssertEqual(Raster.textWidth("Coat", scale: 2), (4 * 6 - 1) * 2)
        XCTAssertEqual(Raster.textWidth("", scale: 2), 0)
        XCTAssertEqual(BitmapFont.asciiFold("−6 × é…"), "-6 x e...")
        var scaled = Raster(width: 20, height: 20)
        scaled.text("I", x: 10, y: 0, colour: .black, scale: 2, anchor: .middle)  // width 10 → starts at 10 − 5
        XCTAssertEqual(scaled.pixel(x: 7, y: 0), .black)   // "I" top bar: glyph columns 1–3 → pixels 7…12
        XCTAssertEqual(scaled.pixel(x: 6, y: 0), .white)
        XCTAssertEqual(scaled.pixel(x: 12, y: 1), .black)
        XCTAssertEqual(scaled.pixel(x: 13, y: 0), .white)
    }

    func testFillBlitAndClipping() {
        var r = Raster(width: 4, height: 3)
        r.fillRect(x: -2, y: 1, width: 4, height: 10, colour: .black)
        XCTAssertEqual(r.pixel(x: 0, y: 1), .black)
        XCTAssertEqual(r.pixel(x: 1, y: 2), .black)
        XCTAssertEqual(r.pixel(x: 2, y: 2), .white)
        XCTAssertEqual(r.pixel(x: 0, y: 0), .white)
        XCTAssertNil(r.pixel(x: 4, y: 0))
        var b = Raster(width: 5, height: 5)
        b.blit(GrayImage(width: 2, height: 1, pixels: [0, 0.5]), x: 1, y: 1, scale: 2)
        XCTAssertEqual(b.pixel(x: 1, y: 1), Colour(grey: 0))
        XCTAssertEqual(b.pixel(x: 2, y: 2), Colour(grey: 0))
        XCTAssertEqual(b.pixel(x: 3, y: 2), Colour(r: 128, g: 128, b: 128))
        XCTAssertEqual(b.pixel(x: 4, y: 1), Colour(r: 128, g: 128, b: 128))
        XCTAssertEqual(b.pixel(x: 1, y: 3), .white)
        b.blit(GrayImage(width: 3, height: 3, pixels: [2, -1, .nan, 1, 1, 1, 1, 1, 1]), x: 3, y: 3, scale: 4)  // clipped, clamped
        XCTAssertEqual(b.pixel(x: 4, y: 4), .white)
    }

    func testLineCoverage() {
        var r = Raster(width: 10, height: 5)
        r.line(x0: 0, y0: 2.5, x1: 10, y1: 2.5, colour: .black, thickness: 1)
        // A 1-pixel horizontal line through pixel centres covers row 2 fully and leaves rows 0 and 4 alone.
        for x in 0..<10 {
            XCTAssertEqual(r.pixel(x: x, y: 2), .black)
            XCTAssertEqual(r.pixel(x: x, y: 0), .white)
        }
        var d = Raster(width: 40, height: 3)
        d.polyline([(0, 1.5), (40, 1.5)], colour: .black, thickness: 1, dash: (on: 5, off: 5))
        let inked = (0..<40).filter { d.pixel(x: $0, y: 1) != .white }
        XCTAssertTrue(inked.contains(2) && !inked.contains(7) && inked.contains(12) && !inked.contains(17), "\(inked)")
    }

    func testAxes() {
        let a = Axis.values(minimum: 0.74, maximum: 0.935)
        XCTAssertEqual(a.low, 0.7, accuracy: 1e-12)
        XCTAssertEqual(a.high, 0.95, accuracy: 1e-12)
        XCTAssertEqual(a.ticks.map { a.label($0) }, ["0.70", "0.75", "0.80", "0.85", "0.90", "0.95"])
        let accuracy = Axis.values(minimum: 0.2, maximum: 0.99)
        XCTAssertEqual(accuracy.high, 1)
        XCTAssertEqual(accuracy.ticks.map { accuracy.label($0) }, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let loss = Axis.values(minimum: 0.25, maximum: 2.3)
        XCTAssertEqual(loss.ticks.map { loss.label($0) }, ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"])
        let flat = Axis.values(minimum: 0.5, maximum: 0.5)
        XCTAssertLessThan(flat.low, 0.5)
        XCTAssertGreaterThan(flat.high, 0.5)
        XCTAssertEqual(Axis.values(minimum: nil, maximum: nil).ticks.count, 6)
        XCTAssertEqual(Axis.epochs(10).ticks, [1, 2, 4, 6, 8, 10])
        XCTAssertEqual(Axis.epochs(1).ticks, [1])
        XCTAssertEqual(Axis.epochs(50).ticks, [1, 10, 20, 30, 40, 50])
    }

    func testHeatMapFormatIsChecked() {
        XCTAssertTrue(HeatMap.isSafeFormat("%.2f"))
        XCTAssertTrue(HeatMap.isSafeFormat("%5.1f%%"))
        XCTAssertFalse(HeatMap.isSafeFormat("%s"))
        XCTAssertFalse(HeatMap.isSafeFormat("%d"))
        XCTAssertFalse(HeatMap.isSafeFormat("%.2f %.2f"))
        XCTAssertFalse(HeatMap.isSafeFormat("no conversion"))
        let map = HeatMap(panels: [.init(title: "p", values: [[0.5]])], rowLabels: ["r"], columnLabels: ["c"], valueFormat: "%s")
        XCTAssertEqual(map.formatted(0.5), "0.50")
        let percent = HeatMap(panels: [], rowLabels: [], columnLabels: [], valueFormat: "%.0f%%")
        XCTAssertEqual(percent.formatted(97.4), "97%")
    }

    func testColourScales() {
        XCTAssertEqual(Colour.heat(0), Colour(hex: 0x440154))
        XCTAssertEqual(Colour.heat(1), Colour(hex: 0xFDE725))
        XCTAssertEqual(Colour.heat(2), Colour(hex: 0xFDE725))
        XCTAssertEqual(Colour.heat(0.5), Colour(hex: 0x21918C))
        XCTAssertEqual(ANSI.palette256(.black), 16)
        XCTAssertEqual(ANSI.palette256(.white), 231)
        XCTAssertEqual(ANSI.palette256(Colour(r: 128, g: 128, b: 128)), 244)
        XCTAssertEqual(ANSI.palette256(Colour(r: 255, g: 0, b: 0)), 196)
        XCTAssertEqual(Colour(hex: 0x0072B2).svg, "#0072b2")
    }

    /// Degenerate inputs draw something sensible and never trap.
    func testEdgeCases() throws {
        let style = TerminalStyle(width: 80, colour: false), colour = TerminalStyle(width: 80, colour: true)
        let emptyChart = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [])
        let oneEpoch = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "a", values: [0.5])])
        let gaps = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "a", values: [.nan, 1, .infinity, 2])])
        let emptyGrid = ImageGrid(images: [], captions: ["orphan"])
        let odd = ImageGrid(images: [GrayImage(width: 3, height: 3, pixels: [1])], captions: [], title: "odd")
        let ragged = HeatMap(panels: [.init(title: "r", values: [[1], [0.5, .nan, 3]])], rowLabels: ["a"], columnLabels: [])
        let noPanels = HeatMap(panels: [], rowLabels: [], columnLabels: [])
        let pictures: [any Picture] = [emptyChart, oneEpoch, gaps, emptyGrid, odd, ragged, noPanels]
        for p in pictures {
            XCTAssertFalse(p.terminal(style).isEmpty)
            XCTAssertFalse(p.terminal(colour).isEmpty)
            XCTAssertTrue(p.svg().hasSuffix("</svg>\n"))
            let decoded = try PNG.decode(p.png())
            XCTAssertGreaterThan(decoded.width * decoded.height, 0)
        }
        XCTAssertEqual(emptyGrid.terminal(style), "(no images)\n")
        XCTAssertEqual(ragged.terminal(style), "r\n\na 1.00@@    -      -\n  0.50++    -   3.00@@\nscale: 0.00  .:-=+*#%@ 1.00\n")
        XCTAssertEqual(GrayImage(width: 2, height: 2, pixels: [1, 2, 3, 4, 5]).pixels, [1, 2, 3, 4])
        XCTAssertEqual(GrayImage(width: -1, height: 2, pixels: [1]).pixels, [])
    }
}

extension DrawingTests {
    /// Absurd values and sizes neither trap nor allocate without bound.
    func testAbsurdInputs() throws {
        let chart = LineChart(title: "t", xLabel: "x", yLabel: "y",
                              series: [.init(name: "a", values: [-1e308, 1e308, 1e200, .nan, -.infinity])])
        XCTAssertFalse(chart.terminal(TerminalStyle(width: 80, colour: true)).isEmpty)
        XCTAssertFalse(chart.terminal(TerminalStyle(width: 80, colour: false)).isEmpty)
        XCTAssertGreaterThan(try PNG.decode(chart.png()).width, 0)
        XCTAssertTrue(chart.svg().hasSuffix("</svg>\n"))
        XCTAssertEqual(TerminalStyle(width: 1_000_000_000, colour: false).width, 4096)
        XCTAssertEqual(TerminalStyle(width: -3, colour: false).width, 1)
        var wide = TerminalStyle(width: 80, colour: false)
        wide.width = Int.max
        XCTAssertLessThanOrEqual(chart.terminal(wide).split(separator: "\n").map(\.count).max() ?? 0, 4096)
        var r = Raster(width: 10, height: 10)
        r.line(x0: -1e300, y0: 0, x1: 1e300, y1: 5, colour: .black, thickness: .infinity)
        r.disc(cx: .nan, cy: 1, radius: 3, colour: .black)
        XCTAssertEqual(r, Raster(width: 10, height: 10))
    }
}

extension DrawingTests {
    func testNormalized() {
        let g = GrayImage(width: 2, height: 2, pixels: [-2, 0, 2, .nan]).normalized()
        XCTAssertEqual(g.pixels, [0, 0.5, 1, 0])
        XCTAssertEqual(GrayImage(width: 1, height: 2, pixels: [3, 3]).normalized().pixels, [0.5, 0.5])
        XCTAssertEqual(GrayImage(width: 2, height: 1, pixels: [.nan, .infinity]).normalized().pixels, [0, 0])
        XCTAssertEqual(TerminalStyle.visibleWidth("\u{1B}[38;5;16m▀▀\u{1B}[0m ab"), 5)
    }
}

extension DrawingTests {
    func testLongNamesDoNotSqueezeThePlot() {
        let long = String(repeating: "very long model name ", count: 10)
        let chart = LineChart(title: long, xLabel: "epoch", yLabel: "accuracy", series: [.init(name: long, values: [0.1, 0.2])])
        XCTAssertGreaterThan(chart.layout.plotWidth, 400)
        XCTAssertEqual(chart.legendName(long), "very long model name ...")
    }
}
