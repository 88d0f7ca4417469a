import FMTensor
import Foundation
import XCTest
@testable import FMData

final class DatasetTests: DataTestCase {
    func sample() throws -> Dataset {
        let images = try Tensor(shape: [4, 2, 3], scalars: (0..<24).map(Float.init))
        return Dataset(images: .floats(images), labels: [3, 1, 4, 1], source: "sample")
    }

    func testAccessorsSubsetAndPrefix() throws {
        let data = try sample()
        XCTAssertEqual([data.count, data.height, data.width], [4, 2, 3])
        XCTAssertEqual(data.image(at: 2), [12, 13, 14, 15, 16, 17])
        XCTAssertEqual(data.image(at: 4), [])
        XCTAssertEqual(data.image(at: -1), [])
        let middle = try data.subset(1...2)
        XCTAssertEqual(middle.images.shape, [2, 2, 3])
        XCTAssertEqual(middle.images.scalars, (6..<18).map(Float.init))
        XCTAssertEqual(middle.labels, [1, 4])
        XCTAssertEqual(middle.source, "sample [1..2]")
        XCTAssertEqual(try data.subset(3...3).labels, [1])
        assertThrows(.indexOutOfRange(lower: 2, upper: 4, count: 4)) { try data.subset(2...4) }
        assertThrows(.indexOutOfRange(lower: -1, upper: 0, count: 4)) { try data.subset(-1...0) }
        XCTAssertEqual(DataError.indexOutOfRange(lower: 2, upper: 4, count: 4).description,
                       "index range 2..4 is outside the dataset (valid: 0..3, 4 images)")
        XCTAssertEqual(data.prefix(2).labels, [3, 1])
        XCTAssertEqual(data.prefix(2).images.shape, [2, 2, 3])
        XCTAssertEqual(data.prefix(9).count, 4)
        XCTAssertEqual(data.prefix(-1).images.shape, [0, 2, 3])
    }

    func testDirectoryComesFromFMData() {
        XCTAssertEqual(FashionMNIST.directory(environment: [:]), "/usr/share/datasets/fashion-mnist")
        XCTAssertEqual(FashionMNIST.directory(environment: ["FM_DATA": ""]), FashionMNIST.defaultDirectory)
        XCTAssertEqual(FashionMNIST.directory(environment: ["FM_DATA": "/data/fm"]), "/data/fm")
        XCTAssertEqual(FashionMNIST.classNames.count, 10)
        XCTAssertEqual(FashionMNIST.classNames[9], "Ankle boot")
    }

    func testMissingFilesNameTheFolderAndTheFix() throws {
        try writeGzip(byteImages(2, 3, 3), "train-images-idx3-ubyte.gz")
        try write(byteLabels([1, 2]), "train-labels-idx1-ubyte")     // raw is accepted too
        let expected = DataError.datasetMissing(directory: folder,
                                                missing: ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"])
        assertThrows(expected) { try FashionMNIST.load(from: folder, verify: false) }
        XCTAssertEqual(expected.description,
                       "Fashion-MNIST not found in \(folder) (missing t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz); "
                       + "install it with `apt-get install dataset-fashion-mnist`, or set FM_DATA to the folder that holds it")
        // Completing the set loads both, from .gz or raw files.
        try write(byteImages(1, 3, 3), "t10k-images-idx3-ubyte")
        try writeGzip(byteLabels([7]), "t10k-labels-idx1-ubyte.gz")
        let (train, test) = try FashionMNIST.load(from: folder + "/", verify: false)
        XCTAssertEqual(train.labels, [1, 2])
        XCTAssertEqual(test.labels, [7])
        XCTAssertEqual(test.source, "\(folder)/t10k-images-idx3-ubyte, \(folder)/t10k-labels-idx1-ubyte.gz")
        // A bad file inside the set is reported with its own error.
        try write([1, 2, 3, 4, 5], "t10k-images-idx3-ubyte")
        XCTAssertThrowsError(try FashionMNIST.load(from: folder, verify: false)) {
            XCTAssertEqual($0 as? DataError, .badMagic(path: "\(folder)/t10k-images-idx3-ubyte", found: 0x0102_0304,
                                                       expected: "0x00000803 for an IDX file with 3 dimensions (images N×H×W)"))
        }
    }

    /// A set of files with the right names but other content (here tiny stand-ins) is named, file
    /// by file, with the checksums found and expected; gzip and raw alike.
    func testFilesThatAreNotFashionMNISTAreNamed() throws {
        let images = try writeGzip(byteImages(2, 3, 3), "train-images-idx3-ubyte.gz")
        try write(byteLabels([1, 2]), "train-labels-idx1-ubyte")
        try write(byteImages(1, 3, 3), "t10k-images-idx3-ubyte")
        try writeGzip(byteLabels([7]), "t10k-labels-idx1-ubyte.gz")
        XCTAssertThrowsError(try FashionMNIST.load(from: folder)) { error in
            guard case let .notFashionMNIST(path, expected, found)? = error as? DataError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, images)
            XCTAssertEqual(expected, ContentChecksum(size: 47_040_016, crc32: 0xb4f2_9f28))
            XCTAssertEqual(found.size, byteImages(2, 3, 3).count)
            XCTAssertEqual("\(error)", "\(images) is not the Fashion-MNIST file of that name: its content is \(found.size) bytes with "
                           + "CRC-32 \(hex(found.crc32)), expected 47040016 bytes with CRC-32 0xb4f29f28; reinstall it "
                           + "(`apt-get install --reinstall dataset-fashion-mnist`), or read other IDX files with `load idx`")
        }
        // A raw file is summed the same way: its CRC is zlib's of the bytes.
        let raw = try ContentChecksum.of(folder + "/train-labels-idx1-ubyte")
        XCTAssertEqual(raw.size, byteLabels([1, 2]).count)
        XCTAssertEqual(raw, try ContentChecksum.of(folder + "/train-labels-idx1-ubyte"))
        let gz = try ContentChecksum.of(images)
        XCTAssertEqual(gz.size, byteImages(2, 3, 3).count, "the gzip trailer holds the inflated size")
    }

