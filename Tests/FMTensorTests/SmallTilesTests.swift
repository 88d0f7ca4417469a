import XCTest
@testable import FMTensor

/// The tiles a dense layer's products are cut into, and the products computed through them.
final class SmallTilesTests: XCTestCase {
    /// The blog NN's products (batch 32) and a few awkward ones.
    let shapes: [(transA: Bool, transB: Bool, m: Int, n: Int, k: Int)] = [
        (false, false, 32, 256, 784), (false, false, 32, 256, 256), (true, false, 784, 256, 32),
        (true, false, 256, 256, 32), (false, true, 32, 256, 256), (false, true, 32, 784, 256),
        (false, false, 17, 301, 513), (true, false, 1000, 97, 33),
    ]

    func testTilesCoverTheProductOnceAndObeyTheSmallKernelRules() throws {
        try XCTSkipUnless(SmallTiles.libraryHasSmallKernels, "this OpenBLAS core has no small-matrix kernels")
        for s in shapes {
            for workers in [1, 2, 3] {
                guard let t = SmallTiles(transA: s.transA, transB: s.transB, m: s.m, n: s.n, k: s.k, workers: workers) else {
                    XCTFail("\(s) not cut"); continue
                }
                XCTAssertEqual(t.count % workers, 0, "\(s)")
                var covered = [Int](repeating: 0, count: s.m * s.n)
                for i in 0..<t.count {
                    let (rows, cols) = t.tile(i)
                    XCTAssertLessThanOrEqual(rows.count * cols.count * s.k, SmallTiles.maxWork, "\(s)")
                    if s.transB { XCTAssertLessThanOrEqual(rows.count * cols.count, SmallTiles.maxTileForTransposedB, "\(s)") }
                    for r in rows { for c in cols { covered[r * s.n + c] += 1 } }
                }
                XCTAssertEqual(Set(covered), [1], "\(s) workers \(workers)")
            }
        }
    }

    func testProductsTooSmallOrTooLargeOrBothTransposedAreNotCut() {
        XCTAssertNil(SmallTiles(transA: false, transB: false, m: 32, n: 10, k: 256, workers: 2))
        XCTAssertNil(SmallTiles(transA: false, transB: false, m: 25_088, n: 64, k: 9, workers: 2))
        XCTAssertNil(SmallTiles(transA: true, transB: true, m: 32, n: 256, k: 784, workers: 2))
        XCTAssertNil(SmallTiles(transA: false, transB: true, m: 32, n: 256, k: 16, workers: 2))
    }

    func testTiledProductsMatchTheReference() {
        var rng = SeededRandom(seed: 11)
        for s in shapes {
            let a = (0..<(s.m * s.k)).map { _ in rng.nextUnitFloat() * 2 - 1 }
            let b = (0..<(s.k * s.n)).map { _ in rng.nextUnitFloat() * 2 - 1 }
            let c0 = (0..<(s.m * s.n)).map { _ in rng.nextUnitFloat() * 2 - 1 }
            var fast = c0, slow = c0
            a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in
                fast.withUnsafeMutableBufferPointer { cp in
                    BLAS.sgemm(transA: s.transA, transB: s.transB, m: s.m, n: s.n, k: s.k, alpha: 0.5,
                               a: ap.baseAddress!, b: bp.baseAddress!, beta: 1, c: cp.baseAddress!)
                }
                slow.withUnsafeMutableBufferPointer { cp in
                    referenceMatmul(transA: s.transA, transB: s.transB, m: s.m, n: s.n, k: s.k, alpha: 0.5,
                                    a: ap.baseAddress!, b: bp.baseAddress!, beta: 1, c: cp.baseAddress!)
                }
            } }
            // float32 sums of up to 784 products of magnitude ≤ 1: error well below 1e-3.
            let worst = zip(fast, slow).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThan(worst, 1e-3, "\(s)")
        }
    }
}
