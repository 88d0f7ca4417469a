import FMTensor

/// conv2d, NHWC: `y[b, oy, ox, f] = act(Σ_{ky,kx,c} x[b, oy·sh − pt + ky, ox·sw − pl + kx, c] · K[ky, kx, c, f] + bias[f])`
/// with input `[B, H, W, cin]`, kernel `[kh, kw, cin, cout]` (Keras layout), bias `[cout]`,
/// output `[B, outH, outW, cout]`; padding and output sizes as Keras (`WindowGeometry`).
///
/// Backward: `dz = dy · act'` (from saved `y`), `dbias = Σ_{b,oy,ox} dz`, and the kernel and input
/// gradients from the convolution algorithm (im2col + sgemm by default).
final class Conv2DLayer: Layer {
    let inputShape: [Int], outputShape: [Int]
    let kernel: Parameter, bias: Parameter
    let activation: Activation
    let geometry: WindowGeometry
    var algorithm: ConvolutionAlgorithm
    var parameters: [Parameter] { [kernel, bias] }

    init(index: Int, geometry g: WindowGeometry, filters: Int, activation: Activation, rng: inout SeededRandom) {
        geometry = g
        inputShape = [g.height, g.width, g.channels]
        outputShape = [g.outH, g.outW, filters]
        self.activation = activation
        kernel = Parameter(name: "\(index).conv2d.kernel", shape: [g.kernelH, g.kernelW, g.channels, filters])
        bias = Parameter(name: "\(index).conv2d.bias", shape: [filters])
        // Keras: fan_in = kh·kw·cin, fan_out = kh·kw·cout.
        let area = g.kernelH * g.kernelW
        kernel.glorotUniform(fanIn: area * g.channels, fanOut: area * filters, rng: &rng)
        algorithm = ConvolutionPolicy.algorithm(for: g, filters: filters)
    }

    /// Forward is im2col with the fused small-patch epilogue (relu or linear, `kh·kw·cin ≤ 32`).
    var fusesSmallPatch: Bool {
        (activation == .relu || activation == .linear) && algorithm is Im2colConvolution && geometry.patchSize <= 32
    }

    func forward(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, batch: Int, context: inout PassContext) {
        let rows = batch * geometry.positions, f = outputShape[2]
        if activation == .relu || activation == .linear,
           algorithm.forward(x, images: batch, kernel: kernel.value.pointer, bias: bias.value.pointer,
                             relu: activation == .relu, into: y) {
            return
        }
        algorithm.forward(x, images: batch, kernel: kernel.value.pointer, into: y)
        activation.applyWithBias(y, bias: bias.value.pointer, rows: rows, cols: f)
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, batch: Int, context: PassContext) {
        let rows = batch * geometry.positions, f = outputShape[2]
        activation.backward(y, dy, rows: rows, cols: f)
        Kernels.sumRows(dy, rows: rows, cols: f, into: bias.gradient.pointer)
        algorithm.backward(x: x, images: batch, kernel: kernel.value.pointer, dy: dy, dx: dx, dKernel: kernel.gradient.pointer)
    }
}

/// Which convolution algorithm new conv2d layers get. Winograd for stride-1 3x3 windows with
/// at least `winogradMinChannels` input channels (with fewer, its transforms cost more than the
/// multiplications they save), in the variant with fewer multiplications for the layer's size
/// (`WinogradTiling.cheapest`: F(4x4,3x3) for the blog CNN's 14x14 and 7x7 layers); im2col +
/// sgemm otherwise. `EngineSettings.convolution` `.im2col` turns Winograd off, `.winogradF2x2`
/// keeps Winograd to F(2x2,3x3) (to compare); tests set the two switches directly.
public enum ConvolutionPolicy {
    nonisolated(unsafe) public static var winograd: Bool = Engine.settings.convolution != .im2col
    /// A variant every Winograd layer uses, or nil to choose per layer.
    nonisolated(unsafe) public static var winogradVariant: WinogradVariant? = Engine.settings.convolution == .winogradF2x2 ? .f2x2 : nil
    nonisolated(unsafe) public static var winogradMinChannels = 16

    static func algorithm(for g: WindowGeometry, filters: Int) -> ConvolutionAlgorithm {
        if winograd, g.channels >= winogradMinChannels,
           let tiling = winogradVariant.map({ WinogradTiling(g, variant: $0) }) ?? WinogradTiling.cheapest(g) {
            return WinogradConvolution(tiling: tiling, filters: filters)
        }
        return Im2colConvolution(geometry: g, filters: filters)
    }
}

#if canImport(Glibc)
import Glibc
#endif
