import XCTest
import Foundation
import FMTensor
import FMNet
@testable import FMInterop

final class TorchLayoutTests: XCTestCase {
    /// A tiny CNN: conv2d 3 2x2 on 3x3x2 input, batchnorm, globalavgpool, dense 2.
    let spec = ModelSpec(inputShape: [3, 3, 2], layers: [
        .conv2d(filters: 3, kernel: [2, 2], strides: [1, 1], padding: .valid, activation: .relu),
        .batchnorm(momentum: 0.99, epsilon: 0.001),
        .globalavgpool,
        .dense(units: 2, activation: .softmax),
    ])

    /// PyTorch tensors for `spec`, named as nn.Sequential names them, in the sorted-by-name order
    /// Python's safetensors writes ("3.bias" before "3.weight").
    func torchState() -> [NamedTensor] {
        [
            NamedTensor(name: "0.bias", tensor: Fixtures.counting([3], base: 100)),
            NamedTensor(name: "0.weight", tensor: Fixtures.counting([3, 2, 2, 2])),     // [out, in, kh, kw]
            NamedTensor(name: "2.bias", tensor: Fixtures.counting([3], base: 200)),
            NamedTensor(name: "2.running_mean", tensor: Fixtures.counting([3], base: 300)),
            NamedTensor(name: "2.running_var", tensor: Fixtures.counting([3], base: 400)),
            NamedTensor(name: "2.weight", tensor: Fixtures.counting([3], base: 500)),
            NamedTensor(name: "5.bias", tensor: Fixtures.counting([2], base: 600)),
            NamedTensor(name: "5.weight", tensor: Fixtures.counting([2, 3], base: 700)),  // [out, in]
        ]
    }

    func testConvDenseAndBatchnormMapping() throws {
        let net = try Fixtures.network(spec)
        let mapped = try TorchLayout.match(torchState(), to: net.parameters, file: "t.safetensors")
        XCTAssertEqual(mapped.map(\.name), net.parameters.map(\.name))
        XCTAssertEqual(mapped.map(\.tensor.shape), net.parameters.map(\.tensor.shape))
        let byName = Dictionary(uniqueKeysWithValues: mapped.map { ($0.name, $0.tensor.scalars) })
        // fm.conv[y, x, i, o] = torch[o, i, y, x]; torch value = ((o·2 + i)·2 + y)·2 + x.
        let k = try XCTUnwrap(byName["1.conv2d.kernel"])
        for y in 0..<2 { for x in 0..<2 { for i in 0..<2 { for o in 0..<3 {
            XCTAssertEqual(k[((y * 2 + x) * 2 + i) * 3 + o], Float(((o * 2 + i) * 2 + y) * 2 + x), "conv[\(y),\(x),\(i),\(o)]")
        } } } }
        XCTAssertEqual(byName["1.conv2d.bias"], [100, 101, 102])
        XCTAssertEqual(byName["2.batchnorm.gamma"], [500, 501, 502])
        XCTAssertEqual(byName["2.batchnorm.beta"], [200, 201, 202])
        XCTAssertEqual(byName["2.batchnorm.moving_mean"], [300, 301, 302])
        XCTAssertEqual(byName["2.batchnorm.moving_variance"], [400, 401, 402])
        // fm.dense[i, o] = torch[o, i] = 700 + o·3 + i.
        XCTAssertEqual(byName["4.dense.kernel"], [700, 703, 701, 704, 702, 705])
        XCTAssertEqual(byName["4.dense.bias"], [600, 601])
        try net.setParameters(mapped)
    }

    /// A square linear weight is transposed too: its shape alone cannot tell the layouts apart.
    func testSquareDenseIsTransposed() throws {
        let net = try Fixtures.network(ModelSpec(inputShape: [2], layers: [.dense(units: 2, activation: .linear)]))
        let file = [NamedTensor(name: "fc.weight", tensor: Fixtures.counting([2, 2])), NamedTensor(name: "fc.bias", tensor: Fixtures.counting([2]))]
        let mapped = try TorchLayout.match(file, to: net.parameters, file: "f")
        XCTAssertEqual(mapped[0].tensor.scalars, [0, 2, 1, 3])
    }

