import Foundation
import FMTensor
import FMNet

/// Writes an fm network as an ONNX model (opset 13, IR version 8) that onnxruntime runs with
/// fm's predictions and Netron opens.
///
/// Input "input": float `[N] + spec.inputShape` (`[N, 28, 28]` or `[N, 28, 28, 1]`), N symbolic.
/// Output "probabilities": float `[N] + output shape`, the softmax fm's `predict` returns (a model
/// that does not end in softmax gets one appended, as `predict` applies one).
///
/// fm is channels-last (NHWC); ONNX Conv and the pools are NCHW. The graph transposes to NCHW
/// (`perm [0, 3, 1, 2]`) before the first conv or pool and back (`perm [0, 2, 3, 1]`) before a
/// flatten, so the flattened order is fm's HWC order and dense kernels apply unchanged.
///
///     flatten        Flatten(axis 1)
///     dense          Gemm(x, kernel [in, out], bias), transB = 0
///     conv2d         Conv(x, kernel transposed HWIO → OIHW, bias); `same` pads as Keras:
///                    total = max((out − 1)·s + k − in, 0), ⌊total/2⌋ before, the rest after
///     maxpool        MaxPool (no padding, floor)         avgpool    AveragePool
///     globalavgpool  GlobalAveragePool, Flatten(axis 1)  dropout    nothing (inference)
///     batchnorm      BatchNormalization(gamma, beta, moving_mean, moving_variance, epsilon)
///                    over fm's last axis (channels are axis 1 in NCHW and in [N, features])
///     activations    Relu, LeakyRelu(alpha 0.3), Sigmoid, Tanh, Softmax over fm's last axis
public enum ONNXExport {
    public static let opset = 13
    public static let irVersion = 8

    public static func model(_ network: Network, name: String) throws -> Data {
        let graph = try buildGraph(network, name: name)
        return graph.modelProto(irVersion: irVersion, opset: opset, producer: "fm", producerVersion: "1.0",
                                doc: "Sequential model `\(name)` exported by fm; input NHWC like fm, output class probabilities.")
    }

    static func buildGraph(_ network: Network, name: String) throws -> ONNXGraph {
        let spec = network.spec
        let shapes: [[Int]]
        do { shapes = try spec.outputShapes() } catch {
            throw InteropError.export(model: name, format: "ONNX", detail: "\(error)")
        }
        var parameters: [String: Tensor] = [:]
        for p in network.parameters { parameters[p.name] = p.tensor }
        var b = GraphBuilder(graphName: name, inputShape: spec.inputShape, parameters: parameters)
        var input = spec.inputShape
        for (i, layer) in spec.layers.enumerated() {
            try b.add(layer, index: i + 1, input: input, output: shapes[i])
            input = shapes[i]
        }
        b.toChannelsLast()
        if !endsInSoftmax(spec) { b.activation(.softmax, label: "probabilities") }
        return b.finish(outputShape: input)
    }

    /// The engine's rule (Network): the last layer's softmax is the output's; otherwise `predict`
    /// applies one to the output.
    static func endsInSoftmax(_ spec: ModelSpec) -> Bool {
        switch spec.layers.last {
        case .dense(_, .softmax)?, .conv2d(_, _, _, _, .softmax)?, .activation(.softmax)?: return true
        default: return false
        }
    }
}

/// Builds the node list, following the current value's name, shape and layout.
struct GraphBuilder {
    var graph: ONNXGraph
    let parameters: [String: Tensor]
    /// Name of the value the next node reads.
    var current = "input"
    /// ONNX dims of `current` (nil = batch).
    var dims: [Int?]
    /// Whether `current` is NCHW (only for rank-3 fm shapes) rather than fm's own channels-last layout.
    var channelsFirst = false

    init(graphName: String, inputShape: [Int], parameters: [String: Tensor]) {
        graph = ONNXGraph(name: graphName)
        graph.inputs = [ONNXValue(name: "input", dims: [nil] + inputShape)]
        dims = [nil] + inputShape
        self.parameters = parameters
    }

