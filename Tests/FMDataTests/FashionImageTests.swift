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

    func testDarkOnWhiteBecomesLightOnBlack() {
        let image = ImageOps.fashionImage(rgba: darkBlockOnWhite(), width: 56, height: 40, invert: nil)
        XCTAssertEqual(image.count, 784)
        // 56×40 fits as 28×20, centred: rows 4…23. The block covers x 9…18, y 6…13 of it → row 10, col 14.
        XCTAssertEqual(image[(4 + 6 + 4) * 28 + 14], 1, accuracy: 1e-6)
        XCTAssertEqual(image[0], 0)                 // padding
        XCTAssertEqual(image[(4 + 1) * 28 + 1], 0)  // paper
        XCTAssertEqual(image.max(), 1)
        XCTAssertEqual(image.min(), 0)
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
        XCTAssertEqual(image[14 * 28 + 14], 1, accuracy: 1e-6)
        XCTAssertEqual(image[0], 0)
        XCTAssertEqual(ImageOps.fashionImage(rgba: [1, 2, 3], width: 2, height: 2, invert: nil), [Float](repeating: 0, count: 784))
        XCTAssertEqual(ImageOps.fashionImage(rgba: [], width: 0, height: 0, invert: nil).count, 784)
    }
}
