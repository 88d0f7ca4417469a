import FMTensor
import XCTest
@testable import FMData

final class IDXTests: DataTestCase {
    func testRawByteImagesAreScaledAndLabelsRead() throws {
        let images = try write(byteImages(3, 4, 5), "img")
        let labels = try write(byteLabels([9, 0, 4]), "lab")
        let data = try IDX.loadPair(images: images, labels: labels)
        XCTAssertEqual(data.images.shape, [3, 4, 5])
        XCTAssertEqual([data.count, data.height, data.width], [3, 4, 5])
        XCTAssertEqual(data.labels, [9, 0, 4])
        let expected = (0..<60).map { Float(($0 * 7 + 3) % 256) / 255 }
        XCTAssertEqual(data.images.scalars, expected)
        XCTAssertEqual(data.classNames, FashionMNIST.classNames)
        XCTAssertEqual(data.source, "\(images), \(labels)")
        // The pixels stay bytes, and so do slices of them; a translation is float32.
        guard case let .bytes(kept) = data.images else { return XCTFail("byte images should stay bytes") }
        XCTAssertEqual(kept.bytes, (0..<60).map { UInt8(($0 * 7 + 3) % 256) })
        guard case .bytes = try data.subset(1...2).images, case .bytes = data.prefix(1).images else {
            return XCTFail("slices of bytes should stay bytes")
        }
        XCTAssertEqual(try data.subset(1...2).images.scalars, Array(expected[20...]))
        XCTAssertEqual(data.image(at: 2), Array(expected[40...]))
        guard case .floats = data.translated(.shift(dx: 1, dy: 0), seed: 0).images else { return XCTFail("translations are floats") }
    }

    func testByteDatasetsTranslateAndExportAsTheirFloats() throws {
        // 2,100 images: enough for the two-core path and several blocks of byte conversion.
        let n = 2100
        let bytes = try ByteTensor(shape: [n, 5, 4], bytes: (0..<(n * 20)).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        let labels = [Int32](repeating: 0, count: n)
        let asBytes = Dataset(images: .bytes(bytes), labels: labels, source: "b")
        let asFloats = Dataset(images: .floats(bytes.floats), labels: labels, source: "f")
        for t in [Translation.rotate(degrees: 20), .corner(.random, canvas: 38), .randomShift(2)] {
            XCTAssertEqual(asBytes.translated(t, seed: 4).images.scalars, asFloats.translated(t, seed: 4).images.scalars, "\(t)")
        }
        try NPY.writeImages(asBytes.images, to: path("b.npy"))
        try NPY.writeImages(asFloats.images, to: path("f.npy"))
        XCTAssertEqual(try FileBytes.readRaw(path("b.npy")), try FileBytes.readRaw(path("f.npy")))
    }

    func testGzipIsDetectedByContentNotName() throws {
        // Gzip without .gz, and raw with .gz: both read the same.
        let images = try writeGzip(byteImages(2, 3, 3), "images.raw")
        let labels = try write(byteLabels([1, 2]), "labels.gz")
        let data = try IDX.loadPair(images: images, labels: labels)
        XCTAssertEqual(data.images.scalars, (0..<18).map { Float(($0 * 7 + 2) % 256) / 255 })
        XCTAssertEqual(data.labels, [1, 2])
    }

    func testFloat32ImagesAreKeptAsIs() throws {
        let values: [Float] = [0, 0.5, -1.25, 3, 1e-3, 0.75]
        let payload = values.flatMap { v -> [UInt8] in
            let b = v.bitPattern
            return [UInt8(b >> 24), UInt8(b >> 16 & 0xFF), UInt8(b >> 8 & 0xFF), UInt8(b & 0xFF)]
        }
        let images = try writeGzip(idx(type: 0x0D, sizes: [1, 2, 3], payload: payload), "f.gz")
        let tensor = try IDX.readImages(images)
        XCTAssertEqual(tensor.shape, [1, 2, 3])
        XCTAssertEqual(tensor.scalars, values)
    }

    func testConcatenatedGzipMembersAreAllRead() throws {
        let whole = byteImages(2, 2, 2)
        let first = try writeGzip(Array(whole[0..<13]), "a.gz")
        let second = try writeGzip(Array(whole[13...]), "b.gz")
        let joined = try FileBytes.readRaw(first) + FileBytes.readRaw(second)
        let images = try write(joined, "joined.gz")
        XCTAssertEqual(try ByteStream(path: images).read(Int.max), whole)
    }

    // MARK: every error, with its exact message

    func testNoImagesOfAnImpossibleSizeAreRefused() throws {
        // 0 images of (2³² − 1)² pixels: the pixels per image overflow, so the file must not load.
        let f = try write(idx(type: 0x08, sizes: [0, 0xFFFF_FFFF, 0xFFFF_FFFF], payload: []), "huge")
        XCTAssertThrowsError(try IDX.readImages(f)) { error in
            guard case .truncatedData = error as? DataError else { return XCTFail("\(error)") }
        }
    }

    func testMissingFile() {
        let p = path("nothing.gz")
        assertThrows(.fileNotFound(path: p)) { try IDX.readImages(p) }
        XCTAssertEqual(DataError.fileNotFound(path: p).description, "\(p): no such file")
    }

    func testFolderInsteadOfFile() throws {
        assertThrows(.isDirectory(path: folder)) { try IDX.readLabels(folder) }
        XCTAssertEqual(DataError.isDirectory(path: "/tmp").description, "/tmp: is a folder, not a file")
    }

    func testCorruptGzip() throws {
        let good = try writeGzip(byteImages(20, 8, 8), "good.gz")
        var bytes = try FileBytes.readRaw(good)
        // Overwrite the deflate data after the 10-byte header: invalid block type or codes.
        for i in 10..<min(bytes.count - 8, 40) { bytes[i] = 0xFF }
        let bad = try write(bytes, "bad.gz")
        XCTAssertThrowsError(try IDX.readImages(bad)) { error in
            guard case let .corruptGzip(path, detail)? = error as? DataError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, bad)
            XCTAssertFalse(detail.isEmpty)
            XCTAssertTrue("\(error)".hasPrefix("\(bad): corrupt gzip data ("), "\(error)")
        }
    }

