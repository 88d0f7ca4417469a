import XCTest
@testable import FMTensor

final class KernelTests: XCTestCase {
    func testKerasSamePaddingGeometry() {
        // 28, k3, s1: out 28, pad 1 each side.
        var g = WindowGeometry(height: 28, width: 28, channels: 1, kernel: (3, 3), strides: (1, 1), same: true)
        XCTAssertEqual([g.outH, g.outW, g.padTop, g.padLeft], [28, 28, 1, 1])
        // Even kernel: 5, k4, s1 → total 3, 1 before, 2 after (TensorFlow pads more at the end).
        g = WindowGeometry(height: 5, width: 5, channels: 1, kernel: (4, 4), strides: (1, 1), same: true)
        XCTAssertEqual([g.outH, g.padTop], [5, 1])
        // Stride 2 on an even side: 28, k3, s2 → out 14, total max(13·2+3−28, 0)=1 → 0 before.
        g = WindowGeometry(height: 28, width: 28, channels: 1, kernel: (3, 3), strides: (2, 2), same: true)
        XCTAssertEqual([g.outH, g.padTop], [14, 0])
        // Stride 2 on an odd side: 7, k3, s2 → out 4, total 2 → 1 before.
        g = WindowGeometry(height: 7, width: 7, channels: 1, kernel: (3, 3), strides: (2, 2), same: true)
        XCTAssertEqual([g.outH, g.padTop], [4, 1])
        // Valid: ⌊(28 − 3)/2⌋ + 1 = 13.
        g = WindowGeometry(height: 28, width: 28, channels: 1, kernel: (3, 3), strides: (2, 2), same: false)
        XCTAssertEqual([g.outH, g.padTop], [13, 0])
    }

    func testIm2colLayoutAndCol2imIsItsAdjoint() {
        let g = WindowGeometry(height: 5, width: 4, channels: 2, kernel: (3, 2), strides: (2, 1), same: true)
        let images = 2
        var rng = SeededRandom(seed: 3)
        let x = (0..<(images * g.imageSize)).map { _ in rng.nextUnitFloat() - 0.5 }
        let rows = images * g.positions
        var col = [Float](repeating: .nan, count: rows * g.patchSize)
        x.withUnsafeBufferPointer { xp in col.withUnsafeMutableBufferPointer { Kernels.im2col(xp.baseAddress!, images: images, g, into: $0.baseAddress!) } }
        // Direct definition, entry by entry.
        for n in 0..<images { for oy in 0..<g.outH { for ox in 0..<g.outW { for ky in 0..<3 { for kx in 0..<2 { for c in 0..<2 {
            let iy = oy * 2 - g.padTop + ky, ix = ox - g.padLeft + kx
            let expected: Float = (iy >= 0 && iy < 5 && ix >= 0 && ix < 4) ? x[((n * 5 + iy) * 4 + ix) * 2 + c] : 0
            let row = (n * g.outH + oy) * g.outW + ox
            XCTAssertEqual(col[row * g.patchSize + (ky * 2 + kx) * 2 + c], expected)
        } } } } } }
        // ⟨im2col(x), r⟩ = ⟨x, col2im(r)⟩.
        let r = (0..<col.count).map { _ in rng.nextUnitFloat() - 0.5 }
        var back = [Float](repeating: .nan, count: x.count)
        r.withUnsafeBufferPointer { rp in back.withUnsafeMutableBufferPointer { Kernels.col2im(rp.baseAddress!, images: images, g, into: $0.baseAddress!) } }
        let lhs = zip(col, r).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let rhs = zip(x, back).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        XCTAssertEqual(lhs, rhs, accuracy: 1e-5)
    }