    mutating func add(_ layer: LayerSpec, index i: Int, input: [Int], output: [Int]) throws {
        let label = "\(i).\(layer.kind)"
        switch layer {
        case .flatten:
            toChannelsLast()
            node("Flatten", label, attributes: [.int("axis", 1)], dims: [nil, output.reduce(1, *)])
        case let .dense(units, act):
            let kernel = try parameter("\(i).dense.kernel"), bias = try parameter("\(i).dense.bias")
            node("Gemm", label, extra: [kernel, bias], attributes: [.int("transB", 0)], dims: [nil, units])
            activation(act, label: "\(label).\(act.rawValue)")
        case let .conv2d(filters, kernel, strides, padding, act):
            let (kh, kw) = pair(kernel), (sh, sw) = pair(strides)
            let g = WindowGeometry(height: input[0], width: input[1], channels: input[2], kernel: (kh, kw), strides: (sh, sw), same: padding == .same)
            let padH = max((g.outH - 1) * sh + kh - input[0], 0), padW = max((g.outW - 1) * sw + kw - input[1], 0)
            let pads = padding == .same ? [g.padTop, g.padLeft, padH - g.padTop, padW - g.padLeft] : [0, 0, 0, 0]
            let w = try convKernel("\(i).conv2d.kernel"), bias = try parameter("\(i).conv2d.bias")
            toChannelsFirst()
            node("Conv", label, extra: [w, bias], attributes: [
                .ints("kernel_shape", [kh, kw]), .ints("strides", [sh, sw]), .ints("pads", pads), .ints("dilations", [1, 1]), .int("group", 1),
            ], dims: [nil, filters, g.outH, g.outW])
            activation(act, label: "\(label).\(act.rawValue)")
        case let .maxpool(pool, strides), let .avgpool(pool, strides):
            let (ph, pw) = pair(pool), (sh, sw) = pair(strides.isEmpty ? pool : strides)
            toChannelsFirst()
            let op = layer.kind == "maxpool" ? "MaxPool" : "AveragePool"
            node(op, label, attributes: [.ints("kernel_shape", [ph, pw]), .ints("strides", [sh, sw]), .ints("pads", [0, 0, 0, 0])],
                 dims: [nil, output[2], output[0], output[1]])
        case .globalavgpool:
            toChannelsFirst()
            node("GlobalAveragePool", label, dims: [nil, input[2], 1, 1])
            node("Flatten", "\(label).flatten", attributes: [.int("axis", 1)], dims: [nil, input[2]])
            channelsFirst = false
        case .dropout:
            break
        case let .batchnorm(_, epsilon):
            let names = try ["gamma", "beta", "moving_mean", "moving_variance"].map { try parameter("\(i).batchnorm.\($0)") }
            // BatchNormalization normalises axis 1; fm normalises its last axis.
            let r = input.count
            if r == 3 { toChannelsFirst() }
            let swap = r == 2
            if swap { transpose([0, 2, 1], "\(label).channels_first") }
            node("BatchNormalization", label, extra: names, attributes: [.float("epsilon", Float(epsilon))], dims: dims)
            if swap { transpose([0, 2, 1], "\(label).channels_last") }
        case let .activation(act):
            activation(act, label: label)
        }
    }

    /// The activation node (nothing for linear). Softmax runs over fm's last axis.
    mutating func activation(_ act: Activation, label: String) {
        switch act {
        case .linear: break
        case .relu: node("Relu", label, dims: dims)
        case .leaky_relu: node("LeakyRelu", label, attributes: [.float("alpha", Activation.leakySlope)], dims: dims)
        case .sigmoid: node("Sigmoid", label, dims: dims)
        case .tanh: node("Tanh", label, dims: dims)
        case .softmax: node("Softmax", label, attributes: [.int("axis", channelsFirst ? 1 : -1)], dims: dims)
        }
    }

    mutating func toChannelsFirst() {
        guard !channelsFirst, dims.count == 4 else { return }
        transpose([0, 3, 1, 2], "to_nchw.\(graph.nodes.count)")
        channelsFirst = true
    }

    mutating func toChannelsLast() {
        guard channelsFirst else { return }
        transpose([0, 2, 3, 1], "to_nhwc.\(graph.nodes.count)")
        channelsFirst = false
    }

    private mutating func transpose(_ perm: [Int], _ label: String) {
        node("Transpose", label, attributes: [.ints("perm", perm)], dims: perm.map { dims[$0] })
    }

    /// Appends a node reading `current` (and `extra`), writing a value named `label`.
    mutating func node(_ op: String, _ label: String, extra: [String] = [], attributes: [ONNXAttribute] = [], dims newDims: [Int?]) {
        graph.nodes.append(ONNXNode(op: op, name: label, inputs: [current] + extra, outputs: [label], attributes: attributes))
        graph.valueInfo.append(ONNXValue(name: label, dims: newDims))
        current = label
        dims = newDims
    }

    /// Adds the named parameter as an initializer; returns its name.
    mutating func parameter(_ name: String) throws -> String {
        guard let t = parameters[name] else { throw missing(name) }
        graph.initializers.append(ONNXInitializer(name: name, dims: t.shape, values: t.scalars))
        return name
    }

    /// The conv kernel `[kh, kw, in, out]` as ONNX's `[out, in, kh, kw]`: `w[o, i, y, x] = k[y, x, i, o]`.
    mutating func convKernel(_ name: String) throws -> String {
        guard let t = parameters[name], t.shape.count == 4 else { throw missing(name) }
        let (kh, kw, ci, co) = (t.shape[0], t.shape[1], t.shape[2], t.shape[3])
        let src = t.scalars
        var w = [Float](repeating: 0, count: src.count)
        for o in 0..<co { for i in 0..<ci { for y in 0..<kh { for x in 0..<kw {
            w[((o * ci + i) * kh + y) * kw + x] = src[((y * kw + x) * ci + i) * co + o]
        } } } }
        graph.initializers.append(ONNXInitializer(name: name, dims: [co, ci, kh, kw], values: w))
        return name
    }

    private func missing(_ name: String) -> InteropError {
        .export(model: graph.name, format: "ONNX", detail: "the network has no parameter `\(name)` of the expected rank")
    }

    /// The graph with its last value renamed "probabilities" and declared as the output.
    mutating func finish(outputShape: [Int]) -> ONNXGraph {
        if let last = graph.nodes.indices.last {
            graph.nodes[last].outputs = ["probabilities"]
            graph.valueInfo.removeLast()
        }
        graph.outputs = [ONNXValue(name: "probabilities", dims: [nil] + outputShape)]
        return graph
    }

    /// `[3]` → (3, 3), `[3, 2]` → (3, 2); the spec has been validated by `outputShapes()`.
    private func pair(_ v: [Int]) -> (Int, Int) {
        v.count >= 2 ? (v[0], v[1]) : (v.first ?? 1, v.first ?? 1)
    }
}
