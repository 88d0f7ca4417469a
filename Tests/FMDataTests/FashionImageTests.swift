import XCTest
@testable import FMData

final class FashionImageTests: DataTestCase {
    /// A 56×40 RGBA picture: white paper with a dark 20×16 block centred.
    func darkBlockOnWhite() -> [UInt8] {
        var rgba = [UInt8](repeating: 255, count: 56 * 40 * 4)
        for y in 12..<28 {
            for x in 18..<38 {
                let o = (y * 56 + x) * 4
                rgba[o] = 30; rgba[o + 1] = 30; rgba[o + 2] = 30
            }
        }
        return rgba
    }

    func testDarkOnWhiteBecomesLightOnBlackTrimmedAndCentred() {
        let image = ImageOps.fashionImage(rgba: darkBlockOnWhite(), width: 56, height: 40, invert: nil)
        XCTAssertEqual(image.count, 784)
        // The 20×16 block, trimmed, fits as 28×22 (16·1.4 = 22.4), centred: rows 3…24, all columns.
        for (y, x) in [(3, 0), (3, 27), (14, 14), (24, 0), (24, 27)] {
            XCTAssertEqual(image[y * 28 + x], 1, accuracy: 1e-6, "(\(y), \(x))")
        }
        for (y, x) in [(0, 0), (2, 14), (25, 14), (27, 27)] {
            XCTAssertEqual(image[y * 28 + x], 0, "(\(y), \(x))")
        }
        // Without the block there is nothing to see.
        let paper = [UInt8](repeating: 255, count: 56 * 40 * 4)
        XCTAssertEqual(ImageOps.fashionImage(rgba: paper, width: 56, height: 40, invert: nil), [Float](repeating: 0, count: 784))
    }

    func testShrinkingAveragesAreas() {
        // A 280×140 black picture with a light 100×100 square whose first pixel is black: trimmed
        // to the square, shrunk to 28×28 by area averaging (each output pixel covers 3.57² inputs).
        var grey = [UInt8](repeating: 0, count: 280 * 140)
        for y in 20..<120 { for x in 20..<120 { grey[y * 280 + x] = 250 } }
        grey[20 * 280 + 20] = 0
        let image = ImageOps.fashionImage(rgba: grey, width: 280, height: 140, invert: nil)
        XCTAssertEqual(image[0], 1 - (28.0 / 100) * (28.0 / 100), accuracy: 1e-5)
        XCTAssertEqual(image[1], 1, accuracy: 1e-6)
        XCTAssertEqual(image[27 * 28 + 27], 1, accuracy: 1e-6)
    }

    func testForcedInversionAndGrey() {
        // Light block on black, grey input: auto keeps it. invert=true makes a dark block on white
        // paper; the paper is then both background and brightest level, so nothing stands out.
        var grey = [UInt8](repeating: 0, count: 28 * 28)
        for y in 10..<18 { for x in 8..<20 { grey[y * 28 + x] = 200 } }
        let kept = ImageOps.fashionImage(rgba: grey, width: 28, height: 28, invert: nil)
        XCTAssertEqual(kept[14 * 28 + 10], 1, accuracy: 1e-6)
        XCTAssertEqual(kept[0], 0)
        let inverted = ImageOps.fashionImage(rgba: grey, width: 28, height: 28, invert: true)
        XCTAssertEqual(inverted, [Float](repeating: 0, count: 784))
    }

    func testTransparentBackgroundReadsAsPaperAndBadSizesAreBlank() {
        var rgba = [UInt8](repeating: 0, count: 28 * 28 * 4)   // fully transparent black
        for y in 8..<20 { for x in 8..<20 { let o = (y * 28 + x) * 4; rgba[o + 3] = 255 } }  // opaque black square
        let image = ImageOps.fashionImage(rgba: rgba, width: 28, height: 28, invert: nil)
        // Read as a black square on white paper, inverted, trimmed: the square fills the image.
        XCTAssertEqual(image.min() ?? 0, 1, accuracy: 1e-6)
        // Half-transparent black over the paper is mid-grey: 0.5 after inversion, kept relative to the square.
        for y in 8..<20 { for x in 8..<14 { rgba[(y * 28 + x) * 4 + 3] = 128 } }
        let half = ImageOps.fashionImage(rgba: rgba, width: 28, height: 28, invert: nil)
        XCTAssertEqual(half[0], 128.0 / 255, accuracy: 1e-5)
        XCTAssertEqual(half[27], 1, accuracy: 1e-6)
        XCTAssertEqual(ImageOps.fashionImage(rgba: [1, 2, 3], width: 2, height: 2, invert: nil), [Float](repeating: 0, count: 784))
        XCTAssertEqual(ImageOps.fashionImage(rgba: [], width: 0, height: 0, invert: nil).count, 784)
    }
}
