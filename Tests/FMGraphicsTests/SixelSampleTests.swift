import XCTest
@testable import FMGraphics

/// With FM_GRAPHICS_SAMPLES=DIR, writes the sixel sequences a terminal is shown in
/// scripts/sixel-screenshot: DIR/sixel-grid.six (the 12 images of DIR/fm12.raw, as
/// SampleOutputTests reads them, in up to 256 greys) and DIR/sixel-chart.six
/// (the sample line chart, its colours in a 6×6×6 cube).
final class SixelSampleTests: XCTestCase {
    func testWriteSixelSamples() throws {
        guard let folder = ProcessInfo.processInfo.environment["FM_GRAPHICS_SAMPLES"] else {
            throw XCTSkip("set FM_GRAPHICS_SAMPLES to a folder to write sample sixel files")
        }
        let names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        var images = SampleOutputTests.syntheticImages(12)
        var captions = (0..<12).map { names[$0 % 10] }
        if let data = FileManager.default.contents(atPath: folder + "/fm12.raw"), data.count == 12 * 785 {
            let bytes = [UInt8](data)
            images = (0..<12).map { i in GrayImage(width: 28, height: 28, pixels: bytes[(i * 784)..<((i + 1) * 784)].map { Float($0) / 255 }) }
            captions = (0..<12).map { names[Int(bytes[12 * 784 + $0])] }
        }
        let grid = ImageGrid(images: images, captions: captions, title: "test[0..11]")
        try writeFileAtomically(Array((Sixel.encode(grid.raster()) + "\n").utf8), to: folder + "/sixel-grid.six")
        let chart = SampleOutputTests.sampleChart()
        try writeFileAtomically(Array((Sixel.encode(chart.raster()) + "\n").utf8), to: folder + "/sixel-chart.six")
    }
}

/// With FM_TERMINAL_QUERY_OUT=FILE, run inside a real terminal (scripts/sixel-screenshot runs it
/// in xterm -ti vt340): asks the terminal on /dev/tty and writes what it answered to FILE.
final class TerminalQueryLiveTests: XCTestCase {
    func testAskTheTerminal() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let out = environment["FM_TERMINAL_QUERY_OUT"] else {
            throw XCTSkip("set FM_TERMINAL_QUERY_OUT and run in a terminal to ask it for its attributes")
        }
        let attributes = TerminalQuery.primaryAttributes(timeoutMilliseconds: 500)
        let chosen = TerminalGraphics.detect(environment: environment, isTerminal: true, query: true)
        let text = "TERM=\(environment["TERM"] ?? "") attributes=\(attributes.map { "\($0)" } ?? "none") detect=\(chosen.rawValue)\n"
        try writeFileAtomically(Array(text.utf8), to: out)
    }
}
