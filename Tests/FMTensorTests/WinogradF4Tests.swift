import XCTest
@testable import FMTensor

/// The F(4x4,3x3) 1-D transforms against the matrices written out in `WinogradF4.swift`, and
/// `Aᵀ[(G g) ⊙ (Bᵀ d)]` against the 1-D correlation `y_k = Σ_i d_{k+i} g_i` it stands for.
final class WinogradF4Tests: XCTestCase {
    let bt: [[Float]] = [[4, 0, -5, 0, 1, 0], [0, -4, -4, 1, 1, 0], [0, 4, -4, -1, 1, 0],
                         [0, -2, -1, 2, 1, 0], [0, 2, -1, -2, 1, 0], [0, 4, 0, -5, 0, 1]]
    let g: [[Float]] = [[1.0 / 4, 0, 0], [-1.0 / 6, -1.0 / 6, -1.0 / 6], [-1.0 / 6, 1.0 / 6, -1.0 / 6],
                        [1.0 / 24, 1.0 / 12, 1.0 / 6], [1.0 / 24, -1.0 / 12, 1.0 / 6], [0, 0, 1]]
    let at: [[Float]] = [[1, 1, 1, 1, 1, 0], [0, 1, -1, 2, -2, 0], [0, 1, 1, 4, 4, 0], [0, 1, -1, 8, -8, 1]]

    func times(_ m: [[Float]], _ v: [Float]) -> [Float] { m.map { row in zip(row, v).map(*).reduce(0, +) } }
    func transposed(_ m: [[Float]]) -> [[Float]] { (0..<m[0].count).map { j in m.map { $0[j] } } }
    func assertClose(_ a: [Float], _ b: [Float], _ what: String) {
        XCTAssertEqual(a.count, b.count, what)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-5 * max(1, abs(y)), what) }
    }

    func testOneDimensionalTransformsMatchTheMatrices() {
        var rng = SeededRandom(seed: 3)
        for _ in 0..<20 {
            let d = (0..<6).map { _ in rng.nextUnitFloat() * 2 - 1 }, k = (0..<3).map { _ in rng.nextUnitFloat() * 2 - 1 }
            let y = (0..<4).map { _ in rng.nextUnitFloat() * 2 - 1 }
            let i = f4Input(d[0], d[1], d[2], d[3], d[4], d[5]), ia = f4InputAdjoint(d[0], d[1], d[2], d[3], d[4], d[5])
            let o = f4Output(d[0], d[1], d[2], d[3], d[4], d[5]), oa = f4OutputAdjoint(y[0], y[1], y[2], y[3])
            let u = f4Kernel(k[0], k[1], k[2]), ua = f4KernelAdjoint(d[0], d[1], d[2], d[3], d[4], d[5])
            assertClose([i.0, i.1, i.2, i.3, i.4, i.5], times(bt, d), "Bᵀ d")
            assertClose([ia.0, ia.1, ia.2, ia.3, ia.4, ia.5], times(transposed(bt), d), "B v")
            assertClose([o.0, o.1, o.2, o.3], times(at, d), "Aᵀ m")
            assertClose([oa.0, oa.1, oa.2, oa.3, oa.4, oa.5], times(transposed(at), y), "A y")
            assertClose([u.0, u.1, u.2, u.3, u.4, u.5], times(g, k), "G g")
            assertClose([ua.0, ua.1, ua.2], times(transposed(g), d), "Gᵀ u")
            // The algorithm itself: four outputs of a 3-tap correlation from six products.
            let products = zip([u.0, u.1, u.2, u.3, u.4, u.5], [i.0, i.1, i.2, i.3, i.4, i.5]).map(*)
            let correlation = (0..<4).map { j in (0..<3).map { d[j + $0] * k[$0] }.reduce(0, +) }
            assertClose(times(at, products), correlation, "F(4,3)")
        }
    }
}
