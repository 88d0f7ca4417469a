import Foundation
import XCTest
import FMTensor
@testable import FMNet

/// Winograd F(2x2,3x3) and F(4x4,3x3) against im2col + sgemm: forward output, kernel and input
/// gradients. All are float32 with different summation orders. Tolerance |Δ| ≤ tol · max|reference|:
/// 5e-6 for F(2x2) (constants 1 and ½; measured at most 1.4e-6 here) and 2e-5 for F(4x4), whose
/// transforms multiply by up to 8 and 5 before the GEMM and by 1/6 and 1/24 after, so each
/// output carries a few ulps of intermediates several times its size (measured at most 5.3e-6,
/// at 128 input channels; the error grows about as √cin).
final class ConvolutionTests: XCTestCase {
    func random(_ n: Int, _ rng: inout SeededRandom) -> [Float] { (0..<n).map { _ in rng.nextUnitFloat() * 2 - 1 } }

    func compare(_ a: [Float], _ b: [Float], tolerance: Float, _ what: String) {
        let scale = b.map(abs).max() ?? 0
        var worst: Float = 0
        for i in 0..<b.count { worst = max(worst, abs(a[i] - b[i])) }
        XCTAssertLessThanOrEqual(worst, tolerance * scale, "\(what): worst |Δ| \(worst), scale \(scale)")
        if ProcessInfo.processInfo.environment["FM_REPORT_ERRORS"] != nil { print("\(what): relative \(worst / scale)") }
    }

    func testWinogradMatchesIm2col() throws {
        let cases: [(h: Int, w: Int, cin: Int, cout: Int, same: Bool, images: Int, budget: Int)] = [
            (6, 6, 3, 4, true, 2, 1 << 22),     // even sides
            (7, 5, 2, 3, true, 3, 1 << 22),     // odd sides: last tile row/column cropped
            (7, 8, 4, 2, false, 2, 1 << 22),    // valid
            (14, 14, 8, 16, true, 5, 2_000),    // several chunks
            (9, 11, 6, 5, true, 2, 1 << 22),    // F(4x4): tiles cropped by 3 and by 1; channels not a multiple of 4
            (2, 3, 5, 3, true, 2, 1 << 22),     // smaller than one tile
            (14, 14, 64, 32, true, 3, 1 << 22), // the blog CNN's second layer, narrower (64 input channels)
            (7, 7, 128, 16, true, 2, 1 << 22),  // and its third (128 input channels)
        ]
        for c in cases {
            for variant in WinogradVariant.allCases {
                var rng = SeededRandom(seed: UInt64(c.h * 100 + c.cin))
                let g = WindowGeometry(height: c.h, width: c.w, channels: c.cin, kernel: (3, 3), strides: (1, 1), same: c.same)
                let tiling = try XCTUnwrap(WinogradTiling(g, variant: variant))
                let direct = Im2colConvolution(geometry: g, filters: c.cout)
                let fast = WinogradConvolution(tiling: tiling, filters: c.cout, maxTransformFloats: c.budget, blockFloats: min(c.budget, 1 << 17))
                let x = random(c.images * g.imageSize, &rng), k = random(9 * c.cin * c.cout, &rng)
                let outCount = c.images * g.positions * c.cout
                let dy = random(outCount, &rng)
                func run(_ algo: ConvolutionAlgorithm) -> (y: [Float], dk: [Float], dx: [Float]) {
                    var y = [Float](repeating: .nan, count: outCount)
                    var dk = [Float](repeating: .nan, count: k.count), dx = [Float](repeating: .nan, count: x.count)
                    x.withUnsafeBufferPointer { xp in k.withUnsafeBufferPointer { kp in dy.withUnsafeBufferPointer { dyp in
                        y.withUnsafeMutableBufferPointer { algo.forward(xp.baseAddress!, images: c.images, kernel: kp.baseAddress!, into: $0.baseAddress!) }
                        dk.withUnsafeMutableBufferPointer { dkp in dx.withUnsafeMutableBufferPointer { dxp in
                            algo.backward(x: xp.baseAddress!, images: c.images, kernel: kp.baseAddress!, dy: dyp.baseAddress!,
                                          dx: dxp.baseAddress!, dKernel: dkp.baseAddress!)
                        } }
                    } } }
                    return (y, dk, dx)
                }
                let a = run(fast), b = run(direct), tolerance: Float = variant == .f2x2 ? 5e-6 : 2e-5
                compare(a.y, b.y, tolerance: tolerance, "forward \(variant) \(c)")
                compare(a.dk, b.dk, tolerance: tolerance, "kernel gradient \(variant) \(c)")
                compare(a.dx, b.dx, tolerance: tolerance, "input gradient \(variant) \(c)")
            }
        }
        XCTAssertNil(WinogradTiling(WindowGeometry(height: 8, width: 8, channels: 1, kernel: (3, 3), strides: (2, 2), same: true)))
    }

