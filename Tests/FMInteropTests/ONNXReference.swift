import Foundation

/// A naive test-side evaluator of decoded ONNX graphs, written from the ONNX operator
/// definitions (not from the exporter), for the ops fm exports. Slow and plain on purpose.
struct ONNXReference {
    struct NDArray: Equatable {
        var shape: [Int]
        var values: [Float]
        var count: Int { values.count }
        /// Row-major strides.
        var strides: [Int] {
            var s = [Int](repeating: 1, count: shape.count)
            for d in stride(from: shape.count - 2, through: 0, by: -1) { s[d] = s[d + 1] * shape[d + 1] }
            return s
        }
    }

    struct Unsupported: Error, CustomStringConvertible { let description: String }

    let model: ONNXModel

    /// Runs the graph on `input` and returns the graph output.
    func run(_ input: NDArray) throws -> NDArray {
        var env: [String: NDArray] = ["input": input]
        for (name, t) in model.initializers { env[name] = NDArray(shape: t.dims, values: t.values) }
        for n in model.nodes {
            let xs = try n.inputs.map { name -> NDArray in
                guard let a = env[name] else { throw Unsupported(description: "\(n.name) reads unknown \(name)") }
                return a
            }
            env[n.outputs[0]] = try apply(n, xs)
        }
        guard let out = model.outputs.first.flatMap({ env[$0.name] }) else { throw Unsupported(description: "no output") }
        return out
    }

    private func apply(_ n: ONNXModel.Node, _ xs: [NDArray]) throws -> NDArray {
        let x = xs[0]
        switch n.op {
        case "Relu": return map(x) { max($0, 0) }
        case "LeakyRelu": let a = n.floats["alpha"] ?? 0.01; return map(x) { $0 >= 0 ? $0 : a * $0 }
        case "Sigmoid": return map(x) { 1 / (1 + exp(-$0)) }
        case "Tanh": return map(x) { tanh($0) }
        case "Transpose": return transpose(x, n.ints["perm"] ?? [])
        case "Flatten":
            let axis = n.ints["axis"]?.first ?? 1
            return NDArray(shape: [x.shape[..<axis].reduce(1, *), x.shape[axis...].reduce(1, *)], values: x.values)
        case "Gemm": return try gemm(x, xs[1], xs.count > 2 ? xs[2] : nil, transB: n.ints["transB"]?.first ?? 0)
        case "Softmax": return softmax(x, axis: n.ints["axis"]?.first ?? -1)
        case "BatchNormalization": return batchnorm(x, xs[1], xs[2], xs[3], xs[4], epsilon: n.floats["epsilon"] ?? 1e-5)
        case "Conv": return conv(x, xs[1], xs.count > 2 ? xs[2] : nil, n)
        case "MaxPool", "AveragePool": return pool(x, n, max: n.op == "MaxPool")
        case "GlobalAveragePool":
            let N: Int = x.shape[0], C: Int = x.shape[1]
            let HW: Int = x.shape[2...].reduce(1, *)
            var out = [Float](repeating: 0, count: N * C)
            for i in 0..<N * C {
                var sum: Float = 0
                for j in i * HW ..< (i + 1) * HW { sum += x.values[j] }
                out[i] = sum / Float(HW)
            }
            return NDArray(shape: [N, C] + [Int](repeating: 1, count: x.shape.count - 2), values: out)
        default: throw Unsupported(description: "op \(n.op)")
        }
    }

    private func map(_ x: NDArray, _ f: (Float) -> Float) -> NDArray { NDArray(shape: x.shape, values: x.values.map(f)) }

    /// `out[i_0, …] = x[i_perm^-1 …]`: output axis d is input axis perm[d].
    private func transpose(_ x: NDArray, _ perm: [Int]) -> NDArray {
        let shape = perm.map { x.shape[$0] }, inStrides = x.strides
        var out = NDArray(shape: shape, values: [Float](repeating: 0, count: x.count))
        let outStrides = out.strides
        for k in 0..<x.count {
            var source = 0
            for d in 0..<shape.count { source += (k / outStrides[d] % shape[d]) * inStrides[perm[d]] }
            out.values[k] = x.values[source]
        }
        return out
    }

