import Foundation
import XCTest
import FMTensor
@testable import FMNet

final class ModelSpecTests: XCTestCase {
    func testBlogSummaryTotals() throws {
        XCTAssertEqual(Blog.nn.parameterCount, 269_322)
        XCTAssertEqual(Blog.cnn.parameterCount, 223_370)
        XCTAssertEqual(try Blog.cnn.outputShapes(), [[28, 28, 64], [14, 14, 64], [14, 14, 128], [7, 7, 128], [7, 7, 128], [128], [10]])
        XCTAssertEqual(try Blog.nn.outputShapes(), [[784], [256], [256], [10]])
        var rng = SeededRandom(seed: 1)
        let net = try Network(spec: Blog.cnn, rng: &rng)
        XCTAssertEqual(net.parameters.map { $0.tensor.count }.reduce(0, +), 223_370)
        XCTAssertEqual(net.parameters.map(\.name), ["1.conv2d.kernel", "1.conv2d.bias", "3.conv2d.kernel", "3.conv2d.bias",
                                                    "5.conv2d.kernel", "5.conv2d.bias", "7.dense.kernel", "7.dense.bias"])
        XCTAssertEqual(net.parameters[0].tensor.shape, [3, 3, 1, 64])
    }

    func testShapeErrorsNameLayerAndShapes() {
        var nn = ModelSpec(inputShape: [28, 28], layers: [.flatten])
        XCTAssertThrowsError(try nn.append(.conv2d(filters: 8, kernel: [3, 3], strides: [1, 1], padding: .same, activation: .relu))) {
            XCTAssertEqual("\($0)", "conv2d needs a 3-D input (height x width x channels), got 784 from layer 1 (flatten)")
        }
        XCTAssertEqual(nn.layers, [.flatten], "a refused layer changes nothing")
        var cnn = ModelSpec(inputShape: [28, 28, 1])
        XCTAssertThrowsError(try cnn.append(.dense(units: 10, activation: .softmax))) {
            XCTAssertEqual("\($0)", "dense needs a 1-D input (add flatten or globalavgpool first), got 28x28x1 from the model input")
        }
        XCTAssertThrowsError(try LayerSpec.conv2d(filters: 1, kernel: [3, 3], strides: [1, 1], padding: .same, activation: .linear)
            .outputShape(for: [28, 28])) {
            XCTAssertEqual($0 as? ModelError, .wrongInputRank(layer: "conv2d", needs: "a 3-D input (height x width x channels)", got: [28, 28], source: "the previous layer"))
        }
        XCTAssertThrowsError(try LayerSpec.maxpool(pool: [2, 2], strides: [2, 2]).outputShape(for: [1, 1, 128])) {
            XCTAssertEqual("\($0)", "maxpool 2x2 would shrink 1x1x128 to 0x0x128: the input is smaller than the window")
        }
        XCTAssertThrowsError(try LayerSpec.dense(units: 0, activation: .relu).outputShape(for: [4]))
        XCTAssertThrowsError(try LayerSpec.dropout(rate: 1).outputShape(for: [4]))
        XCTAssertThrowsError(try ModelSpec(inputShape: [0, 28]).outputShapes())
        var rng = SeededRandom(seed: 1)
        XCTAssertThrowsError(try Network(spec: ModelSpec(inputShape: [28, 28]), rng: &rng)) {
            XCTAssertEqual("\($0)", "build: the model has no layers yet")
        }
    }

    func testOddPaddingAndStrides() throws {
        let s = LayerSpec.conv2d(filters: 4, kernel: [4, 4], strides: [2, 2], padding: .same, activation: .relu)
        XCTAssertEqual(try s.outputShape(for: [7, 8, 3]), [4, 4, 4])
        let v = LayerSpec.conv2d(filters: 4, kernel: [3], strides: [2], padding: .valid, activation: .relu)
        XCTAssertEqual(try v.outputShape(for: [7, 8, 3]), [3, 3, 4])
        XCTAssertEqual(try LayerSpec.maxpool(pool: [3, 3], strides: [2, 2]).outputShape(for: [7, 7, 2]), [3, 3, 2])
        XCTAssertEqual(try LayerSpec.batchnorm(momentum: 0.99, epsilon: 1e-3).outputShape(for: [5]), [5])
        XCTAssertEqual(LayerSpec.batchnorm(momentum: 0.99, epsilon: 1e-3).parameterCount(for: [7, 7, 32]), 128)
        XCTAssertEqual(LayerSpec.activation(.leaky_relu).kind, "leaky_relu")
    }

    func testReceptiveFieldsAndFlops() {
        // 3x3 → 3; pool 2 → 4 (jump 2); 3x3 → 8; pool → 10 (jump 4); 3x3 → 18; then whole image.
        XCTAssertEqual(Blog.cnn.receptiveFields(), [3, 4, 8, 10, 18, 28, 28])
        XCTAssertEqual(Blog.nn.receptiveFields(), [28, 28, 28, 28])
        // NN: 2·(784·256 + 256·256 + 256·10) multiply-add FLOPs + bias adds and activations.
        let macs = 2 * (784 * 256 + 256 * 256 + 256 * 10)
        XCTAssertEqual(Blog.nn.flopsPerExample(), macs + 2 * 256 * 2 + 10 * 4)
        let convMacs = 2 * (784 * 9 * 64 + 196 * 576 * 128 + 49 * 1152 * 128 + 128 * 10)
        XCTAssertGreaterThan(Blog.cnn.flopsPerExample(), convMacs)
        XCTAssertLessThan(Blog.cnn.flopsPerExample(), convMacs + 300_000)
    }

    func testSpecsRoundTripThroughJSON() throws {
        let data = try JSONEncoder().encode(Blog.cnn)
        XCTAssertEqual(try JSONDecoder().decode(ModelSpec.self, from: data), Blog.cnn)
        let c = try JSONDecoder().decode(CompileSpec.self, from: Data(#"{"optimizer":"sgd","momentum":0.9}"#.utf8))
        XCTAssertEqual(c.optimizer, .sgd)
        XCTAssertEqual(c.learningRate, 0.001)
    }
}
