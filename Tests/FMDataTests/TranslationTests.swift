import FMTensor
import XCTest
@testable import FMData

/// Translations against values computed by scripts/make-translation-fixtures.py with cv2 and numpy.
final class TranslationTests: DataTestCase {
    func patterns() throws -> Dataset {
        let images = try fixture("patterns")
        XCTAssertGreaterThanOrEqual(images.shape[0], 3)
        return Dataset(images: .floats(images), labels: [Int32](repeating: 1, count: images.shape[0]), source: "patterns")
    }

    func testCornersMatchTheSeedsCv2Resize() throws {
        let data = try patterns()
        let topLeft = data.translated(.corner(.topLeft, canvas: 38), seed: 0)
        assertClose(topLeft.images.scalars, try fixture("corner-top-left").scalars, tolerance: 1e-5, "top-left")
        let bottomRight = data.translated(.corner(.bottomRight, canvas: 38), seed: 0)
        assertClose(bottomRight.images.scalars, try fixture("corner-bottom-right").scalars, tolerance: 1e-5, "bottom-right")
        XCTAssertEqual(topLeft.labels, data.labels)
        XCTAssertEqual(topLeft.source, "patterns, translated corner=top-left")
        XCTAssertEqual(topLeft.images.shape, data.images.shape)
    }

    func testRandomCornerPicksOneOfTheTwoPerImageRepeatably() throws {
        let data = try patterns()
        let tl = try fixture("corner-top-left").scalars, br = try fixture("corner-bottom-right").scalars
        let a = data.translated(.corner(.random, canvas: 38), seed: 42)
        XCTAssertEqual(a.images.scalars, data.translated(.corner(.random, canvas: 38), seed: 42).images.scalars)
        XCTAssertEqual(a.source, "patterns, translated corner=random seed=42")
        // Replay the coin: top bit of next().
        var rng = SeededRandom(seed: 42)
        let p = 28 * 28
        for i in 0..<data.count {
            let expected = rng.next() >> 63 == 1 ? br : tl
            assertClose(a.image(at: i), Array(expected[(i * p)..<((i + 1) * p)]), tolerance: 1e-5, "image \(i)")
        }
        // Over many images both corners occur.
        var coins = SeededRandom(seed: 42)
        let heads = (0..<1000).filter { _ in coins.next() >> 63 == 1 }.count
        XCTAssertTrue((400...600).contains(heads), "\(heads)")
    }

    func testLargeDatasetsSplitAcrossCoresGiveTheSameImages() throws {
        // 2,502 images (the split threshold is 2,048): the patterns repeated.
        let base = try patterns()
        let k = base.count, p = 28 * 28, n = 2502
        let pixels = base.images.scalars
        var tiled = [Float](repeating: 0, count: n * p)
        for i in 0..<n { tiled.replaceSubrange((i * p)..<((i + 1) * p), with: pixels[((i % k) * p)..<((i % k + 1) * p)]) }
        let data = Dataset(images: .floats(try Tensor(shape: [n, 28, 28], scalars: tiled)),
                           labels: [Int32](repeating: 0, count: n), source: "tiled")
        let tl = try fixture("corner-top-left").scalars, br = try fixture("corner-bottom-right").scalars
        let mixed = data.translated(.corner(.random, canvas: 38), seed: 11).images.scalars
        var rng = SeededRandom(seed: 11)
        for i in 0..<n {
            let expected = rng.next() >> 63 == 1 ? br : tl
            let j = i % k
            assertClose(Array(mixed[(i * p)..<((i + 1) * p)]), Array(expected[(j * p)..<((j + 1) * p)]),
                        tolerance: 1e-5, "image \(i)")
        }
        let rotated = data.translated(.rotate(degrees: 15), seed: 0).images.scalars
        let reference = try fixture("rotate-15").scalars
        for i in [0, 1, 2047, 2048, 2501] {
            let j = i % k
            assertClose(Array(rotated[(i * p)..<((i + 1) * p)]), Array(reference[(j * p)..<((j + 1) * p)]),
                        tolerance: 1e-5, "rotated image \(i)")
        }
    }

    func testShiftMatchesFixtureAndDirection() throws {
        let data = try patterns()
        let shifted = data.translated(.shift(dx: 3, dy: -2), seed: 0)
        XCTAssertEqual(shifted.images.scalars, try fixture("shift-3-m2").scalars)
        XCTAssertEqual(shifted.source, "patterns, translated dx=3 dy=-2")

        // One bright pixel at (x 5, y 7) moves to (x 8, y 5): dx>0 right, dy<0 up; the rest is 0.
        var pixels = [Float](repeating: 0, count: 100)
        pixels[7 * 10 + 5] = 1
        let one = Dataset(images: .floats(try Tensor(shape: [1, 10, 10], scalars: pixels)), labels: [0], source: "dot")
        let moved = one.translated(.shift(dx: 3, dy: -2), seed: 0).image(at: 0)
        XCTAssertEqual(moved.firstIndex(of: 1), 5 * 10 + 8)
        XCTAssertEqual(moved.reduce(0, +), 1)
        // Zero fill: shifting right by 2 empties the two left columns, and the content moves along.
        let ramp = Dataset(images: .floats(try Tensor(shape: [1, 2, 4], scalars: [1, 2, 3, 4, 5, 6, 7, 8])), labels: [0], source: "r")
        XCTAssertEqual(ramp.translated(.shift(dx: 2, dy: 0), seed: 0).image(at: 0), [0, 0, 1, 2, 0, 0, 5, 6])
        XCTAssertEqual(ramp.translated(.shift(dx: -1, dy: 1), seed: 0).image(at: 0), [0, 0, 0, 0, 2, 3, 4, 0])
        XCTAssertEqual(ramp.translated(.shift(dx: 4, dy: 0), seed: 0).image(at: 0), [Float](repeating: 0, count: 8))
        XCTAssertEqual(ramp.translated(.shift(dx: 0, dy: -2), seed: 0).image(at: 0), [Float](repeating: 0, count: 8))
    }