    /// Numeric segments order as numbers ("10" after "9"), and a module that does not fit the
    /// next layer is skipped for the next one that does (`features.*` before `classifier.*`).
    func testModuleOrderFromNames() throws {
        let spec = ModelSpec(inputShape: [4], layers: (0..<11).map { _ in .dense(units: 4, activation: .relu) } + [.dense(units: 2, activation: .linear)])
        let net = try Fixtures.network(spec)
        var file: [NamedTensor] = []
        for m in 0..<11 {
            file.append(NamedTensor(name: "features.\(m).weight", tensor: Tensor(shape: [4, 4], repeating: Float(m))))
            file.append(NamedTensor(name: "features.\(m).bias", tensor: Tensor(shape: [4], repeating: Float(m))))
        }
        file.append(NamedTensor(name: "classifier.weight", tensor: Tensor(shape: [2, 4], repeating: 99)))
        file.append(NamedTensor(name: "classifier.bias", tensor: Tensor(shape: [2], repeating: 99)))
        let mapped = try TorchLayout.match(file.sorted { $0.name < $1.name }, to: net.parameters, file: "f")
        for layer in 1...11 {
            XCTAssertEqual(mapped.first { $0.name == "\(layer).dense.bias" }?.tensor.scalars, [Float](repeating: Float(layer - 1), count: 4))
        }
        XCTAssertEqual(mapped.first { $0.name == "12.dense.kernel" }?.tensor.scalars, [Float](repeating: 99, count: 8))
        XCTAssertTrue(TorchModule.naturalLess("a.9.w", "a.10.w"))
        XCTAssertFalse(TorchModule.naturalLess("a.10", "a.9"))
        XCTAssertTrue(TorchModule.naturalLess("a.3", "a.x"))
    }

    /// PyTorch flattens [C, H, W]; fm [H, W, C]: given the spec, dense rows are permuted.
    func testFlattenAfterConvPermutesDenseRows() throws {
        let spec = ModelSpec(inputShape: [2, 3, 2], layers: [
            .flatten, .batchnorm(momentum: 0.99, epsilon: 0.001), .dropout(rate: 0.1), .dense(units: 2, activation: .linear),
        ])
        let net = try Fixtures.network(spec)
        let (H, W, C) = (2, 3, 2)
        let file = [
            NamedTensor(name: "1.weight", tensor: Fixtures.counting([12], base: 0)),
            NamedTensor(name: "1.bias", tensor: Fixtures.counting([12], base: 100)),
            NamedTensor(name: "1.running_mean", tensor: Fixtures.counting([12], base: 200)),
            NamedTensor(name: "1.running_var", tensor: Fixtures.counting([12], base: 300)),
            NamedTensor(name: "3.weight", tensor: Fixtures.counting([2, 12], base: 1000)),
            NamedTensor(name: "3.bias", tensor: Fixtures.counting([2])),
        ]
        let mapped = try TorchLayout.match(file, to: net.parameters, file: "f", spec: spec)
        let gamma = try XCTUnwrap(mapped.first { $0.name == "2.batchnorm.gamma" }).tensor.scalars
        let kernel = try XCTUnwrap(mapped.first { $0.name == "4.dense.kernel" }).tensor.scalars
        for h in 0..<H { for w in 0..<W { for c in 0..<C {
            let fmRow = (h * W + w) * C + c, torchFeature = (c * H + h) * W + w
            XCTAssertEqual(gamma[fmRow], Float(torchFeature))
            for o in 0..<2 { XCTAssertEqual(kernel[fmRow * 2 + o], Float(1000 + o * 12 + torchFeature)) }
        } } }
        // Without the spec the rows keep their order.
        let plain = try TorchLayout.match(file, to: net.parameters, file: "f")
        XCTAssertEqual(plain.first { $0.name == "2.batchnorm.gamma" }?.tensor.scalars, (0..<12).map(Float.init))
    }

    func testFmNamedFileIsTakenAsItIs() throws {
        let net = try Fixtures.network(spec)
        let own = net.parameters.reversed().map { $0 }
        let mapped = try TorchLayout.match(own, to: net.parameters, file: "f")
        XCTAssertEqual(mapped.map(\.name), net.parameters.map(\.name))
        XCTAssertEqual(mapped.map(\.tensor.scalars), net.parameters.map(\.tensor.scalars))
    }

