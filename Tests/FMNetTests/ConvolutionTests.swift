import XCTest
import FMTensor
@testable import FMNet

/// Winograd F(2x2,3x3) against im2col + sgemm: forward output, kernel and input gradients.
/// Both are float32 with different summation orders; tolerance |Δ| ≤ 1e-4 · max|reference| + 1e-5.
final class ConvolutionTests: XCTestCase {
    func random(_ n: Int, _ rng: inout SeededRandom) -> [Float] { (0..<n).map { _ in rng.nextUnitFloat() * 2 - 1 } }

    func compare(_ a: [Float], _ b: [Float], _ what: String) {
        let scale = b.map(abs).max() ?? 0
        var worst: Float = 0
        for i in 0..<b.count { worst = max(worst, abs(a[i] - b[i])) }
        XCTAssertLessThanOrEqual(worst, 1e-4 * scale + 1e-5, "\(what): worst |Δ| \(worst), scale \(scale)")
    }

    func testWinogradMatchesIm2col() throws {
        let cases: [(h: Int, w: Int, cin: Int, cout: Int, same: Bool, images: Int, budget: Int)] = [
            (6, 6, 3, 4, true, 2, 1 << 22),     // even sides
            (7, 5, 2, 3, true, 3, 1 << 22),     // odd sides: last tile row/column cropped
            (7, 8, 4, 2, false, 2, 1 << 22),    // valid
            (14, 14, 8, 16, true, 5, 2_000),    // several chunks
        ]
        for c in cases {
            var rng = SeededRandom(seed: UInt64(c.h * 100 + c.cin))
            let g = WindowGeometry(height: c.h, width: c.w, channels: c.cin, kernel: (3, 3), strides: (1, 1), same: c.same)
            let tiling = try XCTUnwrap(WinogradTiling(g))
            let direct = Im2colConvolution(geometry: g, filters: c.cout)
            let fast = WinogradConvolution(tiling: tiling, filters: c.cout, maxTransformFloats: c.budget)
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
            let a = run(fast), b = run(direct)
            compare(a.y, b.y, "forward \(c)")
            compare(a.dk, b.dk, "kernel gradient \(c)")
            compare(a.dx, b.dx, "input gradient \(c)")
        }
        XCTAssertNil(WinogradTiling(WindowGeometry(height: 8, width: 8, channels: 1, kernel: (3, 3), strides: (2, 2), same: true)))
    }

    func testWinogradLayerPassesGradientCheck() throws {
        let g = WindowGeometry(height: 5, width: 6, channels: 2, kernel: (3, 3), strides: (1, 1), same: true)
        var rng = SeededRandom(seed: 4)
        let layer = Conv2DLayer(index: 1, geometry: g, filters: 3, activation: .tanh, rng: &rng)
        layer.algorithm = WinogradConvolution(tiling: try XCTUnwrap(WinogradTiling(g)), filters: 3)
        GradientChecker().check(layer, batch: 2, input: smoothInput(2 * 60, seed: 8))
    }

    func testPolicyPicksWinogradForWide3x3StrideOneConvs() throws {
        var rng = SeededRandom(seed: 1)
        let net = try Network(spec: Blog.cnn, rng: &rng)
        let convs = net.layers.compactMap { $0 as? Conv2DLayer }
        XCTAssertEqual(convs.count, 3)
        XCTAssertTrue(convs[0].algorithm is Im2colConvolution, "one input channel: im2col")
        if ConvolutionPolicy.winograd {
            XCTAssertTrue(convs[1].algorithm is WinogradConvolution)
            XCTAssertTrue(convs[2].algorithm is WinogradConvolution)
        }
        let strided = try Network(spec: ModelSpec(inputShape: [8, 8, 16], layers: [
            .conv2d(filters: 4, kernel: [3, 3], strides: [2, 2], padding: .same, activation: .relu), .flatten,
            .dense(units: 2, activation: .softmax)]), rng: &rng)
        XCTAssertTrue((strided.layers[0] as? Conv2DLayer)?.algorithm is Im2colConvolution)
    }
}
