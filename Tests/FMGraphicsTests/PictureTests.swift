import XCTest
@testable import FMGraphics
#if canImport(FoundationXML)
import FoundationXML
#endif

/// SVG well-formedness and content, terminal output with and without colour, file writing.
final class PictureTests: XCTestCase {
    let names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    var grid: ImageGrid {
        ImageGrid(images: SampleOutputTests.syntheticImages(12), captions: (0..<12).map { names[$0 % 10] } + [],
                  title: "Fashion & <friends>")
    }

    /// Parses `svg` with Foundation's XMLParser; returns all text content and the root element's attributes.
    func parse(_ svg: String, file: StaticString = #filePath, line: UInt = #line) -> (text: String, root: [String: String]) {
        final class Collector: NSObject, XMLParserDelegate {
            var text = "", root: [String: String]? = nil
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if root == nil { root = attributes; root?["element"] = name }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { text += "\n" }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "SVG is not well-formed: \(parser.parserError.map { "\($0)" } ?? "?")", file: file, line: line)
        return (collector.text, collector.root ?? [:])
    }

    func testImageGridSVG() {
        let (text, root) = parse(grid.svg())
        XCTAssertEqual(root["element"], "svg")
        XCTAssertEqual(root["viewBox"], "0 0 \(grid.layout.width) \(grid.layout.height)")
        XCTAssertTrue(text.contains("Fashion & <friends>"))
        for name in names { XCTAssertTrue(text.contains(name), name) }
        XCTAssertEqual(grid.svg().components(separatedBy: "data:image/png;base64,").count - 1, 12)
    }

    func testLineChartSVG() {
        let chart = SampleOutputTests.sampleChart()
        let (text, root) = parse(chart.svg())
        XCTAssertEqual(root["viewBox"], "0 0 960 540")
        for s in ["Accuracy per epoch", "epoch", "accuracy", "nn train", "nn validation", "cnn train", "cnn validation", "0.95", "0.70", "10"] {
            XCTAssertTrue(text.contains(s), s)
        }
        XCTAssertEqual(chart.svg().components(separatedBy: "stroke-dasharray").count - 1, 4, "2 dashed lines + 2 dashed legend samples")
    }

    func testHeatMapSVG() {
        let map = SampleOutputTests.sampleHeatMap()
        let (text, _) = parse(map.svg())
        for s in ["nn", "cnn", "dx", "dy", "-6", "0.88", "0.91", "1.00"] { XCTAssertTrue(text.contains(s), s) }
    }

    // MARK: Terminal

