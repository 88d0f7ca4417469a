import XCTest
import FMTensor
@testable import FMNet

/// Finite-difference gradient checks for single layers.
///
/// The scalar probed is `L = Σ y ⊙ r` for a fixed random `r`, so `∂L/∂y = r`. The analytic
/// `∂L/∂x` and parameter gradients come from one `backward` with `dy = r`; the numerical ones
/// are central differences `(L(θ+h) − L(θ−h)) / 2h` with `h = 1e-2`, L accumulated in Double.
/// The engine is float32, so the tolerance is `|num − ana| ≤ 2e-3 · max(1, max|ana|)` per entry
/// (float32 rounding of y over 2h ≈ 1e-5 relative, plus O(h²) curvature).
struct GradientChecker {
    var h: Float = 1e-2
    var tolerance: Float = 2e-3
    var samples = 30

    func check(_ layer: Layer, batch: Int, input: [Float], training: Bool = true,
               file: StaticString = #filePath, line: UInt = #line) {
        let inCount = batch * layer.inputSize, outCount = batch * layer.outputSize
        XCTAssertEqual(input.count, inCount, file: file, line: line)
        var rng = SeededRandom(seed: 99)
        let r = (0..<outCount).map { _ in rng.nextUnitFloat() * 2 - 1 }
        let x = FloatBuffer(capacity: inCount), y = FloatBuffer(capacity: outCount)
        let dy = FloatBuffer(capacity: outCount), dx = FloatBuffer(capacity: inCount)
        input.withUnsafeBufferPointer { x.pointer.update(from: $0.baseAddress!, count: inCount) }

        func loss() -> Double {
            var context = PassContext(training: training, rng: SeededRandom(seed: 5))   // same dropout mask every time
            layer.forward(x.pointer, into: y.pointer, batch: batch, context: &context)
            var s = 0.0
            for i in 0..<outCount { s += Double(y.pointer[i]) * Double(r[i]) }
            return s
        }
        _ = loss()
        r.withUnsafeBufferPointer { dy.pointer.update(from: $0.baseAddress!, count: outCount) }
        layer.backward(x: x.pointer, y: y.pointer, dy: dy.pointer, dx: dx.pointer, batch: batch,
                       context: PassContext(training: training, rng: SeededRandom(seed: 5)))
        let analyticInput = Array(UnsafeBufferPointer(start: dx.pointer, count: inCount))
        let trainable = layer.parameters.filter(\.trainable)
        let analyticParams = trainable.map { Array(UnsafeBufferPointer(start: $0.gradient.pointer, count: $0.count)) }

        func probe(_ p: UnsafeMutablePointer<Float>, count: Int, analytic: [Float], what: String) {
            let scale = max(1, analytic.map(abs).max() ?? 0)
            var pick = SeededRandom(seed: UInt64(count))
            for s in 0..<min(samples, count) {
                let i = count <= samples ? s : Int(pick.next() % UInt64(count))
                let old = p[i]
                p[i] = old + h; let plus = loss()
                p[i] = old - h; let minus = loss()
                p[i] = old
                let numeric = Float((plus - minus) / (2 * Double(h)))
                XCTAssertEqual(numeric, analytic[i], accuracy: tolerance * scale, "\(what)[\(i)]", file: file, line: line)
            }
        }
        probe(x.pointer, count: inCount, analytic: analyticInput, what: "dx")
        for (param, analytic) in zip(trainable, analyticParams) {
            probe(param.value.pointer, count: param.count, analytic: analytic, what: param.name)
        }
    }
}

/// Values in ±1 kept at least `margin` away from 0 (relu kinks) and distinct (max-pool ties).
func smoothInput(_ n: Int, seed: UInt64, margin: Float = 0.05) -> [Float] {
    var rng = SeededRandom(seed: seed)
    return (0..<n).map { i in
        let u = rng.nextUnitFloat() * 2 - 1
        let v = u >= 0 ? max(u, margin) : min(u, -margin)
        return v + Float(i) * 1e-4
    }
}