    func testRealFashionMNISTWhenInstalled() throws {
        let dir = FashionMNIST.defaultDirectory
        guard FileManager.default.fileExists(atPath: dir + "/train-images-idx3-ubyte.gz") else {
            throw XCTSkip("\(dir) is missing (apt-get install dataset-fashion-mnist)")
        }
        let (train, test) = try FashionMNIST.load(from: dir)
        XCTAssertEqual(train.images.shape, [60000, 28, 28])
        XCTAssertEqual(test.images.shape, [10000, 28, 28])
        XCTAssertEqual(train.labels.count, 60000)
        XCTAssertEqual(test.labels.count, 10000)
        XCTAssertEqual(train.labels[0], 9)
        XCTAssertEqual(train.classNames[Int(train.labels[0])], "Ankle boot")
        XCTAssertEqual(test.labels[0], 9)
        XCTAssertEqual(Array(test.labels[0..<5]), [9, 2, 1, 1, 6])
        // Pixels in [0, 1]; each class has 6000 training images.
        let pixels = test.images.scalars
        XCTAssertEqual(pixels.min(), 0)
        XCTAssertEqual(pixels.max(), 1)
        var perClass = [Int](repeating: 0, count: 10)
        for label in train.labels { perClass[Int(label)] += 1 }
        XCTAssertEqual(perClass, [Int](repeating: 6000, count: 10))
    }

    /// `FM_BENCH=1 swift test --filter FMDataTests.DatasetTests/testBenchmark` prints timings of this
    /// build, and checks that the timed work was done (debug: load ≈ 0.6 s). Release numbers (docs/data.md) need an optimised build:
    /// add `-c release -Xswiftc -enable-testing`, or time `fm -c 'load fashion-mnist'`.
    func testBenchmark() throws {
        guard ProcessInfo.processInfo.environment["FM_BENCH"] == "1" else { throw XCTSkip("set FM_BENCH=1") }
        let dir = FashionMNIST.defaultDirectory
        guard FileManager.default.fileExists(atPath: dir) else { throw XCTSkip("\(dir) is missing") }
        func seconds(_ body: () throws -> Void) rethrows -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        var loaded: (train: Dataset, test: Dataset)?
        var best = Double.infinity
        for _ in 0..<3 { best = min(best, try seconds { loaded = try FashionMNIST.load(from: dir) }) }
        guard let (train, test) = loaded else { return }
        var rng = SeededRandom(seed: 1)
        var shifted: Examples?, cornered: Dataset?, rotated: Dataset?
        let augment = seconds { shifted = Augment.randomShifts(train.images, maxShift: 2, rng: &rng) }
        let corner = seconds { cornered = test.translated(.corner(.random, canvas: 38), seed: 1) }
        let rotate = seconds { rotated = test.translated(.rotate(degrees: 15), seed: 1) }
        // What was timed was the whole job: every image, at its size, and not left unchanged.
        XCTAssertEqual([train.count, test.count], [60_000, 10_000])
        XCTAssertEqual(shifted?.shape, [60_000, 28, 28])
        XCTAssertEqual(cornered?.images.shape, [10_000, 28, 28])
        XCTAssertEqual(rotated?.images.shape, [10_000, 28, 28])
        XCTAssertNotEqual(rotated?.images.scalars, test.images.scalars)
        print(String(format: "FM_BENCH load 70000 images: %.3f s; augment 60000: %.3f s; corner 10000: %.3f s; rotate 10000: %.3f s",
                     best, augment, corner, rotate))
    }
}