    func testMismatches() throws {
        let net = try Fixtures.network(spec)
        let ours = net.parameters
        XCTAssertThrowsError(try TorchLayout.match(Array(torchState().dropLast()), to: ours, file: "t.st")) { error in
            guard case let .mismatch(file, detail)? = error as? InteropError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "t.st")
            XCTAssertTrue(detail.hasPrefix("it holds 7 float tensors (0.bias [3], "), detail)
            XCTAssertTrue(detail.contains("the model has 8 (1.conv2d.kernel [2, 2, 2, 3], "), detail)
        }
        var wrong = torchState()
        wrong[1] = NamedTensor(name: "0.weight", tensor: Fixtures.counting([3, 2, 3, 3]))
        XCTAssertThrowsError(try TorchLayout.match(wrong, to: ours, file: "t.st")) { error in
            XCTAssertEqual(error as? InteropError, .mismatch(file: "t.st", detail:
                "no module in the file fits layer 1.conv2d (1.conv2d.kernel [2, 2, 2, 3], 1.conv2d.bias [3]); unused: "
                + "`0` (0.weight [3, 2, 3, 3], 0.bias [3]), `2` (2.weight [3], 2.bias [3], 2.running_mean [3], 2.running_var [3]), "
                + "`5` (5.weight [2, 3], 5.bias [2])"))
        }
        var badOwn = ours
        badOwn[0] = NamedTensor(name: ours[0].name, tensor: Fixtures.counting([1]))
        XCTAssertThrowsError(try TorchLayout.match(badOwn, to: ours, file: "t.st")) { error in
            XCTAssertEqual(error as? InteropError, .mismatch(file: "t.st", detail: "`1.conv2d.kernel` has shape [1], the model needs [2, 2, 2, 3]"))
        }
    }
}

/// A real PyTorch file (made by `scripts/check-interop.py fixture`): decoded, mapped with the
/// CHW → HWC flatten permutation, fm's predictions equal PyTorch's.
final class TorchFileTests: XCTestCase {
    let spec = ModelSpec(inputShape: [4, 4, 1], layers: [
        .conv2d(filters: 2, kernel: [2, 2], strides: [1, 1], padding: .valid, activation: .linear),
        .batchnorm(momentum: 0.9, epsilon: 1e-5),     // PyTorch's default epsilon
        .activation(.relu),
        .flatten,
        .dense(units: 3, activation: .softmax),
    ])

    func testPyTorchStateDictPredictsLikePyTorch() throws {
        let data = try XCTUnwrap(Data(base64Encoded: TorchFixture.safetensorsBase64))
        XCTAssertThrowsError(try SafeTensors.decode(data, file: "torch.safetensors")) { error in
            XCTAssertTrue("\(error)".contains("`1.num_batches_tracked` has dtype I64"), "\(error)")
        }
        let (tensors, _) = try SafeTensors.decode(data, file: "torch.safetensors", skipNonFloat: true)
        XCTAssertEqual(tensors.count, 8)
        let net = try Fixtures.network(spec)
        try net.setParameters(try TorchLayout.match(tensors, to: net.parameters, file: "torch.safetensors", spec: spec))
        let images = try Tensor(shape: [2, 4, 4, 1], scalars: TorchFixture.imageBits.map(Float.init(bitPattern:)))
        let expected = TorchFixture.probabilityBits.map(Float.init(bitPattern:))
        let got = net.predict(.floats(images)).scalars
        XCTAssertEqual(got.count, expected.count)
        for (a, b) in zip(got, expected) { XCTAssertEqual(a, b, accuracy: 1e-6) }

        // Without the flatten permutation the rows are scrambled and the predictions differ.
        let plain = try Fixtures.network(spec)
        try plain.setParameters(try TorchLayout.match(tensors, to: plain.parameters, file: "torch.safetensors"))
        let scrambled = plain.predict(.floats(images)).scalars
        XCTAssertGreaterThan(zip(scrambled, expected).map { abs($0 - $1) }.max() ?? 0, 1e-3)
    }
}
