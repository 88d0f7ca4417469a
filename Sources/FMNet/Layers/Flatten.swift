import FMTensor

/// flatten: `[B, H, W, C] → [B, H·W·C]`. NHWC rows are already contiguous, so forward and
/// backward are copies (`y = x`, `dx = dy`), and nothing at all where the network gives the
/// output the input's own buffer (it does).
final class FlattenLayer: Layer {
    let inputShape: [Int], outputShape: [Int]

    init(input: [Int], output: [Int]) { inputShape = input; outputShape = output }

    func forward(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, batch: Int, context: inout PassContext) {
        if x != UnsafePointer(y) { Kernels.copy(x, into: y, count: batch * outputSize) }
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, batch: Int, context: PassContext) {
        if let dx, dx != dy { Kernels.copy(dy, into: dx, count: batch * outputSize) }
    }
}