    func testGarbageAfterAGzipHeaderIsCorruptWhateverTheTrailerClaims() throws {
        // A gzip header, junk, and a trailer announcing 4 GiB: refused without allocating it.
        let header: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        let junk = try write(header + [UInt8](repeating: 0xFF, count: 20) + [0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF], "junk.gz")
        XCTAssertThrowsError(try IDX.readImages(junk)) {
            guard case .corruptGzip(junk, _)? = $0 as? DataError else { return XCTFail("\($0)") }
        }
        // An empty gzip stream is valid gzip holding no IDX header.
        let empty = try writeGzip([], "empty.gz")
        assertThrows(.truncatedData(path: empty, expectedBytes: 4, actualBytes: 0)) { try IDX.readImages(empty) }
    }

    func testWrongChecksumIsCorrupt() throws {
        let good = try writeGzip(byteImages(2, 4, 4), "good.gz")
        var bytes = try FileBytes.readRaw(good)
        bytes[bytes.count - 6] ^= 0x55    // inside the CRC32 of the trailer
        let bad = try write(bytes, "crc.gz")
        assertThrows(.corruptGzip(path: bad, detail: "incorrect data check")) { try IDX.readImages(bad) }
    }

    func testTruncatedGzip() throws {
        let good = try writeGzip(byteImages(50, 10, 10), "good.gz")
        let bytes = try FileBytes.readRaw(good)
        let cut = try write(Array(bytes[0..<(bytes.count / 2)]), "cut.gz")
        assertThrows(.truncatedGzip(path: cut)) { try IDX.readImages(cut) }
        XCTAssertEqual(DataError.truncatedGzip(path: "x.gz").description,
                       "x.gz: truncated gzip data (the stream ends before its end marker)")
    }

