import XCTest
import FMTensor
import FMNet
@testable import FMInterop

final class ONNXExportTests: XCTestCase {
    func testBlogNNGraph() throws {
        let net = try Fixtures.network(Fixtures.blogNN)
        let m = try ONNXModel(try ONNXExport.model(net, name: "nn"))
        XCTAssertEqual(m.irVersion, 8)
        XCTAssertEqual(m.opset, 13)
        XCTAssertEqual(m.opsetDomain, "")
        XCTAssertEqual(m.producer, "fm")
        XCTAssertEqual(m.ops, ["Flatten", "Gemm", "Relu", "Gemm", "Relu", "Gemm", "Softmax"])
        XCTAssertEqual(m.inputs.map(\.name), ["input"])
        XCTAssertEqual(m.inputs[0].dims, [-1, 28, 28])
        XCTAssertEqual(m.inputs[0].symbols, ["N"])
        XCTAssertEqual(m.outputs.map(\.name), ["probabilities"])
        XCTAssertEqual(m.outputs[0].dims, [-1, 10])
        XCTAssertEqual(m.nodes.last?.outputs, ["probabilities"])
        XCTAssertEqual(m.nodes.last?.ints["axis"], [-1])
        XCTAssertEqual(m.nodes[0].ints["axis"], [1])
        XCTAssertEqual(m.nodes[1].inputs, [m.nodes[0].outputs[0], "2.dense.kernel", "2.dense.bias"])
        XCTAssertEqual(m.nodes[1].ints["transB"], [0])
        XCTAssertEqual(m.initializerOrder, ["2.dense.kernel", "2.dense.bias", "3.dense.kernel", "3.dense.bias", "4.dense.kernel", "4.dense.bias"])
        XCTAssertEqual(m.initializers["2.dense.kernel"]?.dims, [784, 256])
        XCTAssertEqual(m.initializers["4.dense.kernel"]?.dims, [256, 10])
        XCTAssertEqual(m.initializers["4.dense.bias"]?.dims, [10])
        XCTAssertEqual(m.initializers["2.dense.kernel"]?.dataType, 1)
        // Values travel unchanged (dense kernels keep fm's [in, out] layout).
        for p in net.parameters { XCTAssertEqual(m.initializers[p.name]?.values, p.tensor.scalars, p.name) }
        XCTAssertEqual(m.valueInfo["2.dense"], [-1, 256])
        assertConnected(m)
    }

    func testBlogCNNGraph() throws {
        let net = try Fixtures.network(Fixtures.blogCNN)
        let m = try ONNXModel(try ONNXExport.model(net, name: "cnn"))
        XCTAssertEqual(m.ops, ["Transpose", "Conv", "Relu", "MaxPool", "Conv", "Relu", "MaxPool", "Conv", "Relu",
                               "GlobalAveragePool", "Flatten", "Gemm", "Softmax"])
        XCTAssertEqual(m.inputs[0].dims, [-1, 28, 28, 1])
        XCTAssertEqual(m.outputs[0].dims, [-1, 10])
        XCTAssertEqual(m.nodes[0].ints["perm"], [0, 3, 1, 2])
        let conv = m.nodes[1]
        XCTAssertEqual(conv.ints["kernel_shape"], [3, 3])
        XCTAssertEqual(conv.ints["strides"], [1, 1])
        XCTAssertEqual(conv.ints["pads"], [1, 1, 1, 1])
        XCTAssertEqual(m.nodes[3].ints["kernel_shape"], [2, 2])
        XCTAssertEqual(m.nodes[3].ints["strides"], [2, 2])
        XCTAssertEqual(m.initializers["1.conv2d.kernel"]?.dims, [64, 1, 3, 3])
        XCTAssertEqual(m.initializers["3.conv2d.kernel"]?.dims, [128, 64, 3, 3])
        XCTAssertEqual(m.initializers["5.conv2d.bias"]?.dims, [128])
        XCTAssertEqual(m.initializers["7.dense.kernel"]?.dims, [128, 10])
        XCTAssertEqual(m.valueInfo["3.conv2d"], [-1, 128, 14, 14])
        XCTAssertEqual(m.valueInfo["6.globalavgpool.flatten"], [-1, 128])
        // HWIO → OIHW, element by element: w[o, i, y, x] = k[y, x, i, o].
        let k = try XCTUnwrap(net.parameters.first { $0.name == "3.conv2d.kernel" }).tensor.scalars
        let w = try XCTUnwrap(m.initializers["3.conv2d.kernel"]).values
        for (o, i, y, x) in [(0, 0, 0, 0), (5, 7, 1, 2), (127, 63, 2, 2), (64, 1, 2, 0)] {
            XCTAssertEqual(w[((o * 64 + i) * 3 + y) * 3 + x], k[((y * 3 + x) * 64 + i) * 128 + o])
        }
        XCTAssertEqual(w.sorted(), k.sorted())
        assertConnected(m)
    }

