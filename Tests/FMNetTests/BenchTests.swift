import Dispatch
import Foundation
import XCTest
import FMTensor
import FMNet

/// Timing of one training epoch (60,000 images, batch 32, Adam) and of inference for the blog's
/// models. Skipped unless FM_BENCH=1. Nothing is asserted about time (the machine is shared);
/// what is asserted is that the timed work was done: one epoch with a finite loss, a probability
/// row per test image, the right product. Run in release:
///   FM_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter FMNetTests.BenchTests
final class BenchTests: XCTestCase {
    override func setUpWithError() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["FM_BENCH"] == "1", "set FM_BENCH=1 to time epochs")
    }

    func data(_ n: Int, shape: [Int]) -> (Tensor, [Int32]) {
        var rng = SeededRandom(seed: 1)
        let per = shape.reduce(1, *)
        let x = (try? Tensor(shape: [n] + shape, scalars: (0..<(n * per)).map { _ in rng.nextUnitFloat() })) ?? Tensor(shape: [0])
        return (x, (0..<n).map { _ in Int32(rng.next() % 10) })
    }

    /// Uncompressed IDX files (`FM_BENCH_IDX=DIR` holding `train-images-idx3-ubyte` etc.), pixels / 255.
    func idx(_ dir: String, _ set: String, limit: Int, shape: [Int]) -> (Tensor, [Int32])? {
        guard let images = FileManager.default.contents(atPath: "\(dir)/\(set)-images-idx3-ubyte"),
              let labels = FileManager.default.contents(atPath: "\(dir)/\(set)-labels-idx1-ubyte") else { return nil }
        let n = min(limit, labels.count - 8), per = shape.reduce(1, *)
        let pixels = images.dropFirst(16).prefix(n * per).map { Float($0) / 255 }
        guard let x = try? Tensor(shape: [n] + shape, scalars: pixels) else { return nil }
        return (x, labels.dropFirst(8).prefix(n).map { Int32($0) })
    }

    func time(_ name: String, spec: ModelSpec, images: Int) throws {
        let n = Int(ProcessInfo.processInfo.environment["FM_BENCH_IMAGES"] ?? "") ?? images
        let dir = ProcessInfo.processInfo.environment["FM_BENCH_IDX"]
        let (x, y) = dir.flatMap { idx($0, "train", limit: n, shape: spec.inputShape) } ?? data(n, shape: spec.inputShape)
        var rng = SeededRandom(seed: 2)
        let net = try Network(spec: spec, rng: &rng)
        let trainer = Trainer(network: net, compile: CompileSpec())
        var config = TrainConfig()
        config.batchSize = 32
        let r = try trainer.fit(images: .floats(x), labels: y, validation: nil, config: config, rng: &rng)
        XCTAssertEqual(r.history.map(\.epoch), [1], name)
        let seconds = r.history[0].seconds
        XCTAssertTrue(r.history[0].loss.isFinite && seconds > 0, "\(name): \(r.history[0])")
        let (tx, ty) = dir.flatMap { idx($0, "t10k", limit: 10_000, shape: spec.inputShape) } ?? data(10_000, shape: spec.inputShape)
        if dir != nil {
            let e = trainer.evaluate(images: .floats(tx), labels: ty)
            // One epoch on the real images: both blog networks pass 80% (85–89% measured).
            if n >= 60_000 { XCTAssertGreaterThan(e.accuracy, 0.8, "\(name) after one epoch") }
            print(String(format: "BENCH %@: after 1 epoch: train loss %.4f acc %.4f, test loss %.4f acc %.4f",
                         name, r.history[0].loss, r.history[0].accuracy, e.loss, e.accuracy))
        }
        if let f = Int(ProcessInfo.processInfo.environment["FM_BENCH_INFER_FLOATS"] ?? "") { Network.inferenceBufferFloats = f }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let probabilities = net.predict(.floats(tx), batchSize: Int(ProcessInfo.processInfo.environment["FM_BENCH_PREDICT_BATCH"] ?? "") ?? 256)
        let inferSeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        XCTAssertEqual(probabilities.shape, [ty.count, 10], name)
        let rowSums = stride(from: 0, to: probabilities.scalars.count, by: 10).map { probabilities.scalars[$0..<($0 + 10)].reduce(0, +) }
        XCTAssertTrue(rowSums.allSatisfy { abs($0 - 1) < 1e-4 }, "\(name): a probability row does not sum to 1")
        let gflops = Double(spec.flopsPerExample()) * 3 * Double(n) / seconds / 1e9
        print(String(format: "BENCH %@: train epoch %d images %.2f s (≈%.0f GFLOP/s at 3× forward FLOPs, 60k-equivalent %.2f s); predict 10k %.2f s = %.0f images/s",
                     name, n, seconds, gflops, seconds * 60_000 / Double(n), inferSeconds, 10_000 / inferSeconds))
    }

    func testBlogNNEpoch() throws { try time("NN", spec: Blog.nn, images: 60_000) }
    func testBlogCNNEpoch() throws { try time("CNN", spec: Blog.cnn, images: 60_000) }

    func testSgemmRate() {
        let n = 1024
        let a = FloatBuffer(capacity: n * n), b = FloatBuffer(capacity: n * n), c = FloatBuffer(capacity: n * n)
        a.fill(1, count: n * n); b.fill(0.5, count: n * n)
        BLAS.sgemm(m: n, n: n, k: n, a: a.pointer, b: b.pointer, c: c.pointer)
        if let f = Int(ProcessInfo.processInfo.environment["FM_BENCH_INFER_FLOATS"] ?? "") { Network.inferenceBufferFloats = f }
        let t0 = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<10 { BLAS.sgemm(m: n, n: n, k: n, a: a.pointer, b: b.pointer, c: c.pointer) }
        let s = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        // Every entry of ones · halves is 1024 × 0.5, exactly in float32.
        let product = UnsafeBufferPointer(start: c.pointer, count: n * n)
        XCTAssertTrue(product.allSatisfy { $0 == 512 }, "sgemm 1024³ computed something else")
        print(String(format: "BENCH sgemm 1024³: %.1f GFLOP/s with %d OpenBLAS threads", 20 * Double(n * n * n) / s / 1e9, BLAS.threads))
    }
}