    func testRotationAndScaleMatchBilinearReferences() throws {
        let data = try patterns()
        let rotated = data.translated(.rotate(degrees: 15), seed: 0).images.scalars
        assertClose(rotated, try fixture("rotate-15").scalars, tolerance: 1e-5, "rotate 15 (numpy)")
        assertClose(rotated, try fixture("rotate-15-cv2").scalars, tolerance: 1e-5, "rotate 15 (cv2.warpAffine)")
        let scaled = data.translated(.scale(0.8), seed: 0).images.scalars
        assertClose(scaled, try fixture("scale-0.8").scalars, tolerance: 1e-5, "scale 0.8")
        // Identity cases are exact.
        XCTAssertEqual(data.translated(.rotate(degrees: 0), seed: 0).images.scalars, data.images.scalars)
        XCTAssertEqual(data.translated(.scale(1), seed: 0).images.scalars, data.images.scalars)
    }

    func testRandomShiftIsSeededAndEachImageIsAWholeShift() throws {
        let data = try patterns()
        let a = data.translated(.randomShift(4), seed: 7)
        XCTAssertEqual(a.images.scalars, data.translated(.randomShift(4), seed: 7).images.scalars)
        XCTAssertNotEqual(a.images.scalars, data.translated(.randomShift(4), seed: 8).images.scalars)
        var rng = SeededRandom(seed: 7)
        for i in 0..<data.count {
            let dx = Int(rng.next() % 9) - 4, dy = Int(rng.next() % 9) - 4
            let one = try data.subset(i...i).translated(.shift(dx: dx, dy: dy), seed: 0)
            XCTAssertEqual(a.image(at: i), one.image(at: 0), "image \(i) shifted by (\(dx), \(dy))")
        }
    }

    func testResizeMatchesCv2UpAndDown() throws {
        let small = try fixture("resize-src-13x9").scalars
        let up = small.withUnsafeBufferPointer { ImageOps.resizeBilinear($0, width: 9, height: 13, toWidth: 21, toHeight: 30) }
        assertClose(up, try fixture("resize-13x9-to-30x21").scalars, tolerance: 1e-5, "13x9 → 30x21")
        let first = try patterns().image(at: 0)
        let wide = first.withUnsafeBufferPointer { ImageOps.resizeBilinear($0, width: 28, height: 28, toWidth: 40, toHeight: 17) }
        assertClose(wide, try fixture("resize-28x28-to-17x40").scalars, tolerance: 1e-5, "28x28 → 17x40")
        // Bad sizes give zeros, not a trap.
        XCTAssertEqual(small.withUnsafeBufferPointer { ImageOps.resizeBilinear($0, width: 50, height: 50, toWidth: 2, toHeight: 2) },
                       [0, 0, 0, 0])
    }

    func testDescriptionsCodableAndValidation() throws {
        let all: [Translation] = [.corner(.topLeft, canvas: 38), .corner(.random, canvas: 40), .shift(dx: 3, dy: -2),
                                  .randomShift(4), .rotate(degrees: 15), .scale(0.8)]
        XCTAssertEqual(all.map(\.description),
                       ["corner=top-left", "corner=random canvas=40", "dx=3 dy=-2", "random=4", "rotate=15", "scale=0.8"])
        let decoded = try JSONDecoder().decode([Translation].self, from: JSONEncoder().encode(all))
        XCTAssertEqual(decoded, all)
        XCTAssertEqual(Corner(rawValue: "bottom-right"), .bottomRight)
        for t in all { XCTAssertNoThrow(try t.validate()) }
        XCTAssertThrowsError(try Translation.scale(0).validate()) {
            XCTAssertEqual("\($0)", "invalid translation: scale=0.0: the factor must be greater than 0")
        }
        XCTAssertThrowsError(try Translation.randomShift(-1).validate())
        XCTAssertThrowsError(try Translation.corner(.topLeft, canvas: 0).validate())
        // Invalid parameters still make images (black), never a trap.
        let data = try patterns()
        XCTAssertEqual(data.translated(.scale(0), seed: 0).images.scalars.max(), 0)
        XCTAssertEqual(data.translated(.rotate(degrees: .nan), seed: 0).images.shape, data.images.shape)
        XCTAssertEqual(data.translated(.shift(dx: .min, dy: .max), seed: 0).images.scalars.max(), 0)
        XCTAssertEqual(data.translated(.randomShift(.min), seed: 0).images.shape, data.images.shape)
        XCTAssertEqual(data.translated(.corner(.topLeft, canvas: .max), seed: 0).images.shape, data.images.shape)
    }
}