    /// Even kernels and strides under `same` pad more at the bottom/right, as Keras does.
    func testAsymmetricSamePadsAndStrides() throws {
        let spec = ModelSpec(inputShape: [7, 8, 2], layers: [
            .conv2d(filters: 3, kernel: [4, 3], strides: [2, 3], padding: .same, activation: .leaky_relu),
            .conv2d(filters: 2, kernel: [3, 3], strides: [1, 1], padding: .valid, activation: .linear),
            .flatten, .dense(units: 4, activation: .linear),
        ])
        let m = try ONNXModel(try ONNXExport.model(try Fixtures.network(spec), name: "pads"))
        XCTAssertEqual(m.ops, ["Transpose", "Conv", "LeakyRelu", "Conv", "Transpose", "Flatten", "Gemm", "Softmax"])
        // out = ⌈7/2⌉ = 4 rows: total (4−1)·2 + 4 − 7 = 3 → 1 top, 2 bottom;
        // out = ⌈8/3⌉ = 3 cols: total (3−1)·3 + 3 − 8 = 1 → 0 left, 1 right. ONNX: [top, left, bottom, right].
        XCTAssertEqual(m.nodes[1].ints["pads"], [1, 0, 2, 1])
        XCTAssertEqual(m.nodes[1].ints["strides"], [2, 3])
        XCTAssertEqual(m.nodes[2].floats["alpha"], 0.3)
        XCTAssertEqual(m.nodes[3].ints["pads"], [0, 0, 0, 0])
        XCTAssertEqual(m.nodes[4].ints["perm"], [0, 2, 3, 1])
        XCTAssertEqual(m.valueInfo[m.nodes[3].outputs[0]], [-1, 2, 2, 1])
        XCTAssertEqual(m.outputs[0].dims, [-1, 4])
        XCTAssertEqual(m.nodes.last?.outputs, ["probabilities"])
        assertConnected(m)
    }

    func testBatchnormDropoutAndActivationLayers() throws {
        let spec = ModelSpec(inputShape: [6, 5], layers: [
            .batchnorm(momentum: 0.99, epsilon: 0.001),        // over the last axis of [6, 5]
            .flatten, .dropout(rate: 0.5), .dense(units: 8, activation: .tanh),
            .batchnorm(momentum: 0.9, epsilon: 0.01), .activation(.sigmoid), .dense(units: 3, activation: .linear),
            .activation(.softmax),
        ])
        let m = try ONNXModel(try ONNXExport.model(try Fixtures.network(spec), name: "bn"))
        XCTAssertEqual(m.ops, ["Transpose", "BatchNormalization", "Transpose", "Flatten", "Gemm", "Tanh",
                               "BatchNormalization", "Sigmoid", "Gemm", "Softmax"])
        XCTAssertEqual(m.nodes[0].ints["perm"], [0, 2, 1])
        XCTAssertEqual(m.nodes[1].inputs.dropFirst(), ["1.batchnorm.gamma", "1.batchnorm.beta", "1.batchnorm.moving_mean", "1.batchnorm.moving_variance"])
        XCTAssertEqual(m.nodes[1].floats["epsilon"], 0.001)
        XCTAssertEqual(m.nodes[6].floats["epsilon"], 0.01)
        XCTAssertEqual(m.initializers["5.batchnorm.moving_variance"]?.dims, [8])
        XCTAssertEqual(m.initializers["1.batchnorm.gamma"]?.dims, [5])
        assertConnected(m)
    }

    /// A conv stack batchnormed, softmaxed over channels and ending without a dense layer.
    func testConvBatchnormAndChannelSoftmaxOutput() throws {
        let spec = ModelSpec(inputShape: [4, 4, 3], layers: [
            .batchnorm(momentum: 0.99, epsilon: 0.001),
            .avgpool(pool: [2, 2], strides: []),
            .conv2d(filters: 5, kernel: [1, 1], strides: [1, 1], padding: .valid, activation: .softmax),
        ])
        let m = try ONNXModel(try ONNXExport.model(try Fixtures.network(spec), name: "maps"))
        XCTAssertEqual(m.ops, ["Transpose", "BatchNormalization", "AveragePool", "Conv", "Softmax", "Transpose"])
        XCTAssertEqual(m.nodes[2].ints["strides"], [2, 2])
        XCTAssertEqual(m.nodes[4].ints["axis"], [1])
        XCTAssertEqual(m.outputs[0].dims, [-1, 2, 2, 5])
        assertConnected(m)
    }

    /// Every node input is the graph input, an initializer or an earlier node's output, and
    /// the last node writes "probabilities".
    private func assertConnected(_ m: ONNXModel, file: StaticString = #filePath, line: UInt = #line) {
        var known = Set(["input"]).union(m.initializers.keys)
        for n in m.nodes {
            for i in n.inputs { XCTAssertTrue(known.contains(i), "\(n.name) reads unknown \(i)", file: file, line: line) }
            XCTAssertEqual(n.outputs.count, 1, file: file, line: line)
            known.formUnion(n.outputs)
        }
        XCTAssertEqual(m.nodes.last?.outputs, ["probabilities"], file: file, line: line)
        XCTAssertEqual(Set(m.nodes.map(\.name)).count, m.nodes.count, "node names are unique", file: file, line: line)
    }
}

