import FMTensor

/// dropout (inverted), any shape: in training `y = x · m` with `m = 1/(1 − rate)` kept with
/// probability `1 − rate`, else 0, drawn from the pass's `SeededRandom`; `dx = dy · m`.
/// At inference `y = x`.
final class DropoutLayer: Layer {
    let inputShape: [Int], outputShape: [Int]
    let rate: Float
    private let mask = FloatBuffer()
    private var maskActive = false

    init(shape: [Int], rate: Float) {
        inputShape = shape; outputShape = shape
        self.rate = rate
    }

    func forward(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, batch: Int, context: inout PassContext) {
        let n = batch * outputSize
        maskActive = context.training && rate > 0
        guard maskActive else { Kernels.copy(x, into: y, count: n); return }
        mask.reserve(n)
        let m = mask.pointer, keep = 1 - rate, scale = 1 / keep
        for i in 0..<n { m[i] = context.rng.nextUnitFloat() < keep ? scale : 0 }
        Kernels.multiply(x, m, into: y, count: n)
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, batch: Int, context: PassContext) {
        guard let dx else { return }
        let n = batch * outputSize
        if maskActive { Kernels.multiply(dy, mask.pointer, into: dx, count: n) } else { Kernels.copy(dy, into: dx, count: n) }
    }
}
