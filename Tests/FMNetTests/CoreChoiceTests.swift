import XCTest
import FMTensor
@testable import FMNet

/// Running every chunk on the calling thread changes where the work runs, never the results.
final class CoreChoiceTests: XCTestCase {
    let spec = ModelSpec(inputShape: [10, 10, 1], layers: [
        .conv2d(filters: 4, kernel: [3, 3], strides: [1, 1], padding: .same, activation: .relu),
        .maxpool(pool: [2, 2], strides: [2, 2]), .flatten,
        .dense(units: 64, activation: .relu), .dense(units: 4, activation: .softmax),
    ])

    /// 48 steps: with the choice on, steps 16–31 run on the caller alone (the one-core probe).
    func train(choosing: Bool) throws -> [Float] {
        let before = CoreChoice.enabled
        CoreChoice.enabled = choosing
        defer { CoreChoice.enabled = before }
        var rng = SeededRandom(seed: 8)
        let net = try Network(spec: spec, rng: &rng)
        let (x, y) = quadrantImages(count: 96, seed: 6)
        var config = TrainConfig()
        config.epochs = 2; config.batchSize = 4
        _ = try Trainer(network: net, compile: CompileSpec()).fit(images: .floats(x), labels: y, validation: nil, config: config, rng: &rng)
        XCTAssertFalse(Parallel.callerOnly, "training leaves all cores on")
        return net.parameters.flatMap(\.tensor.scalars)
    }

    func testChoosingCoresGivesTheSameWeights() throws {
        try XCTSkipUnless(Parallel.workers > 1, "one core: nothing to compare")
        XCTAssertEqual(try train(choosing: true), try train(choosing: false))
    }

    func testCallerOnlyRunsEveryChunkOnTheCaller() {
        Parallel.callerOnly = true
        defer { Parallel.callerOnly = false }
        let caller = pthread_self()
        let onCaller = UnsafeMutablePointer<Bool>.allocate(capacity: 64)
        defer { onCaller.deallocate() }
        Parallel.forEach(64, costPerItem: 1 << 20) { r in for i in r { onCaller[i] = pthread_equal(pthread_self(), caller) != 0 } }
        XCTAssertTrue((0..<64).allSatisfy { onCaller[$0] })
    }
}