    /// `Y = A·B + C` (B transposed when transB = 1), C broadcast over rows.
    private func gemm(_ a: NDArray, _ b: NDArray, _ c: NDArray?, transB: Int) throws -> NDArray {
        let (M, K) = (a.shape[0], a.shape[1]), N = transB == 1 ? b.shape[0] : b.shape[1]
        guard (transB == 1 ? b.shape[1] : b.shape[0]) == K else { throw Unsupported(description: "Gemm shapes \(a.shape) \(b.shape)") }
        var out = [Float](repeating: 0, count: M * N)
        for i in 0..<M { for j in 0..<N {
            var s: Float = c.map { $0.count == N ? $0.values[j] : $0.values[0] } ?? 0
            for k in 0..<K { s += a.values[i * K + k] * (transB == 1 ? b.values[j * K + k] : b.values[k * N + j]) }
            out[i * N + j] = s
        } }
        return NDArray(shape: [M, N], values: out)
    }

    private func softmax(_ x: NDArray, axis: Int) -> NDArray {
        let ax = axis < 0 ? axis + x.shape.count : axis
        let stride = x.strides[ax], n = x.shape[ax]
        var out = x
        for k in 0..<x.count where (k / stride) % n == 0 {
            let idx = (0..<n).map { k + $0 * stride }
            let m = idx.map { x.values[$0] }.max() ?? 0
            let e = idx.map { exp(x.values[$0] - m) }
            let sum = e.reduce(0, +)
            for (i, v) in zip(idx, e) { out.values[i] = v / sum }
        }
        return out
    }

    /// Over axis 1: `y = scale·(x − mean)/√(var + ε) + B`.
    private func batchnorm(_ x: NDArray, _ scale: NDArray, _ bias: NDArray, _ mean: NDArray, _ variance: NDArray, epsilon: Float) -> NDArray {
        let C = x.shape[1], inner = x.shape[2...].reduce(1, *)
        var out = x
        for k in 0..<x.count {
            let c = (k / inner) % C
            out.values[k] = scale.values[c] * (x.values[k] - mean.values[c]) / (variance.values[c] + epsilon).squareRoot() + bias.values[c]
        }
        return out
    }

    /// NCHW convolution with OIHW weights, pads [top, left, bottom, right], zero outside.
    private func conv(_ x: NDArray, _ w: NDArray, _ b: NDArray?, _ n: ONNXModel.Node) -> NDArray {
        let (N, C, H, W) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (O, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
        let s = n.ints["strides"] ?? [1, 1], p = n.ints["pads"] ?? [0, 0, 0, 0]
        let outH = (H + p[0] + p[2] - kh) / s[0] + 1, outW = (W + p[1] + p[3] - kw) / s[1] + 1
        var out = [Float](repeating: 0, count: N * O * outH * outW)
        for img in 0..<N { for o in 0..<O { for oy in 0..<outH { for ox in 0..<outW {
            var sum = b?.values[o] ?? 0
            for c in 0..<C { for ky in 0..<kh { for kx in 0..<kw {
                let iy: Int = oy * s[0] - p[0] + ky
                let ix: Int = ox * s[1] - p[1] + kx
                guard iy >= 0, iy < H, ix >= 0, ix < W else { continue }
                let xi: Int = ((img * C + c) * H + iy) * W + ix
                let wi: Int = ((o * C + c) * kh + ky) * kw + kx
                sum += x.values[xi] * w.values[wi]
            } } }
            out[((img * O + o) * outH + oy) * outW + ox] = sum
        } } } }
        return NDArray(shape: [N, O, outH, outW], values: out)
    }

    /// Unpadded pooling, floor output size.
    private func pool(_ x: NDArray, _ n: ONNXModel.Node, max useMax: Bool) -> NDArray {
        let (N, C, H, W) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let k = n.ints["kernel_shape"] ?? [1, 1], s = n.ints["strides"] ?? [1, 1]
        let outH = (H - k[0]) / s[0] + 1, outW = (W - k[1]) / s[1] + 1
        var out = [Float](repeating: 0, count: N * C * outH * outW)
        for plane in 0..<N * C { for oy in 0..<outH { for ox in 0..<outW {
            var acc: Float = useMax ? -.infinity : 0
            for ky in 0..<k[0] { for kx in 0..<k[1] {
                let v = x.values[(plane * H + oy * s[0] + ky) * W + ox * s[1] + kx]
                acc = useMax ? Swift.max(acc, v) : acc + v
            } }
            out[(plane * outH + oy) * outW + ox] = useMax ? acc : acc / Float(k[0] * k[1])
        } } }
        return NDArray(shape: [N, C, outH, outW], values: out)
    }
}