    func testPoolingKnownValues() {
        // One 4x4x1 image, 2x2 windows.
        let x: [Float] = [1, 2, 3, 4,  5, 6, 7, 8,  9, 10, 11, 12,  13, 14, 16, 15]
        let g = WindowGeometry(height: 4, width: 4, channels: 1, kernel: (2, 2), strides: (2, 2), same: false)
        var y = [Float](repeating: 0, count: 4), idx = [Int32](repeating: 0, count: 4), avg = y
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in idx.withUnsafeMutableBufferPointer { ip in
                Kernels.maxPool(xp.baseAddress!, images: 1, g, into: yp.baseAddress!, argmax: ip.baseAddress!) } }
            avg.withUnsafeMutableBufferPointer { Kernels.avgPool(xp.baseAddress!, images: 1, g, into: $0.baseAddress!) }
        }
        XCTAssertEqual(y, [6, 8, 14, 16])
        XCTAssertEqual(idx, [5, 7, 13, 14])
        XCTAssertEqual(avg, [3.5, 5.5, 11.5, 13.5])
        var dx = [Float](repeating: .nan, count: 16)
        let dy: [Float] = [1, 2, 3, 4]
        dy.withUnsafeBufferPointer { d in idx.withUnsafeBufferPointer { i in dx.withUnsafeMutableBufferPointer {
            Kernels.maxPoolBackward(d.baseAddress!, argmax: i.baseAddress!, images: 1, g, into: $0.baseAddress!) } } }
        XCTAssertEqual(dx, [0, 0, 0, 0,  0, 1, 0, 2,  0, 0, 0, 0,  0, 3, 4, 0])
    }

    func testSoftmaxCrossEntropyIsStableAndCorrect() {
        // Huge logits must not overflow: log-sum-exp shifts by the row maximum.
        let z: [Float] = [1000, 1001, 1002,  0, 0, 0]
        let labels: [Int32] = [2, 1]
        var dz = [Float](repeating: 0, count: 6)
        let r = z.withUnsafeBufferPointer { zp in labels.withUnsafeBufferPointer { lp in dz.withUnsafeMutableBufferPointer {
            Kernels.softmaxCrossEntropy(logits: zp.baseAddress!, labels: lp.baseAddress!, rows: 2, cols: 3, gradient: $0.baseAddress!) } } }
        let lse = log(exp(-2.0) + exp(-1.0) + 1)
        XCTAssertEqual(r.lossSum, lse + log(3.0), accuracy: 1e-5)
        XCTAssertEqual(r.correct, 1)   // row 0 predicts 2 (right), row 1 ties → index 0 (wrong)
        let p0 = [exp(-2.0), exp(-1.0), 1].map { $0 / (exp(-2.0) + exp(-1.0) + 1) }
        XCTAssertEqual(Double(dz[0]), p0[0] / 2, accuracy: 1e-6)
        XCTAssertEqual(Double(dz[2]), (p0[2] - 1) / 2, accuracy: 1e-6)
        XCTAssertEqual(Double(dz[4]), (1.0 / 3 - 1) / 2, accuracy: 1e-6)
    }

    func testActivationsForward() {
        let x: [Float] = [-2, -0.5, 0, 0.5, 2]
        var y = [Float](repeating: 0, count: 5)
        x.withUnsafeBufferPointer { xp in y.withUnsafeMutableBufferPointer { Kernels.relu(xp.baseAddress!, $0.baseAddress!, count: 5) } }
        XCTAssertEqual(y, [0, 0, 0, 0.5, 2])
        x.withUnsafeBufferPointer { xp in y.withUnsafeMutableBufferPointer { Kernels.leakyRelu(xp.baseAddress!, $0.baseAddress!, count: 5, slope: 0.3) } }
        XCTAssertEqual(y[0], -0.6, accuracy: 1e-7)
        x.withUnsafeBufferPointer { xp in y.withUnsafeMutableBufferPointer { Kernels.sigmoid(xp.baseAddress!, $0.baseAddress!, count: 5) } }
        XCTAssertEqual(Double(y[4]), 1 / (1 + exp(-2.0)), accuracy: 1e-7)
        XCTAssertEqual(Double(y[0]), 1 / (1 + exp(2.0)), accuracy: 1e-7)
        x.withUnsafeBufferPointer { xp in y.withUnsafeMutableBufferPointer { Kernels.softmaxRows(xp.baseAddress!, $0.baseAddress!, rows: 1, cols: 5) } }
        XCTAssertEqual(y.reduce(0, +), 1, accuracy: 1e-6)
    }
}