    func testWrongMagicNumber() throws {
        let png = try write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "picture.png")
        let expected = "0x00000803 for an IDX file with 3 dimensions (images N×H×W)"
        assertThrows(.badMagic(path: png, found: 0x8950_4E47, expected: expected)) { try IDX.readImages(png) }
        XCTAssertEqual(DataError.badMagic(path: "p", found: 0x8950_4E47, expected: expected).description,
                       "p: wrong magic number 0x89504e47, expected \(expected)")
    }

    func testLabelsFileGivenAsImagesNamesTheDimensions() throws {
        let labels = try writeGzip(byteLabels([1, 2, 3]), "labels.gz")
        assertThrows(.wrongDimensions(path: labels, expected: "3 dimensions (images N×H×W)", found: [3])) {
            try IDX.readImages(labels)
        }
        XCTAssertEqual(DataError.wrongDimensions(path: "l", expected: "3 dimensions (images N×H×W)", found: [3]).description,
                       "l: expected 3 dimensions (images N×H×W), found 1 dimension (3)")
    }

    func testUnsupportedElementType() throws {
        let ints = try write(idx(type: 0x0C, sizes: [1, 1, 1], payload: [0, 0, 0, 1]), "ints")
        let supported = "unsigned byte (0x08), float32 (0x0D)"
        assertThrows(.unsupportedElementType(path: ints, type: "int32 (0xC)", supported: supported)) {
            try IDX.readImages(ints)
        }
        let floatLabels = try write(idx(type: 0x0D, sizes: [1], payload: [0, 0, 0, 0]), "fl")
        assertThrows(.unsupportedElementType(path: floatLabels, type: "float32 (0x0D)",
                                             supported: "unsigned byte (0x08) for labels")) {
            try IDX.readLabels(floatLabels)
        }
    }

    func testTruncatedData() throws {
        let full = byteImages(4, 5, 5)   // 16 header bytes + 100 pixels
        let short = try writeGzip(Array(full[0..<90]), "short.gz")
        assertThrows(.truncatedData(path: short, expectedBytes: 116, actualBytes: 90)) { try IDX.readImages(short) }
        let headerOnly = try write(Array(full[0..<9]), "header")
        assertThrows(.truncatedData(path: headerOnly, expectedBytes: 16, actualBytes: 9)) { try IDX.readImages(headerOnly) }
        let empty = try write([], "empty")
        assertThrows(.truncatedData(path: empty, expectedBytes: 4, actualBytes: 0)) { try IDX.readLabels(empty) }
        // Sizes whose product overflows are reported as truncated, not trapped on.
        let huge = try write(idx(type: 0x08, sizes: [0x7FFF_FFFF, 0x7FFF_FFFF, 0x7FFF_FFFF], payload: [1]), "huge")
        assertThrows(.truncatedData(path: huge, expectedBytes: Int.max, actualBytes: 17)) { try IDX.readImages(huge) }
        // A gzip whose header promises a terabyte is refused without allocating it.
        let liar = try writeGzip(idx(type: 0x08, sizes: [1_000_000, 1000, 1000], payload: [1, 2, 3]), "liar.gz")
        assertThrows(.truncatedData(path: liar, expectedBytes: 1_000_000_000_016, actualBytes: 19)) { try IDX.readImages(liar) }
        XCTAssertEqual(DataError.truncatedData(path: "s", expectedBytes: 116, actualBytes: 90).description,
                       "s: truncated data: the header promises 116 bytes, the file holds 90")
    }

    func testCountsThatDisagreeNameBothFiles() throws {
        let images = try write(byteImages(3, 2, 2), "img")
        let labels = try write(byteLabels([1, 2]), "lab")
        let expected = DataError.countMismatch(images: images, imageCount: 3, labels: labels, labelCount: 2)
        assertThrows(expected) { try IDX.loadPair(images: images, labels: labels) }
        XCTAssertEqual(expected.description,
                       "image and label counts disagree: \(images) has 3 images, \(labels) has 2 labels")
    }

    func testLabelOutOfRange() throws {
        let images = try write(byteImages(3, 2, 2), "img")
        let labels = try write(byteLabels([1, 10, 2]), "lab")
        let expected = DataError.labelOutOfRange(path: labels, index: 1, label: 10, classCount: 10)
        assertThrows(expected) { try IDX.loadPair(images: images, labels: labels) }
        XCTAssertEqual(expected.description, "\(labels): label 10 at index 1 is outside 0...9 (10 classes)")
        // With more class names, 10 is fine.
        let names = (0..<11).map { "c\($0)" }
        XCTAssertEqual(try IDX.loadPair(images: images, labels: labels, classNames: names).labels, [1, 10, 2])
    }
}
