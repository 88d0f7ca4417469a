import FMTensor

/// maxpool, NHWC, `valid` windows (Keras's default): `y[b, oy, ox, c] = max_{ky,kx} x[b, oy·sh + ky, ox·sw + kx, c]`.
/// Backward routes each `dy` to the input that won its window (the first maximum in scan order),
/// remembered in forward as an arg-max index per output.
final class MaxPoolLayer: Layer {
    let inputShape: [Int], outputShape: [Int]
    let geometry: WindowGeometry
    private let argmax = IndexBuffer()

    init(geometry g: WindowGeometry) {
        geometry = g
        inputShape = [g.height, g.width, g.channels]
        outputShape = [g.outH, g.outW, g.channels]
    }

    func forward(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, batch: Int, context: inout PassContext) {
        if context.keepsForBackward {
            argmax.reserve(batch * outputSize)
            Kernels.maxPool(x, images: batch, geometry, into: y, argmax: argmax.pointer)
        } else {
            Kernels.maxPool(x, images: batch, geometry, into: y, argmax: nil)
        }
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, batch: Int, context: PassContext) {
        guard let dx else { return }
        Kernels.maxPoolBackward(dy, argmax: argmax.pointer, images: batch, geometry, into: dx)
    }
}

/// avgpool, NHWC, `valid` windows: `y[b, oy, ox, c] = mean_{ky,kx} x[b, oy·sh + ky, ox·sw + kx, c]`;
/// backward spreads `dy / (kh·kw)` over each window.
final class AvgPoolLayer: Layer {
    let inputShape: [Int], outputShape: [Int]
    let geometry: WindowGeometry

    init(geometry g: WindowGeometry) {
        geometry = g
        inputShape = [g.height, g.width, g.channels]
        outputShape = [g.outH, g.outW, g.channels]
    }

    func forward(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, batch: Int, context: inout PassContext) {
        Kernels.avgPool(x, images: batch, geometry, into: y)
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, batch: Int, context: PassContext) {
        guard let dx else { return }
        Kernels.avgPoolBackward(dy, images: batch, geometry, into: dx)
    }
}

/// globalavgpool: `[B, H, W, C] → [B, C]`, `y[b, c] = mean_{h,w} x[b, h, w, c]`;
/// `dx[b, h, w, c] = dy[b, c] / (H·W)`.
final class GlobalAvgPoolLayer: Layer {
    let inputShape: [Int], outputShape: [Int]

    init(input: [Int]) {
        inputShape = input
        outputShape = [input[2]]
    }

    func forward(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, batch: Int, context: inout PassContext) {
        Kernels.globalAvgPool(x, images: batch, positions: inputShape[0] * inputShape[1], channels: inputShape[2], into: y)
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, batch: Int, context: PassContext) {
        guard let dx else { return }
        Kernels.globalAvgPoolBackward(dy, images: batch, positions: inputShape[0] * inputShape[1], channels: inputShape[2], into: dx)
    }
}