    /// The per-layer choice counts GEMM multiplications with the padding waste of partial tiles.
    func testCheapestVariantCountsPaddedTiles() throws {
        func pick(_ side: Int) -> WinogradVariant? {
            WinogradTiling.cheapest(WindowGeometry(height: side, width: side, channels: 64, kernel: (3, 3), strides: (1, 1), same: true))?.variant
        }
        XCTAssertEqual(pick(28), .f4x4)   // 49 · 36 = 1764 < 196 · 16 = 3136
        XCTAssertEqual(pick(14), .f4x4)   // 16 · 36 = 576 < 49 · 16 = 784
        XCTAssertEqual(pick(7), .f4x4)    // 4 · 36 = 144 < 16 · 16 = 256
        XCTAssertEqual(pick(5), .f2x2)    // 4 · 36 = 144 = 9 · 16: a tie keeps the more exact F(2x2)
        XCTAssertEqual(pick(2), .f2x2)    // 36 > 16
    }

    func testWinogradLayerPassesGradientCheck() throws {
        let g = WindowGeometry(height: 5, width: 6, channels: 2, kernel: (3, 3), strides: (1, 1), same: true)
        var rng = SeededRandom(seed: 4)
        let layer = Conv2DLayer(index: 1, geometry: g, filters: 3, activation: .tanh, rng: &rng)
        for variant in WinogradVariant.allCases {
            layer.algorithm = WinogradConvolution(tiling: try XCTUnwrap(WinogradTiling(g, variant: variant)), filters: 3)
            GradientChecker().check(layer, batch: 2, input: smoothInput(2 * 60, seed: 8))
        }
    }

    func testPolicyPicksWinogradForWide3x3StrideOneConvs() throws {
        var rng = SeededRandom(seed: 1)
        let net = try Network(spec: Blog.cnn, rng: &rng)
        let convs = net.layers.compactMap { $0 as? Conv2DLayer }
        XCTAssertEqual(convs.count, 3)
        XCTAssertTrue(convs[0].algorithm is Im2colConvolution, "one input channel: im2col")
        if ConvolutionPolicy.winograd {
            for conv in convs[1...] {
                let winograd = try XCTUnwrap(conv.algorithm as? WinogradConvolution)
                XCTAssertEqual(winograd.tiling.variant, ConvolutionPolicy.winogradVariant ?? .f4x4, "14x14 and 7x7: F(4x4)")
            }
        }
        let strided = try Network(spec: ModelSpec(inputShape: [8, 8, 16], layers: [
            .conv2d(filters: 4, kernel: [3, 3], strides: [2, 2], padding: .same, activation: .relu), .flatten,
            .dense(units: 2, activation: .softmax)]), rng: &rng)
        XCTAssertTrue((strided.layers[0] as? Conv2DLayer)?.algorithm is Im2colConvolution)
    }
}
