import XCTest
@testable import FMTensor

/// `BLAS.sgemm` against the plain reference matmul, every transpose combination, with alpha/beta.
final class BLASTests: XCTestCase {
    func randomArray(_ n: Int, _ rng: inout SeededRandom) -> [Float] {
        (0..<n).map { _ in rng.nextUnitFloat() * 2 - 1 }
    }

    func testSgemmMatchesReferenceForAllTransposes() {
        var rng = SeededRandom(seed: 7)
        let (m, n, k) = (37, 23, 51)
        for transA in [false, true] {
            for transB in [false, true] {
                let a = randomArray(m * k, &rng), b = randomArray(k * n, &rng), c0 = randomArray(m * n, &rng)
                var fast = c0, slow = c0
                a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in
                    fast.withUnsafeMutableBufferPointer { cp in
                        BLAS.sgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 0.5, a: ap.baseAddress!, b: bp.baseAddress!, beta: 2, c: cp.baseAddress!)
                    }
                    slow.withUnsafeMutableBufferPointer { cp in
                        referenceMatmul(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 0.5, a: ap.baseAddress!, b: bp.baseAddress!, beta: 2, c: cp.baseAddress!)
                    }
                } }
                // float32 sums of 51 products of magnitude ≤ 1: error well below 1e-4.
                for i in 0..<(m * n) {
                    XCTAssertEqual(fast[i], slow[i], accuracy: 1e-4, "transA \(transA) transB \(transB) at \(i)")
                }
            }
        }
    }

    func testSmallKnownProduct() {
        let a: [Float] = [1, 2, 3, 4, 5, 6]          // [2, 3]
        let b: [Float] = [7, 8, 9, 10, 11, 12]       // [3, 2]
        var c = [Float](repeating: 0, count: 4)
        a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in c.withUnsafeMutableBufferPointer { cp in
            BLAS.sgemm(m: 2, n: 2, k: 3, a: ap.baseAddress!, b: bp.baseAddress!, c: cp.baseAddress!)
        } } }
        XCTAssertEqual(c, [58, 64, 139, 154])
    }

    func testThreadsCanBeSet() {
        let before = BLAS.threads
        BLAS.threads = 1
        XCTAssertEqual(BLAS.threads, 1)
        BLAS.threads = before
    }
}
