import XCTest
@testable import FMTensor

final class TensorTests: XCTestCase {
    func testCopyOnWriteAndShapeErrors() throws {
        let a = try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        var b = a
        b.withUnsafeMutableBufferPointer { $0[0] = 9 }
        XCTAssertEqual(a.scalars, [1, 2, 3, 4])
        XCTAssertEqual(b.scalars, [9, 2, 3, 4])
        XCTAssertThrowsError(try a.reshaped([3])) { e in
            XCTAssertEqual("\(e)", "[reshape] shape 3 does not fit 2x2")
        }
        XCTAssertThrowsError(try Tensor(shape: [3], scalars: [1]))
    }

    func testCopyingInitAndFloatBuffer() {
        let buffer = FloatBuffer(capacity: 3)
        buffer.fill(2, count: 3)
        XCTAssertEqual(Int(bitPattern: buffer.pointer) % 64, 0)
        let t = Tensor(shape: [3], copying: buffer.pointer)
        XCTAssertEqual(t.scalars, [2, 2, 2])
        buffer.reserve(2)                       // no growth: same storage
        XCTAssertEqual(buffer.capacity, 3)
        buffer.reserve(10)
        XCTAssertEqual(buffer.capacity, 10)
    }

    func testSeededRandomRepeats() {
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42), c = SeededRandom(seed: 43)
        let xa = (0..<5).map { _ in a.next() }, xb = (0..<5).map { _ in b.next() }, xc = (0..<5).map { _ in c.next() }
        XCTAssertEqual(xa, xb)
        XCTAssertNotEqual(xa, xc)
        for _ in 0..<1000 { let u = a.nextUnitFloat(); XCTAssert(u >= 0 && u < 1) }
    }

    func testParallelCoversEveryIndexOnce() {
        var hits = [Int](repeating: 0, count: 100_000)
        hits.withUnsafeMutableBufferPointer { h in
            let p = h.baseAddress!
            Parallel.forEach(100_000, costPerItem: 4) { r in for i in r { p[i] += 1 } }
        }
        XCTAssertTrue(hits.allSatisfy { $0 == 1 })
    }
}
