import XCTest
import FMTensor
import FMNet
@testable import FMInterop

/// The exported graphs, run by a naive evaluator written from the ONNX operator definitions,
/// give fm's `predict` probabilities.
final class ONNXSemanticsTests: XCTestCase {
    func testBlogNN() throws { try check(Fixtures.blogNN, images: 3) }
    func testBlogCNN() throws { try check(Fixtures.blogCNN, images: 1) }
    func testFlattenAfterConv() throws { try check(Fixtures.flatCNN, images: 2) }
    func testEveryLayerKind() throws { try check(Fixtures.oddCNN, images: 3) }

    func testRankTwoBatchnormAndChannelSoftmax() throws {
        try check(ModelSpec(inputShape: [6, 5], layers: [
            .batchnorm(momentum: 0.99, epsilon: 0.001), .flatten, .dense(units: 4, activation: .tanh), .activation(.softmax),
        ]), images: 2)
        try check(ModelSpec(inputShape: [5, 4, 3], layers: [
            .batchnorm(momentum: 0.99, epsilon: 0.001), .avgpool(pool: [2, 2], strides: [1, 1]),
            .conv2d(filters: 5, kernel: [2, 1], strides: [1, 2], padding: .same, activation: .softmax),
        ]), images: 2)
    }

    private func check(_ spec: ModelSpec, images n: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let net = try Fixtures.network(spec, seed: 3)
        try Fixtures.randomise(net, seed: 4)
        let x = Fixtures.noise([n] + spec.inputShape, seed: 5)
        let expected = net.predict(.floats(x))
        let model = try ONNXModel(try ONNXExport.model(net, name: "m"))
        let got = try ONNXReference(model: model).run(.init(shape: x.shape, values: x.scalars))
        XCTAssertEqual(got.shape, expected.shape, file: file, line: line)
        XCTAssertEqual(got.count, expected.count, file: file, line: line)
        var worst: Float = 0
        for (a, b) in zip(got.values, expected.scalars) { worst = max(worst, abs(a - b)) }
        XCTAssertLessThan(worst, 1e-5, "largest probability difference", file: file, line: line)
        XCTAssertGreaterThan(expected.scalars.max() ?? 0, 0, file: file, line: line)
    }
}
