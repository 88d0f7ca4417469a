import XCTest
@testable import FMGraphics

/// Writes every kind of picture to the folder named by FM_GRAPHICS_SAMPLES (for looking at them),
/// and reads each file back; skipped when the variable is unset. Fashion-MNIST images come from `fm12.raw` in that folder
/// (12 × 784 bytes, then 12 labels) when present, else synthetic images are used.
final class SampleOutputTests: XCTestCase {
    func testWriteSamples() throws {
        guard let folder = ProcessInfo.processInfo.environment["FM_GRAPHICS_SAMPLES"] else {
            throw XCTSkip("set FM_GRAPHICS_SAMPLES to a folder to write sample pictures")
        }
        let names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        var images: [GrayImage] = []
        var captions: [String] = []
        if let data = FileManager.default.contents(atPath: folder + "/fm12.raw"), data.count == 12 * 785 {
            let bytes = [UInt8](data)
            for i in 0..<12 {
                images.append(GrayImage(width: 28, height: 28, pixels: bytes[(i * 784)..<((i + 1) * 784)].map { Float($0) / 255 }))
                captions.append(names[Int(bytes[12 * 784 + i])])
            }
        } else {
            images = SampleOutputTests.syntheticImages(12)
            captions = (0..<12).map { names[$0 % 10] }
        }
        captions[1] += "\npred Coat (61%)"
        let grid = ImageGrid(images: images, captions: captions, title: "test[0..11]")
        let chart = SampleOutputTests.sampleChart()
        let map = SampleOutputTests.sampleHeatMap()
        for (name, picture) in [("grid", grid), ("chart", chart), ("heatmap", map)] as [(String, any Picture)] {
            try writeAndReadBack(picture, to: folder + "/" + name)
        }

        var text = ""
        for style in [TerminalStyle(width: 100, colour: true), TerminalStyle(width: 100, colour: false), TerminalStyle(width: 60, colour: false)] {
            text += grid.terminal(style) + "\n" + chart.terminal(style) + "\n" + map.terminal(style) + "\n"
        }
        try writeFileAtomically(Array(text.utf8), to: folder + "/terminal.txt")
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/terminal.txt").map { Array($0) }, Array(text.utf8))
    }

    /// Writes `base.png` and `base.svg`, and reads them back: the files hold what the picture
    /// draws, and the PNG decodes to a picture of some size.
    func writeAndReadBack(_ picture: any Picture, to base: String) throws {
        try picture.write(to: base + ".png")
        try picture.write(to: base + ".svg")
        let png = try XCTUnwrap(FileManager.default.contents(atPath: base + ".png"), base)
        XCTAssertEqual(Array(png), picture.png(), base)
        let raster = try PNG.decode(Array(png))
        XCTAssertTrue(raster.width > 0 && raster.height > 0, base)
        let svg = try String(contentsOfFile: base + ".svg", encoding: .utf8)
        XCTAssertEqual(svg, picture.svg(), base)
        XCTAssertTrue(svg.contains("<svg") && svg.contains("viewBox"), base)
    }

    static func syntheticImages(_ n: Int) -> [GrayImage] {
        (0..<n).map { k in
            GrayImage(width: 28, height: 28, pixels: (0..<784).map { i in
                let x = Float(i % 28) - 13.5, y = Float(i / 28) - 13.5
                return max(0, 1 - (x * x + y * y).squareRoot() / Float(6 + k))
            })
        }
    }

    static func sampleChart() -> LineChart {
        let nnTrain = [0.78, 0.84, 0.86, 0.87, 0.88, 0.885, 0.89, 0.895, 0.90, 0.903]
        let nnValidation = [0.81, 0.84, 0.85, 0.86, 0.862, 0.868, 0.87, 0.871, 0.873, 0.872]
        let cnnTrain = [0.74, 0.85, 0.88, 0.895, 0.905, 0.913, 0.92, 0.926, 0.931, 0.935]
        let cnnValidation = [0.83, 0.865, 0.88, 0.89, 0.895, 0.9, 0.904, 0.905, 0.907, 0.909]
        return LineChart(title: "Accuracy per epoch", xLabel: "epoch", yLabel: "accuracy", series: [
            .init(name: "nn train", values: nnTrain, paletteIndex: 0),
            .init(name: "nn validation", values: nnValidation, dashed: true, paletteIndex: 0),
            .init(name: "cnn train", values: cnnTrain, paletteIndex: 1),
            .init(name: "cnn validation", values: cnnValidation, dashed: true, paletteIndex: 1),
        ])
    }

    static func sampleHeatMap() -> HeatMap {
        let shifts = Array(-6...6)
        func grid(_ width: Double, _ peak: Double) -> [[Double]] {
            shifts.map { dy in shifts.map { dx in peak * exp(-Double(dx * dx + dy * dy) / (2 * width * width)) + 0.1 } }
        }
        return HeatMap(panels: [.init(title: "nn", values: grid(2, 0.78)), .init(title: "cnn", values: grid(5, 0.81))],
                       rowLabels: shifts.map(String.init), columnLabels: shifts.map(String.init),
                       rowTitle: "dy", columnTitle: "dx")
    }
}
