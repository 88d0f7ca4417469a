import XCTest
import FMTensor
import FMNet
@testable import FMInterop

/// Writes the files for the by-hand round trip through Python (scripts/check-interop.py).
/// Skipped unless `FM_INTEROP_DUMP` names a directory. In it, for the blog `nn` and `cnn`, `flat`
/// (conv → flatten → dense) and `odd` (every layer kind), with seeded random parameters: `NAME.safetensors`, `NAME.onnx`, `NAME-params/*.npy`,
/// and, given `images.npy` (float32 [N, 28, 28]), `NAME-predictions.npy` (fm's probabilities).
/// Given `torch-NAME.safetensors` (a PyTorch state_dict), it imports it `like` NAME and writes
/// `torch-NAME-fm-predictions.npy`. The parameter files are read back and checked.
final class RoundTripDumpTests: XCTestCase {
    func testDumpForPython() throws {
        guard let dir = ProcessInfo.processInfo.environment["FM_INTEROP_DUMP"] else {
            throw XCTSkip("set FM_INTEROP_DUMP to a directory to write the round-trip files")
        }
        let url = URL(fileURLWithPath: dir)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let imagesURL = url.appendingPathComponent("images.npy")
        let images = FileManager.default.fileExists(atPath: imagesURL.path) ? try NPY.decode(Data(contentsOf: imagesURL)) : nil
        let models = [("nn", Fixtures.blogNN), ("cnn", Fixtures.blogCNN), ("flat", Fixtures.flatCNN), ("odd", Fixtures.oddCNN)]
        for (seed, (name, spec)) in models.enumerated() {
            let net = try Fixtures.network(spec, seed: UInt64(seed))
            try Fixtures.randomise(net, seed: UInt64(seed))
            let safetensorsURL = url.appendingPathComponent("\(name).safetensors"), onnxURL = url.appendingPathComponent("\(name).onnx")
            try SafeTensors.encode(net.parameters, metadata: ["fm.model": name]).write(to: safetensorsURL)
            try ONNXExport.model(net, name: name).write(to: onnxURL)
            // Read back: the files Python will open hold these parameters.
            let (written, metadata) = try SafeTensors.decode(Data(contentsOf: safetensorsURL), file: safetensorsURL.path)
            XCTAssertEqual(metadata["fm.model"], name)
            XCTAssertEqual(written.map(\.name), net.parameters.map(\.name), name)
            XCTAssertEqual(written.map(\.tensor.scalars), net.parameters.map(\.tensor.scalars), name)
            let onnx = try ONNXModel(Data(contentsOf: onnxURL))
            XCTAssertEqual(onnx.initializers.values.map(\.values.count).reduce(0, +),
                           net.parameters.map(\.tensor.count).reduce(0, +), "\(name).onnx holds every parameter")
            let params = url.appendingPathComponent("\(name)-params")
            try FileManager.default.createDirectory(at: params, withIntermediateDirectories: true)
            for p in net.parameters { try NPY.encode(p.tensor).write(to: params.appendingPathComponent("\(p.name).npy")) }
            guard let images else { continue }
            let predictions = net.predict(.floats(images))
            XCTAssertEqual(predictions.shape, [images.shape[0], 10], name)
            try NPY.encode(predictions).write(to: url.appendingPathComponent("\(name)-predictions.npy"))

            let torchURL = url.appendingPathComponent("torch-\(name).safetensors")
            guard FileManager.default.fileExists(atPath: torchURL.path) else { continue }
            let (tensors, _) = try SafeTensors.decode(Data(contentsOf: torchURL), file: torchURL.path, skipNonFloat: true)
            let imported = try Fixtures.network(spec, seed: 99)
            try imported.setParameters(try TorchLayout.match(tensors, to: imported.parameters, file: torchURL.path, spec: spec))
            try NPY.encode(imported.predict(.floats(images))).write(to: url.appendingPathComponent("torch-\(name)-fm-predictions.npy"))
        }
    }
}
