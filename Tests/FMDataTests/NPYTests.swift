import FMTensor
import XCTest
@testable import FMData

final class NPYTests: DataTestCase {
    func testRoundTripImagesAndLabels() throws {
        let values = (0..<(3 * 4 * 5)).map { Float($0) * 0.37 - 5 }
        let images = try Tensor(shape: [3, 4, 5], scalars: values)
        try NPY.writeImages(.floats(images), to: path("x.npy"))
        try NPY.writeLabels([9, 0, 255], to: path("y.npy"))
        let back = try NPY.readImages(path("x.npy"))
        XCTAssertEqual(back.shape, [3, 4, 5])
        XCTAssertEqual(back.scalars, values)
        XCTAssertEqual(try NPY.readLabels(path("y.npy")), [9, 0, 255])
        // The header is NumPy's v1 layout, data 64-byte aligned, and no temporary file is left.
        let bytes = try FileBytes.readRaw(path("x.npy"))
        XCTAssertEqual(bytes.count, 128 + 60 * 4)
        let header = String(decoding: bytes[10..<128], as: UTF8.self)
        XCTAssertTrue(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4, 5), }"), header)
        XCTAssertTrue(header.hasSuffix(" \n"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["x.npy", "y.npy"])
        let labelHeader = String(decoding: try FileBytes.readRaw(path("y.npy"))[10..<128], as: UTF8.self)
        XCTAssertTrue(labelHeader.hasPrefix("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }"))
    }

    func testLabelsPath() {
        XCTAssertEqual(NPY.labelsPath(for: "out/test_tl.npy"), "out/test_tl-labels.npy")
        XCTAssertEqual(NPY.labelsPath(for: "x"), "x-labels.npy")
    }

    func testReadsWhatNumPyWrote() throws {
        let patterns = try fixture("patterns")
        XCTAssertEqual(patterns.shape.dropFirst(), [28, 28])
        XCTAssertEqual(try fixture("images-v2").scalars, Array(patterns.scalars[0..<(2 * 784)]))
        // uint8 images are the patterns rounded to bytes, read back as b/255 exactly.
        let bytes = try fixture("images-u1").scalars
        assertClose(bytes, Array(patterns.scalars[0..<(2 * 784)]), tolerance: 0.5 / 255 + 1e-6, "uint8 images")
        XCTAssertTrue(bytes.allSatisfy { ByteTensor.values.contains($0) })
        for name in ["labels-u1", "labels-i4", "labels-i8"] {
            XCTAssertEqual(try NPY.readLabels(try fixturePath(name)), [9, 0, 3, 1, 7, 2], name)
        }
        let images = try fixturePath("images-v2"), labels = try fixturePath("labels-u1")
        assertThrows(.countMismatch(images: images, imageCount: 2, labels: labels, labelCount: 6)) {
            try NPY.loadPair(images: images, labels: labels)
        }
        let pair = try NPY.loadPair(images: try fixturePath("patterns"), labels: labels)
        XCTAssertEqual(pair.labels, [9, 0, 3, 1, 7, 2])
        XCTAssertEqual(pair.images.shape, [6, 28, 28])
    }

    func testUnsupportedFilesAreNamed() throws {
        let f8 = try fixturePath("images-f8")
        assertThrows(.unsupportedElementType(path: f8, type: "'<f8'", supported: "float32 or uint8 images")) {
            try NPY.readImages(f8)
        }
        let big = try fixturePath("images-big-endian")
        assertThrows(.npyUnsupported(path: big, reason: "big-endian dtype '>f4'")) { try NPY.readImages(big) }
        let fortran = try fixturePath("images-fortran")
        assertThrows(.npyUnsupported(path: fortran, reason: "Fortran (column-major) order; save with np.ascontiguousarray")) {
            try NPY.readImages(fortran)
        }
        let labels = try fixturePath("labels-u1")
        assertThrows(.wrongDimensions(path: labels, expected: "3 dimensions (images N×H×W)", found: [6])) {
            try NPY.readImages(labels)
        }
        let images = try fixturePath("images-v2")
        assertThrows(.unsupportedElementType(path: images, type: "'<f4'", supported: "uint8, int32, int64 labels")) {
            try NPY.readLabels(images)
        }
        let text = try write(Array("hello, world".utf8), "text.npy")
        assertThrows(.npyUnsupported(path: text, reason: "not a .npy file (no \\x93NUMPY magic)")) { try NPY.readImages(text) }
        XCTAssertEqual(DataError.npyUnsupported(path: "a.npy", reason: "big-endian dtype '>f4'").description,
                       "a.npy: unsupported .npy file: big-endian dtype '>f4'")
    }

    func testNoImagesOfAnImpossibleSizeAreRefused() throws {
        // A version 1.0 header for 0 images of 2⁴⁰ × 2⁴⁰ bytes, padded to 64 bytes.
        var header = "{'descr': '|u1', 'fortran_order': False, 'shape': (0, 1099511627776, 1099511627776), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        let bytes = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count % 256), UInt8(header.utf8.count / 256)] + Array(header.utf8)
        let f = try write(bytes, "huge.npy")
        XCTAssertThrowsError(try NPY.readImages(f)) { error in
            guard case .npyUnsupported = error as? DataError else { return XCTFail("\(error)") }
        }
    }

    func testTruncatedNpyAndBadWrites() throws {
        let whole = try FileBytes.readRaw(try fixturePath("images-v2"))
        let cut = try write(Array(whole[0..<(whole.count - 10)]), "cut.npy")
        assertThrows(.truncatedData(path: cut, expectedBytes: whole.count, actualBytes: whole.count - 10)) {
            try NPY.readImages(cut)
        }
        // A header that promises a billion images in a small file is refused before allocating.
        var lying = NPY.header(descr: "<f4", shape: [1_000_000_000, 28, 28])
        lying += [UInt8](repeating: 0, count: 64)
        let liar = try write(lying, "liar.npy")
        assertThrows(.truncatedData(path: liar, expectedBytes: 128 + 3_136_000_000_000, actualBytes: 192)) {
            try NPY.readImages(liar)
        }
        let flat = try Tensor(shape: [4], scalars: [1, 2, 3, 4])
        assertThrows(.cannotWrite(path: path("f.npy"), reason: "images must be N×H×W, not 4")) {
            try NPY.writeImages(.floats(flat), to: path("f.npy"))
        }
        assertThrows(.cannotWrite(path: path("l.npy"), reason: "label 300 at index 1 does not fit in uint8")) {
            try NPY.writeLabels([1, 300], to: path("l.npy"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("l.npy")))
        assertThrows(.isDirectory(path: folder)) { try NPY.writeLabels([1], to: folder) }
        let nowhere = folder + "/no/such/dir/x.npy"
        assertThrows(.ioFailed(path: nowhere, reason: "No such file or directory")) { try NPY.writeLabels([1], to: nowhere) }
    }
}
