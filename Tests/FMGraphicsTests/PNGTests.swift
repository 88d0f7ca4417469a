import XCTest
@testable import FMGraphics

final class PNGTests: XCTestCase {
    // MARK: Fixtures from independent encoders

    /// 4 × 3 RGB written by OpenCV 4 (`cv2.imencode('.png', bgr)`), pixels as in `fixtureRGB`.
    static let opencvRGB: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 3, 8, 2, 0, 0, 0, 59, 150, 57, 145, 0, 0, 0, 48, 73, 68, 65, 84, 8, 29, 99, 252, 207, 192, 192, 248, 159, 129, 129, 241, 255, 255, 255, 12, 140, 12, 12, 12, 13, 14, 10, 93, 29, 86, 31, 108, 213, 24, 25, 153, 152, 125, 194, 18, 170, 121, 206, 151, 4, 236, 3, 0, 239, 119, 12, 96, 117, 187, 72, 22, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130]
    static let fixtureRGB: [[UInt8]] = [
        [255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255],
        [0, 0, 0], [128, 64, 32], [10, 200, 90], [250, 5, 128],
        [1, 2, 3], [77, 88, 99], [200, 100, 50], [60, 180, 240],
    ]
    /// 3 × 2 16-bit grey written by OpenCV: [[0, 1000, 65535], [30000, 40000, 256]].
    static let opencvGrey16: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 3, 0, 0, 0, 2, 16, 0, 0, 0, 0, 232, 143, 229, 133, 0, 0, 0, 22, 73, 68, 65, 84, 8, 29, 99, 100, 96, 96, 126, 241, 71, 156, 177, 212, 64, 93, 32, 245, 0, 0, 24, 236, 4, 2, 111, 148, 84, 96, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130]
    /// Written by Python's zlib and struct (chunk = length, type, data, zlib.crc32):
    /// 4 × 3 palette image, 4 bits per index, palette red, green, blue, yellow, (20, 30, 40),
    /// tRNS [0, 128], indices [[0,1,2,3],[4,3,2,1],[1,1,4,0]].
    static let pythonPalette: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 3, 4, 3, 0, 0, 0, 70, 218, 179, 245, 0, 0, 0, 15, 80, 76, 84, 69, 255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 0, 20, 30, 40, 15, 43, 39, 84, 0, 0, 0, 2, 116, 82, 78, 83, 0, 128, 155, 43, 78, 24, 0, 0, 0, 17, 73, 68, 65, 84, 120, 156, 99, 96, 84, 102, 112, 86, 100, 16, 116, 0, 0, 3, 59, 0, 218, 76, 156, 68, 50, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130]
    /// The same writer: 2 × 2 grey + alpha, 8 bits: (0, 255) (100, 50) / (200, 0) (255, 128).
    static let pythonGreyAlpha: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 2, 8, 4, 0, 0, 0, 216, 191, 197, 175, 0, 0, 0, 18, 73, 68, 65, 84, 120, 156, 99, 96, 248, 159, 98, 196, 112, 130, 225, 127, 3, 0, 17, 136, 3, 221, 124, 75, 192, 141, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130]

    func rgba(_ r: Raster, _ x: Int, _ y: Int) -> [UInt8] {
        let i = 4 * (y * r.width + x)
        return Array(r.rgba[i..<(i + 4)])
    }

    func testDecodesOpenCVRGB() throws {
        let r = try PNG.decode(PNGTests.opencvRGB)
        XCTAssertEqual(r.width, 4)
        XCTAssertEqual(r.height, 3)
        for (i, p) in PNGTests.fixtureRGB.enumerated() {
            XCTAssertEqual(rgba(r, i % 4, i / 4), p + [255], "pixel \(i)")
        }
    }

    func testDecodes16BitGreyToHighByte() throws {
        let r = try PNG.decode(PNGTests.opencvGrey16)
        XCTAssertEqual([r.width, r.height], [3, 2])
        let expected: [UInt8] = [0, 3, 255, 117, 156, 1]  // v >> 8
        for (i, g) in expected.enumerated() { XCTAssertEqual(rgba(r, i % 3, i / 3), [g, g, g, 255]) }
    }

    func testDecodesPaletteWithTransparency() throws {
        let r = try PNG.decode(PNGTests.pythonPalette)
        let palette: [[UInt8]] = [[255, 0, 0, 0], [0, 255, 0, 128], [0, 0, 255, 255], [255, 255, 0, 255], [20, 30, 40, 255]]
        let indices = [[0, 1, 2, 3], [4, 3, 2, 1], [1, 1, 4, 0]]
        for y in 0..<3 { for x in 0..<4 { XCTAssertEqual(rgba(r, x, y), palette[indices[y][x]], "(\(x), \(y))") } }
    }

    func testDecodesGreyAlpha() throws {
        let r = try PNG.decode(PNGTests.pythonGreyAlpha)
        XCTAssertEqual(rgba(r, 0, 0), [0, 0, 0, 255])
        XCTAssertEqual(rgba(r, 1, 0), [100, 100, 100, 50])
        XCTAssertEqual(rgba(r, 0, 1), [200, 200, 200, 0])
        XCTAssertEqual(rgba(r, 1, 1), [255, 255, 255, 128])
    }

    // MARK: Our encoder

    /// A raster with varied content so every filter type gets chosen somewhere.
    func pattern(width: Int, height: Int, grey: Bool = false, alpha: Bool = false) -> Raster {
        var r = Raster(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let i = 4 * (y * width + x)
                let v = UInt8((x * 7 + y * 13 + (x * y) % 11) & 0xFF)
                r.rgba[i] = v
                r.rgba[i + 1] = grey ? v : UInt8((x * 3 + y * y) & 0xFF)
                r.rgba[i + 2] = grey ? v : UInt8((255 - x - y) & 0xFF)
                r.rgba[i + 3] = alpha ? UInt8((x * 31 + y) & 0xFF) : 255
            }
        }
        return r
    }

    func testRoundTripRGB() throws {
        let r = pattern(width: 37, height: 23)
        let bytes = PNG.encode(r)
        XCTAssertEqual(bytes[25], 2, "colour type RGB")
        XCTAssertEqual(try PNG.decode(bytes), r)
    }

    func testRoundTripGreyUsesColourType0() throws {
        let r = pattern(width: 28, height: 28, grey: true)
        let bytes = PNG.encode(r)
        XCTAssertEqual(bytes[24], 8, "bit depth")
        XCTAssertEqual(bytes[25], 0, "colour type grey")
        XCTAssertEqual(try PNG.decode(bytes), r)
    }

    func testRoundTripRGBA() throws {
        let r = pattern(width: 19, height: 5, alpha: true)
        let bytes = PNG.encode(r)
        XCTAssertEqual(bytes[25], 6)
        XCTAssertEqual(try PNG.decode(bytes), r)
    }

    func testRoundTripOnePixelAndChartPicture() throws {
        let one = Raster(width: 1, height: 1, fill: Colour(r: 1, g: 2, b: 3))
        XCTAssertEqual(try PNG.decode(PNG.encode(one)), one)
        let chart = SampleOutputTests.sampleChart().raster()
        XCTAssertEqual(try PNG.decode(PNG.encode(chart)), chart)
    }

    func testEveryFilterUndoesItself() throws {
        // Rows filtered with each type by hand, then decoded.
        let r = pattern(width: 9, height: 4)
        let rowBytes = 27
        var previous = [UInt8](repeating: 0, count: rowBytes)
        var raw: [UInt8] = []
        for y in 0..<4 {
            var row = [UInt8]()
            for x in 0..<9 { row += rgba(r, x, y).prefix(3) }
            var filtered = [UInt8](repeating: 0, count: rowBytes)
            let type = UInt8(y == 0 ? 4 : y)  // Paeth on the first row, then Sub, Up, Average
            PNG.applyFilter(type, row: row, previous: previous, bpp: 3, into: &filtered)
            raw += [type] + filtered
            previous = row
        }
        let bytes = makePNG(width: 9, height: 4, depth: 8, colourType: 2, raw: raw)
        XCTAssertEqual(try PNG.decode(bytes), r)
    }

    func testDecodesSubByteGreyAndRGBTransparencyKey() throws {
        // 1-bit grey 10 × 1: 1011001110 → two bytes 10110011 10000000.
        let grey1 = makePNG(width: 10, height: 1, depth: 1, colourType: 0, raw: [0, 0b1011_0011, 0b1000_0000])
        let r = try PNG.decode(grey1)
        let bits = [1, 0, 1, 1, 0, 0, 1, 1, 1, 0]
        for x in 0..<10 { XCTAssertEqual(rgba(r, x, 0)[0], bits[x] == 1 ? 255 : 0) }
        // 2-bit grey: 0, 1, 2, 3 → 0, 85, 170, 255.
        let grey2 = try PNG.decode(makePNG(width: 4, height: 1, depth: 2, colourType: 0, raw: [0, 0b0001_1011]))
        XCTAssertEqual((0..<4).map { rgba(grey2, $0, 0)[0] }, [0, 85, 170, 255])
        // RGB with tRNS key (1, 2, 3): that pixel becomes transparent.
        var extra: [UInt8] = []
        PNG.appendChunk("tRNS", [0, 1, 0, 2, 0, 3], to: &extra)
        let keyed = try PNG.decode(makePNG(width: 2, height: 1, depth: 8, colourType: 2, raw: [0, 1, 2, 3, 1, 2, 4], extra: extra))
        XCTAssertEqual(rgba(keyed, 0, 0), [1, 2, 3, 0])
        XCTAssertEqual(rgba(keyed, 1, 0), [1, 2, 4, 255])
    }

    /// A PNG from raw (already filtered) scanlines, with optional chunks before IDAT.
    func makePNG(width: Int, height: Int, depth: UInt8, colourType: UInt8, interlace: UInt8 = 0,
                 raw: [UInt8], extra: [UInt8] = []) -> [UInt8] {
        var header: [UInt8] = []
        PNG.appendBigEndian(UInt32(width), to: &header)
        PNG.appendBigEndian(UInt32(height), to: &header)
        header += [depth, colourType, 0, 0, interlace]
        var out = PNG.signature
        PNG.appendChunk("IHDR", header, to: &out)
        out += extra
        PNG.appendChunk("IDAT", PNG.zlibCompress(raw), to: &out)
        PNG.appendChunk("IEND", [], to: &out)
        return out
    }

    func testStoredZlibFallbackDecodes() throws {
        let data = (0..<70_000).map { UInt8($0 % 251) }
        XCTAssertEqual(try PNG.inflate(PNG.storedZlib(data), expected: data.count), data)
    }

    // MARK: Bad input

    func assertThrows(_ bytes: [UInt8], _ expected: GraphicsError, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try PNG.decode(bytes), file: file, line: line) { error in
            XCTAssertEqual(error as? GraphicsError, expected, file: file, line: line)
        }
    }

    func testBadSignature() {
        var bytes = PNG.encode(pattern(width: 3, height: 3))
        bytes[1] = UInt8(ascii: "J")
        assertThrows(bytes, .notPNG)
        assertThrows(Array("GIF89a is not a PNG".utf8), .notPNG)
        assertThrows([], .truncatedPNG(part: "the signature"))
    }

    func testTruncated() {
        let bytes = PNG.encode(pattern(width: 30, height: 30))
        assertThrows(Array(bytes.prefix(bytes.count / 2)), .truncatedPNG(part: "chunk IDAT"))
        assertThrows(Array(bytes.prefix(5)), .truncatedPNG(part: "the signature"))
        assertThrows(Array(bytes.prefix(20)), .truncatedPNG(part: "chunk IHDR"))
        assertThrows(Array(bytes.dropLast(12)), .truncatedPNG(part: "the chunk list (no IEND chunk after chunk IDAT)"))
        XCTAssertEqual(GraphicsError.truncatedPNG(part: "chunk IDAT").description, "truncated PNG: the data ends inside chunk IDAT")
    }

    func testBadCRC() {
        var bytes = PNG.encode(pattern(width: 4, height: 4))
        bytes[45] ^= 0xFF  // inside the IDAT data (type at 37…40)
        XCTAssertThrowsError(try PNG.decode(bytes)) { error in
            guard case .crcMismatch(let chunk, let stored, let computed)? = error as? GraphicsError else {
                return XCTFail("expected a CRC mismatch, got \(error)")
            }
            XCTAssertEqual(chunk, "IDAT")
            XCTAssertNotEqual(stored, computed)
            XCTAssertTrue("\(error)".hasPrefix("corrupt PNG: CRC mismatch in chunk IDAT (stored 0x"))
        }
    }

    func testInterlacedIsRefusedClearly() {
        let bytes = makePNG(width: 1, height: 1, depth: 8, colourType: 0, interlace: 1, raw: [0, 0])
        assertThrows(bytes, .unsupportedPNG("interlaced (Adam7) images; save the image without interlacing"))
    }

    func testInvalidContents() {
        assertThrows(makePNG(width: 2, height: 1, depth: 8, colourType: 0, raw: [7, 1, 2]), .invalidPNG("row 0 has unknown filter type 7"))
        assertThrows(makePNG(width: 2, height: 2, depth: 8, colourType: 0, raw: [0, 1, 2]), .truncatedPNG(part: "image data (3 of 6 bytes)"))
        assertThrows(makePNG(width: 1, height: 1, depth: 3, colourType: 0, raw: [0, 0]), .invalidPNG("bit depth 3 with colour type 0"))
        assertThrows(makePNG(width: 1, height: 1, depth: 8, colourType: 3, raw: [0, 0]), .invalidPNG("palette image without a PLTE chunk"))
        var palette: [UInt8] = []
        PNG.appendChunk("PLTE", [1, 2, 3], to: &palette)
        assertThrows(makePNG(width: 1, height: 1, depth: 8, colourType: 3, raw: [0, 5], extra: palette),
                     .invalidPNG("palette index 5 but the palette has 1 entries"))
        assertThrows(makePNG(width: 0, height: 1, depth: 8, colourType: 0, raw: [0]), .invalidPNG("image size 0×1"))
        var huge = makePNG(width: 100_000, height: 100_000, depth: 8, colourType: 0, raw: [0])
        huge[29...32] = [0, 0, 0, 0]  // CRC no longer matters: recompute
        var header = Array(huge[12..<29])
        let crc = PNG.crc(header)
        header = []
        PNG.appendBigEndian(crc, to: &header)
        huge[29...32] = header[0...3]
        assertThrows(huge, .unsupportedPNG("an image of 100000×100000 pixels (at most 67108864 pixels)"))
        var idat = PNG.signature
        var h: [UInt8] = []
        PNG.appendBigEndian(1, to: &h); PNG.appendBigEndian(1, to: &h); h += [8, 0, 0, 0, 0]
        PNG.appendChunk("IHDR", h, to: &idat)
        PNG.appendChunk("IDAT", [1, 2, 3, 4], to: &idat)
        PNG.appendChunk("IEND", [], to: &idat)
        XCTAssertThrowsError(try PNG.decode(idat)) { error in
            XCTAssertTrue("\(error)".hasPrefix("invalid PNG: bad compressed image data"), "\(error)")
        }
    }

    func testReadNamesTheFile() throws {
        let dir = NSTemporaryDirectory() + "fm-png-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try writeFileAtomically(Array("not a png".utf8), to: dir + "/x.png")
        XCTAssertThrowsError(try PNG.read(path: dir + "/x.png")) { error in
            XCTAssertEqual(error as? GraphicsError, .cannotRead(path: dir + "/x.png", reason: "not a PNG file (the signature is missing)"))
        }
        XCTAssertThrowsError(try PNG.read(path: dir + "/missing.png")) { error in
            XCTAssertEqual("\(error)", "cannot read \"\(dir)/missing.png\": No such file or directory")
        }
        try writeFileAtomically(PNGTests.opencvRGB, to: dir + "/ok.png")
        XCTAssertEqual(try PNG.read(path: dir + "/ok.png").width, 4)
    }

    func testGrayImageFromRaster() throws {
        let r = try PNG.decode(PNGTests.opencvRGB)
        let g = GrayImage(raster: r)
        XCTAssertEqual(g.pixels[0], 0.299, accuracy: 1e-6)       // pure red
        XCTAssertEqual(g.pixels[3], 1, accuracy: 1e-6)           // white
        let ga = GrayImage(raster: try PNG.decode(PNGTests.pythonGreyAlpha))
        XCTAssertEqual(ga.pixels[2], 1, accuracy: 1e-6)          // fully transparent → white
        XCTAssertEqual(ga.pixels[1], Float(100) / 255 * 50 / 255 + (1 - Float(50) / 255), accuracy: 1e-6)
    }
}
