import FMTensor
import XCTest
@testable import FMData

final class AugmentTests: DataTestCase {
    func testParse() {
        XCTAssertEqual(Augment.parse("shift:2"), 2)
        XCTAssertEqual(Augment.parse("shift:0"), 0)
        for bad in ["shift", "shift:", "shift:-1", "rotate:2", "shift:2:3", "", "shift:x"] {
            XCTAssertNil(Augment.parse(bad), bad)
        }
    }

    func testShiftsAreFreshRepeatableAndWholePixel() throws {
        // 5000 images (enough to take the two-core path) of 6x5 with distinct pixel values.
        let n = 5000, h = 6, w = 5
        let values = (0..<(n * h * w)).map { Float($0 % 997) + 1 }
        let images = Examples.floats(try Tensor(shape: [n, h, w], scalars: values))
        var a = SeededRandom(seed: 3), b = SeededRandom(seed: 3)
        let first = Augment.randomShifts(images, maxShift: 2, rng: &a)
        XCTAssertEqual(first.shape, images.shape)
        XCTAssertEqual(first.scalars, Augment.randomShifts(images, maxShift: 2, rng: &b).scalars)
        // The generator moved on: the next epoch's shifts differ.
        XCTAssertNotEqual(Augment.randomShifts(images, maxShift: 2, rng: &a).scalars, first.scalars)

        // Every image is its original shifted by the offsets drawn in order, within −2…2.
        var replay = SeededRandom(seed: 3)
        let offsets = Augment.drawShifts(count: n, maxShift: 2, rng: &replay)
        XCTAssertEqual(Set(offsets), Set(-2...2))
        let data = Dataset(images: images, labels: [Int32](repeating: 0, count: n), source: "t")
        let shifted = Dataset(images: first, labels: data.labels, source: "t")
        for i in stride(from: 0, to: n, by: 499) {
            let one = try data.subset(i...i).translated(.shift(dx: offsets[2 * i], dy: offsets[2 * i + 1]), seed: 0)
            XCTAssertEqual(shifted.image(at: i), one.image(at: 0), "image \(i)")
        }
        // maxShift 0 is the identity.
        var c = SeededRandom(seed: 9)
        XCTAssertEqual(Augment.randomShifts(images, maxShift: 0, rng: &c).scalars, values)
    }

    func testByteImagesShiftAsBytesToTheSameValues() throws {
        let n = 4200, h = 7, w = 4
        let bytes = (0..<(n * h * w)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let asBytes = Examples.bytes(try ByteTensor(shape: [n, h, w], bytes: bytes))
        let asFloats = Examples.floats(asBytes.tensor)
        var a = SeededRandom(seed: 5), b = SeededRandom(seed: 5)
        let shiftedBytes = Augment.randomShifts(asBytes, maxShift: 3, rng: &a)
        guard case .bytes = shiftedBytes else { return XCTFail("bytes should stay bytes") }
        XCTAssertEqual(shiftedBytes.scalars, Augment.randomShifts(asFloats, maxShift: 3, rng: &b).scalars)
    }
}