    func assertPlain(_ text: String, width: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(text.contains("\u{1B}"), "escape sequence without colour", file: file, line: line)
        XCTAssertTrue(text.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII without colour", file: file, line: line)
        for l in text.split(separator: "\n", omittingEmptySubsequences: false) {
            XCTAssertLessThanOrEqual(l.count, width, "line too wide: \(l)", file: file, line: line)
        }
    }

    func assertFits(_ text: String, width: Int, file: StaticString = #filePath, line: UInt = #line) {
        for l in text.split(separator: "\n", omittingEmptySubsequences: false) {
            XCTAssertLessThanOrEqual(visibleWidth(String(l)), width, "line too wide: \(l)", file: file, line: line)
        }
    }

    func testPlainTerminalOutputFitsAndHasNoEscapes() {
        let pictures: [any Picture] = [grid, SampleOutputTests.sampleChart(), SampleOutputTests.sampleHeatMap()]
        for width in [40, 60, 80, 132] {
            for p in pictures { assertPlain(p.terminal(TerminalStyle(width: width, colour: false)), width: width) }
        }
    }

    func testColourTerminalOutputFits() {
        let pictures: [any Picture] = [grid, SampleOutputTests.sampleChart(), SampleOutputTests.sampleHeatMap()]
        for width in [40, 80, 200] {
            for trueColour in [false, true] {
                for p in pictures {
                    let text = p.terminal(TerminalStyle(width: width, colour: true, trueColour: trueColour))
                    XCTAssertTrue(text.contains("\u{1B}["))
                    assertFits(text, width: width)
                }
            }
        }
    }

    func testImageGridTerminalLayout() {
        // 28-pixel images, gap 2: 80 columns hold 2 (28 + 2 + 28 = 58; 3 would need 88).
        let text = grid.terminal(TerminalStyle(width: 80, colour: true))
        XCTAssertTrue(text.contains("▀"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let imageRows = lines.filter { $0.contains("▀") }
        XCTAssertEqual(imageRows.count, 14 * 6, "12 images, 2 per row, 14 text rows each")
        XCTAssertEqual(imageRows[0].filter { $0 == "▀" }.count, 56)
        XCTAssertTrue(text.contains("  T-shirt/top  "))
        // 24-bit: a white row above a black one → foreground 255, background 0, set once for the row.
        let one = ImageGrid(images: [GrayImage(width: 8, height: 2, pixels: [Float](repeating: 1, count: 8) + [Float](repeating: 0, count: 8))],
                            captions: ["x"])
        let blocks = String(repeating: "▀", count: 8)
        XCTAssertEqual(one.terminal(TerminalStyle(width: 10, colour: true, trueColour: true)),
                       "\u{1B}[38;2;255;255;255m\u{1B}[48;2;0;0;0m\(blocks)\u{1B}[0m\n   x\n")
        XCTAssertEqual(one.terminal(TerminalStyle(width: 10, colour: true)), "\u{1B}[38;5;231m\u{1B}[48;5;16m\(blocks)\u{1B}[0m\n   x\n")
        // Without colour: the mean of the two pixels, 0.5 → shade index round(4.5) = 5 → "+".
        XCTAssertEqual(one.terminal(TerminalStyle(width: 10, colour: false)), "++++++++\n   x\n")
    }

    func testImageGridColumnsAndWideImages() {
        let images = SampleOutputTests.syntheticImages(5)
        let lines = ImageGrid(images: images, captions: [], columns: 2).terminal(TerminalStyle(width: 200, colour: false))
            .split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[0].count <= 58, true)
        let wide = GrayImage(width: 300, height: 10, pixels: [Float](repeating: 1, count: 3000))
        let text = ImageGrid(images: [wide], captions: ["wide"]).terminal(TerminalStyle(width: 80, colour: false))
        XCTAssertEqual(text, String(repeating: "@", count: 75) + "\n" + String(repeating: "@", count: 75) + "\n"
                       + String(repeating: " ", count: 35) + "wide\n", "300 px shrunk by 4 to 75 columns, 10 px → 3 rows → 2 text rows")
    }

    func testLineChartTerminal() {
        let chart = SampleOutputTests.sampleChart()
        let colour = chart.terminal(TerminalStyle(width: 80, colour: true))
        XCTAssertTrue(colour.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "braille dots")
        XCTAssertTrue(colour.contains("0.95 ┤"))
        XCTAssertTrue(colour.contains("╍╍"))
        let plain = chart.terminal(TerminalStyle(width: 80, colour: false))
        for s in ["** nn train", "oo nn validation", "++ cnn train", "xx cnn validation", "0.70 +", "epoch"] {
            XCTAssertTrue(plain.contains(s), s)
        }
    }

    func testHeatMapTerminal() {
        let map = SampleOutputTests.sampleHeatMap()
        let wide = map.terminal(TerminalStyle(width: 200, colour: false))
        // Both panels side by side: one line holds both titles.
        XCTAssertTrue(wide.split(separator: "\n").contains { $0.hasPrefix("nn ") && $0.hasSuffix("cnn") })
        XCTAssertTrue(wide.contains(" 0 0.11.. 0.13.. 0.21:: 0.35-- 0.57++ 0.79## 0.88%% "))
        let narrow = map.terminal(TerminalStyle(width: 50, colour: false))
        XCTAssertEqual(narrow.split(separator: "\n").filter { $0 == "nn" }.count, 3, "13 columns in groups of 6, 6, 1")
        let colour = map.terminal(TerminalStyle(width: 200, colour: true, trueColour: true))
        XCTAssertTrue(colour.contains("\u{1B}[48;2;"))
    }

    func testTerminalStyleDetect() {
        let tty = TerminalStyle.detect(environment: ["TERM": "xterm-256color", "COLUMNS": "120"], isTerminal: true)
        XCTAssertEqual(tty, TerminalStyle(width: 120, colour: true))
        XCTAssertFalse(TerminalStyle.detect(environment: ["TERM": "xterm", "NO_COLOR": ""], isTerminal: true).colour)
        XCTAssertFalse(TerminalStyle.detect(environment: ["TERM": "dumb"], isTerminal: true).colour)
        XCTAssertFalse(TerminalStyle.detect(environment: ["TERM": "xterm"], isTerminal: false).colour)
        XCTAssertEqual(TerminalStyle.detect(environment: ["COLUMNS": "abc"], isTerminal: false).width, 80)
        XCTAssertTrue(TerminalStyle.detect(environment: ["TERM": "xterm", "COLORTERM": "truecolor"], isTerminal: true).trueColour)
    }

    // MARK: Files

    func temporaryFolder() throws -> String {
        let dir = NSTemporaryDirectory() + "fm-graphics-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func testWriteByExtensionLeavesNoTemporaryFile() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let map = SampleOutputTests.sampleHeatMap()
        try map.write(to: dir + "/map.PNG")
        try map.write(to: dir + "/map.svg")
        try map.write(to: dir + "/map.svg")  // overwrites
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["map.PNG", "map.svg"])
        let decoded = try PNG.read(path: dir + "/map.PNG")
        XCTAssertEqual(decoded, map.raster())
        XCTAssertEqual(try String(contentsOfFile: dir + "/map.svg", encoding: .utf8), map.svg())
        XCTAssertThrowsError(try map.write(to: dir + "/map.jpg")) { error in
            XCTAssertEqual(error as? GraphicsError, .unsupportedFormat(path: dir + "/map.jpg"))
        }
        XCTAssertThrowsError(try map.write(to: dir + "/png")) { error in
            XCTAssertEqual(error as? GraphicsError, .unsupportedFormat(path: dir + "/png"))
        }
    }

    func testUnwritablePathGivesAnError() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        XCTAssertThrowsError(try writeFileAtomically([1, 2, 3], to: dir + "/no/such/folder/x.png")) { error in
            XCTAssertEqual(error as? GraphicsError, .cannotWrite(path: dir + "/no/such/folder/x.png", reason: "No such file or directory"))
        }
        // Renaming over a folder fails after the data were written: the temporary file must be gone.
        try FileManager.default.createDirectory(atPath: dir + "/taken.png", withIntermediateDirectories: false)
        XCTAssertThrowsError(try writeFileAtomically([1, 2, 3], to: dir + "/taken.png")) { error in
            guard case .cannotWrite(let path, _)? = error as? GraphicsError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, dir + "/taken.png")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["taken.png"])
    }
}

extension PictureTests {
    func testSmallKernelsAreEnlargedInTheTerminal() {
        let kernel = GrayImage(width: 3, height: 2, pixels: [0, 1, 0, 1, 0, 1])
        let text = ImageGrid(images: [kernel, kernel], captions: ["filter 1", "filter 2"]).terminal(TerminalStyle(width: 80, colour: false))
        // ×3 → 9 × 6 pixels → 3 text rows: source row 0, the mean of rows 0 and 1 (0.5 → "+"), row 1.
        XCTAssertEqual(text, ["   @@@        @@@", "+++++++++  +++++++++", "@@@   @@@  @@@   @@@", "filter 1   filter 2", ""]
            .joined(separator: "\n"))
    }
}
