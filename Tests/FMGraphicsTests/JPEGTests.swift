import Foundation
import XCTest
@testable import FMGraphics

/// The fixtures come from scripts/make-photo-fixtures.py (read from the source tree: this test
/// target has no resource bundle).
func graphicsFixture(_ name: String) throws -> [UInt8] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    return [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
}

final class JPEGTests: XCTestCase {
    /// The upright fixture's six blocks, upper row then lower row.
    let blocks: [[(Int, Int, Int)]] = [[(255, 0, 0), (0, 255, 0), (0, 0, 255)], [(255, 255, 255), (0, 0, 0), (128, 128, 128)]]

    /// Every orientation decodes to the same upright 24×16 picture: each 8×8 block's centre has
    /// its colour (within 12 levels of JPEG loss) and the alpha is opaque.
    func testEachOfTheEightOrientationsDecodesUpright() throws {
        for n in 1...8 {
            let raster = try JPEG.decode(graphicsFixture("orientation-\(n).jpg"))
            XCTAssertEqual([raster.width, raster.height], [24, 16], "orientation \(n)")
            for (row, colours) in blocks.enumerated() {
                for (column, colour) in colours.enumerated() {
                    let p = try XCTUnwrap(raster.pixel(x: column * 8 + 4, y: row * 8 + 4))
                    let found = [Int(p.r), Int(p.g), Int(p.b)], expected = [colour.0, colour.1, colour.2]
                    XCTAssertTrue(zip(found, expected).allSatisfy { abs($0 - $1) <= 12 },
                                  "orientation \(n), block (\(column), \(row)): \(found), expected \(expected)")
                    XCTAssertEqual(p.a, 255)
                }
            }
        }
    }

    func testOrientTurnsAThreeByTwoPictureAsEXIFSays() {
        // Pixels numbered 1…6 in the red channel: 1 2 3 / 4 5 6.
        let source = Raster(width: 3, height: 2, rgba: (1...6).flatMap { [UInt8($0), 0, 0, 255] })
        func reds(_ r: Raster) -> [UInt8] { stride(from: 0, to: r.rgba.count, by: 4).map { r.rgba[$0] } }
        let expected: [Int: (Int, [UInt8])] = [
            1: (3, [1, 2, 3, 4, 5, 6]), 2: (3, [3, 2, 1, 6, 5, 4]), 3: (3, [6, 5, 4, 3, 2, 1]), 4: (3, [4, 5, 6, 1, 2, 3]),
            5: (2, [1, 4, 2, 5, 3, 6]), 6: (2, [4, 1, 5, 2, 6, 3]), 7: (2, [6, 3, 5, 2, 4, 1]), 8: (2, [3, 6, 2, 5, 1, 4]),
        ]
        for (n, (width, pixels)) in expected {
            let turned = JPEG.orient(source, n)
            XCTAssertEqual(turned.width, width, "orientation \(n)")
            XCTAssertEqual(reds(turned), pixels, "orientation \(n)")
        }
    }

    func testGreyJPEGDecodesToEqualChannels() throws {
        let raster = try JPEG.decode(graphicsFixture("grey.jpg"))
        XCTAssertEqual([raster.width, raster.height], [24, 16])
        let red = try XCTUnwrap(raster.pixel(x: 4, y: 4))   // red's grey is 0.299·255 ≈ 76
        XCTAssertEqual(red.r, red.g); XCTAssertEqual(red.g, red.b)
        XCTAssertEqual(Double(red.r), 76, accuracy: 8)
    }

    func testCMYKIsRefusedByName() throws {
        XCTAssertThrowsError(try JPEG.decode(graphicsFixture("cmyk.jpg"))) { error in
            XCTAssertEqual("\(error)", "unsupported JPEG: CMYK colour (save the photo as RGB)")
        }
    }

    func testTruncatedFilesSayWhereTheyEnd() throws {
        let bytes = try graphicsFixture("orientation-1.jpg")
        let cases: [(Int, String)] = [
            (2, "truncated JPEG: the data ends inside the signature"),
            (30, "truncated JPEG: the data ends inside the APP1 segment"),
            (bytes.count - 40, "truncated JPEG: the data ends inside the image data"),
        ]
        for (length, message) in cases {
            XCTAssertThrowsError(try JPEG.decode(Array(bytes.prefix(length))), "\(length) bytes") { error in
                XCTAssertEqual("\(error)", message, "\(length) bytes")
            }
        }
    }

    func testGarbageAndDamageGiveTypedErrors() throws {
        XCTAssertThrowsError(try JPEG.decode(Array("hello, world".utf8))) { XCTAssertEqual($0 as? GraphicsError, .notJPEG) }
        XCTAssertThrowsError(try ImageFile.decode(Array("hello, world".utf8))) {
            XCTAssertEqual("\($0)", "not a PNG or JPEG file (unknown first bytes)")
        }
        // SOI then EOI: markers but no picture.
        XCTAssertThrowsError(try JPEG.decode([0xFF, 0xD8, 0xFF, 0xD9])) {
            XCTAssertEqual("\($0)", "invalid JPEG: the file ends (EOI) before any image data")
        }
        // A segment whose last byte is 0xFF, followed by something that is no marker.
        XCTAssertThrowsError(try JPEG.decode([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0xAA, 0xFF, 0x12, 0x34])) {
            XCTAssertEqual("\($0)", "invalid JPEG: expected a marker at byte 8")
        }
        // The image data overwritten with noise: libjpeg's own complaint, as an error, not an exit.
        var bytes = try graphicsFixture("orientation-1.jpg")
        var generator = SystemRandomNumberGenerator()
        for i in (bytes.count - 300)..<(bytes.count - 2) { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
        do {
            _ = try JPEG.decode(bytes)
        } catch let error as GraphicsError {
            switch error {
            case .invalidJPEG, .truncatedJPEG: break
            default: XCTFail("unexpected \(error)")
            }
        }
    }

    /// A frame header announcing 30000×30000 pixels is refused from the header alone.
    func testTooLargeIsRefusedBeforeDecoding() throws {
        var bytes = try graphicsFixture("orientation-1.jpg")
        let sof = try XCTUnwrap((0..<(bytes.count - 1)).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        for offset in [5, 7] { bytes[sof + offset] = 0x75; bytes[sof + offset + 1] = 0x30 }   // 30000
        XCTAssertThrowsError(try JPEG.decode(bytes)) {
            XCTAssertEqual("\($0)", "image too large: 30000×30000 pixels (at most 67108864 pixels)")
        }
    }

    func testImageFileChoosesTheDecoderByContent() throws {
        let jpeg = try graphicsFixture("orientation-6.jpg")
        XCTAssertEqual(ImageFile.format(of: jpeg), .jpeg)
        XCTAssertEqual(try ImageFile.decode(jpeg).width, 24)
        let png = PNG.encode(Raster(width: 5, height: 3))
        XCTAssertEqual(ImageFile.format(of: png), .png)
        XCTAssertEqual(try ImageFile.decode(png), Raster(width: 5, height: 3))
        XCTAssertThrowsError(try ImageFile.read(path: "/nonexistent/shoe.jpg")) {
            XCTAssertEqual("\($0)", "cannot read \"/nonexistent/shoe.jpg\": No such file or directory")
        }
    }
}
