import XCTest
import FMTensor
import FMWideKernels

/// The AVX2 kernels give exactly the baseline kernels' values (the same operations in wider
/// registers), and the leftover elements after the last full vector are updated too.
final class WideKernelTests: XCTestCase {
    private func inputs(_ n: Int) -> (p: [Float], g: [Float], m: [Float], v: [Float]) {
        var rng = SeededRandom(seed: 7)
        func r(_ scale: Float) -> [Float] { (0..<n).map { _ in (rng.nextUnitFloat() * 2 - 1) * scale } }
        return (r(1), r(0.1), r(0.01), r(0.001).map { $0 * $0 })
    }

    func testAdamMatchesTheBaselineBitForBit() throws {
        try XCTSkipUnless(Processor.hasAVX2, "no AVX2 on this processor")
        let n = 16 * 37 + 5
        var (p1, g, m1, v1) = inputs(n)
        var p2 = p1, m2 = m1, v2 = v1
        for step in 0..<3 {
            let alpha = Float(0.001) * Float(step + 1)
            Kernels.adamUpdate(SIMD16<Float>.self, parameter: &p1, gradient: g, m: &m1, v: &v1, range: 0..<n,
                               alpha: alpha, beta1: 0.9, beta2: 0.999, epsilon: 1e-7)
            WideKernels.adamUpdate(parameter: &p2, gradient: g, m: &m2, v: &v2, range: 0..<n,
                                   alpha: alpha, beta1: 0.9, beta2: 0.999, epsilon: 1e-7)
        }
        XCTAssertEqual(p1.map(\.bitPattern), p2.map(\.bitPattern))
        XCTAssertEqual(m1.map(\.bitPattern), m2.map(\.bitPattern))
        XCTAssertEqual(v1.map(\.bitPattern), v2.map(\.bitPattern))
        XCTAssertNotEqual(p1, inputs(n).p, "the update changed nothing")
    }

    func testRMSpropMatchesTheBaselineBitForBit() throws {
        try XCTSkipUnless(Processor.hasAVX2, "no AVX2 on this processor")
        let n = 16 * 11 + 9
        var (p1, g, s1, _) = inputs(n)
        s1 = s1.map { $0 * $0 }
        var p2 = p1, s2 = s1
        Kernels.rmspropUpdate(SIMD16<Float>.self, parameter: &p1, gradient: g, s: &s1, range: 3..<n,
                              learningRate: 0.001, rho: 0.9, epsilon: 1e-7)
        WideKernels.rmspropUpdate(parameter: &p2, gradient: g, s: &s2, range: 3..<n, learningRate: 0.001, rho: 0.9, epsilon: 1e-7)
        XCTAssertEqual(p1.map(\.bitPattern), p2.map(\.bitPattern))
        XCTAssertEqual(s1.map(\.bitPattern), s2.map(\.bitPattern))
    }
}
