import XCTest
import FMTensor
@testable import FMNet

/// The fused conv epilogues (bias + relu inside Winograd's output transform, bias-initialised
/// blocked GEMM + relu for small-patch im2col) against the unfused path: conv, then
/// `Kernels.addRowVectorRelu` / `addRowVector`. Winograd's epilogue makes the same float additions,
/// so its values are the same exactly; im2col's starts OpenBLAS's product from the bias, and
/// whether a kernel adds C before or after its sum depends on the core OpenBLAS runs (Haswell's
/// and SkylakeX's differ), so those agree to float rounding.
/// Also the kernel-transform cache: a changed kernel must give a new U.
final class FusedEpilogueTests: XCTestCase {
    func random(_ n: Int, _ rng: inout SeededRandom) -> [Float] { (0..<n).map { _ in rng.nextUnitFloat() * 2 - 1 } }

    func check(_ algo: ConvolutionAlgorithm, _ g: WindowGeometry, filters: Int, images: Int, expectFused: Bool, seed: UInt64,
               exact: Bool = true) {
        var rng = SeededRandom(seed: seed)
        let x = random(images * g.imageSize, &rng), bias = random(filters, &rng)
        var k = random(g.patchSize * filters, &rng)
        let outCount = images * g.positions * filters
        for relu in [true, false] {
            for round in 0..<2 {
                if round == 1 { for i in k.indices { k[i] *= -0.5 } }   // a new kernel: the cached U must not be reused
                var fused = [Float](repeating: .nan, count: outCount), plain = fused
                var did = false
                x.withUnsafeBufferPointer { xp in k.withUnsafeBufferPointer { kp in bias.withUnsafeBufferPointer { bp in
                    fused.withUnsafeMutableBufferPointer {
                        did = algo.forward(xp.baseAddress!, images: images, kernel: kp.baseAddress!, bias: bp.baseAddress!,
                                           relu: relu, into: $0.baseAddress!)
                    }
                    plain.withUnsafeMutableBufferPointer {
                        algo.forward(xp.baseAddress!, images: images, kernel: kp.baseAddress!, into: $0.baseAddress!)
                        if relu { Kernels.addRowVectorRelu($0.baseAddress!, bp.baseAddress!, rows: images * g.positions, cols: filters) }
                        else { Kernels.addRowVector($0.baseAddress!, bp.baseAddress!, rows: images * g.positions, cols: filters) }
                    }
                } } }
                XCTAssertEqual(did, expectFused)
                guard did else { continue }
                if exact {
                    XCTAssertEqual(fused, plain, "relu \(relu), round \(round), \(g)")
                } else {
                    let worst = zip(fused, plain).map { abs($0 - $1) }.max() ?? .nan
                    XCTAssertLessThanOrEqual(worst, 1e-5, "relu \(relu), round \(round), \(g)")
                }
            }
        }
    }

    func testWinogradEpilogue() throws {
        for (h, cin, cout, images, budget) in [(6, 4, 8, 3, 1 << 22), (7, 3, 6, 2, 1 << 22), (9, 5, 7, 4, 900)] {
            for variant in WinogradVariant.allCases {
                let g = WindowGeometry(height: h, width: h, channels: cin, kernel: (3, 3), strides: (1, 1), same: true)
                let tiling = try XCTUnwrap(WinogradTiling(g, variant: variant))
                let algo = WinogradConvolution(tiling: tiling, filters: cout, maxTransformFloats: budget, blockFloats: min(budget, 1 << 17))
                check(algo, g, filters: cout, images: images, expectFused: true, seed: UInt64(h))
            }
        }
    }

    func testIm2colEpilogueForSmallPatches() {
        // 28x28x1 as the blog's first layer (more rows than one block), and an odd filter count.
        let g1 = WindowGeometry(height: 28, width: 28, channels: 1, kernel: (3, 3), strides: (1, 1), same: true)
        check(Im2colConvolution(geometry: g1, filters: 64), g1, filters: 64, images: 3, expectFused: true, seed: 1, exact: false)
        let g2 = WindowGeometry(height: 9, width: 7, channels: 2, kernel: (3, 3), strides: (2, 2), same: false)
        check(Im2colConvolution(geometry: g2, filters: 5, maxColumnFloats: 200), g2, filters: 5, images: 4, expectFused: true, seed: 2,
              exact: false)
        // A large patch keeps the unfused path.
        let g3 = WindowGeometry(height: 6, width: 6, channels: 8, kernel: (3, 3), strides: (1, 1), same: true)
        check(Im2colConvolution(geometry: g3, filters: 4), g3, filters: 4, images: 2, expectFused: false, seed: 3)
    }

    /// SIMD max pool (channels in fours plus a remainder) against a plain loop, values and arg-max.
    func testMaxPoolMatchesScalarReference() {
        var rng = SeededRandom(seed: 11)
        for (h, w, c, images) in [(6, 6, 4, 2), (7, 5, 6, 3), (4, 4, 3, 1)] {
            let g = WindowGeometry(height: h, width: w, channels: c, kernel: (2, 2), strides: (2, 2), same: false)
            var x = random(images * g.imageSize, &rng)
            x[1] = x[1 + c]   // a tie: the first maximum in scan order wins
            var y = [Float](repeating: .nan, count: images * g.positions * c), y2 = y
            var idx = [Int32](repeating: -1, count: y.count)
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in idx.withUnsafeMutableBufferPointer { ip in
                    Kernels.maxPool(xp.baseAddress!, images: images, g, into: yp.baseAddress!, argmax: ip.baseAddress!) } }
                y2.withUnsafeMutableBufferPointer { Kernels.maxPool(xp.baseAddress!, images: images, g, into: $0.baseAddress!, argmax: nil) }
            }
            XCTAssertEqual(y, y2)
            for n in 0..<images {
                for oy in 0..<g.outH {
                    for ox in 0..<g.outW {
                        for ch in 0..<c {
                            var best = -Float.infinity, at = -1
                            for ky in 0..<2 {
                                for kx in 0..<2 {
                                    let p = ((n * h + oy * 2 + ky) * w + ox * 2 + kx) * c + ch
                                    if x[p] > best { best = x[p]; at = p }
                                }
                            }
                            let o = ((n * g.outH + oy) * g.outW + ox) * c + ch
                            XCTAssertEqual(y[o], best)
                            XCTAssertEqual(Int(idx[o]), at)
                        }
                    }
                }
            }
        }
    }
}
