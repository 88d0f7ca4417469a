/// Geometry of a 2-D window sliding over an NHWC image: convolution and pooling share it.
///
/// Keras padding: `valid` gives `out = ⌊(in − k) / s⌋ + 1` and no padding; `same` gives
/// `out = ⌈in / s⌉` with `total = max((out − 1)·s + k − in, 0)` padding, `⌊total/2⌋` before and
/// the rest after (so an even kernel or stride pads more at the bottom/right, as TensorFlow does).
public struct WindowGeometry: Equatable, Sendable {
    public var height, width, channels: Int          // input, per image
    public var kernelH, kernelW, strideH, strideW: Int
    public var padTop, padLeft: Int
    public var outH, outW: Int

    public init(height: Int, width: Int, channels: Int, kernel: (Int, Int), strides: (Int, Int), same: Bool) {
        self.height = height; self.width = width; self.channels = channels
        kernelH = kernel.0; kernelW = kernel.1; strideH = strides.0; strideW = strides.1
        if same {
            outH = (height + strideH - 1) / strideH
            outW = (width + strideW - 1) / strideW
            padTop = max((outH - 1) * strideH + kernelH - height, 0) / 2
            padLeft = max((outW - 1) * strideW + kernelW - width, 0) / 2
        } else {
            outH = height >= kernelH ? (height - kernelH) / strideH + 1 : 0
            outW = width >= kernelW ? (width - kernelW) / strideW + 1 : 0
            padTop = 0; padLeft = 0
        }
    }

    /// Floats in one input image, one output position's patch, and positions per image.
    public var imageSize: Int { height * width * channels }
    public var patchSize: Int { kernelH * kernelW * channels }
    public var positions: Int { outH * outW }
}

extension Kernels {
    /// Unfolds `images` NHWC images into patch rows: `col[(n·outH + oy)·outW + ox, (ky·kw + kx)·C + c]`
    /// `= x[n, oy·sh − padTop + ky, ox·sw − padLeft + kx, c]`, zero outside the image. The column
    /// order matches a Keras kernel `[kh, kw, cin, cout]` read as a `[kh·kw·cin, cout]` matrix, so
    /// `col · kernel` is the NHWC convolution output.
    public static func im2col(_ x: UnsafePointer<Float>, images: Int, _ g: WindowGeometry, into col: UnsafeMutablePointer<Float>) {
        let C = g.channels, K = g.patchSize
        Parallel.forEach(images * g.outH, costPerItem: g.outW * K) { range in
            for row in range {
                let n = row / g.outH, oy = row % g.outH
                let image = x + n * g.imageSize
                var dst = col + row * g.outW * K
                for ox in 0..<g.outW {
                    for ky in 0..<g.kernelH {
                        let iy = oy * g.strideH - g.padTop + ky
                        let rowInside = iy >= 0 && iy < g.height
                        for kx in 0..<g.kernelW {
                            let ix = ox * g.strideW - g.padLeft + kx
                            if rowInside && ix >= 0 && ix < g.width {
                                let src = image + (iy * g.width + ix) * C
                                // A memmove call per pixel costs more than the copy when C is small.
                                if C < 16 { for c in 0..<C { dst[c] = src[c] } } else { dst.update(from: src, count: C) }
                            } else {
                                for c in 0..<C { dst[c] = 0 }
                            }
                            dst += C
                        }
                    }
                }
            }
        }
    }

    /// The adjoint of `im2col`: `dx` (overwritten) receives the sum of every patch entry that
    /// was copied from it. Parallel over images, whose regions of `dx` do not overlap.
    public static func col2im(_ col: UnsafePointer<Float>, images: Int, _ g: WindowGeometry, into dx: UnsafeMutablePointer<Float>) {
        let C = g.channels, K = g.patchSize
        Parallel.forEach(images, costPerItem: g.positions * K) { range in
            for n in range {
                let image = dx + n * g.imageSize
                image.update(repeating: 0, count: g.imageSize)
                var src = col + n * g.positions * K
                for oy in 0..<g.outH {
                    for ox in 0..<g.outW {
                        for ky in 0..<g.kernelH {
                            let iy = oy * g.strideH - g.padTop + ky
                            let rowInside = iy >= 0 && iy < g.height
                            for kx in 0..<g.kernelW {
                                let ix = ox * g.strideW - g.padLeft + kx
                                if rowInside && ix >= 0 && ix < g.width {
                                    let d = image + (iy * g.width + ix) * C
                                    for c in 0..<C { d[c] += src[c] }
                                }
                                src += C
                            }
                        }
                    }
                }
            }
        }
    }
}
