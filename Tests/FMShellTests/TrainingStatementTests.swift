import XCTest
import FMLanguage
@testable import FMShell

/// Small real training runs (a subset of Fashion-MNIST).
final class TrainingStatementTests: XCTestCase {
    override func setUpWithError() throws {
        try XCTSkipUnless(Harness.datasetAvailable, "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)")
    }

    func testTrainEvaluatePredictAsJSON() throws {
        let h = try Harness(json: true)
        let script = "seed 3\nload fashion-mnist limit=2000\n" + blogNN + "\ntrain nn epochs=2 validation=test\nevaluate nn on test\npredict nn test[0]"
        XCTAssertEqual(h.run(script), .success, h.err)
        let epochs = h.out.split(separator: "\n").filter { $0.contains(#""statement":"train""#) }
        XCTAssertEqual(epochs.count, 2)
        XCTAssertTrue(epochs[1].hasPrefix(#"{"statement":"train","model":"nn","epoch":2,"seconds":"#), String(epochs[1]))
        let evaluation = try XCTUnwrap(h.out.split(separator: "\n").first { $0.contains(#""statement":"evaluate""#) })
        let object = try JSONSerialization.jsonObject(with: Data(evaluation.utf8)) as? [String: Any]
        XCTAssertEqual(object?["count"] as? Int, 2000)
        XCTAssertGreaterThan(object?["accuracy"] as? Double ?? 0, 0.70)
        XCTAssertTrue(h.out.contains(#"{"statement":"predict","model":"nn","dataset":"test","index":0,"truth":9,"predicted":"#), h.out)
    }

    func testSeedMakesRunsRepeatable() throws {
        let script = "seed 11\nload fashion-mnist limit=1000\n" + blogNN + "\ntrain nn epochs=1 batch=50\nevaluate nn on test"
        var results: [String] = []
        for _ in 0..<2 {
            let h = try Harness(json: true)
            XCTAssertEqual(h.run(script), .success, h.err)
            let line = h.out.split(separator: "\n").first { $0.contains(#""statement":"evaluate""#) } ?? ""
            results.append(line.replacingOccurrences(of: #","seconds":[0-9.e-]+"#, with: "", options: .regularExpression))
        }
        XCTAssertEqual(results[0], results[1])
    }

    func testKeepBestNeedsValidation() throws {
        let h = try Harness()
        XCTAssertEqual(h.run("load fashion-mnist limit=100\n" + blogNN + "\ntrain nn keep=best"), .failed)
        XCTAssertTrue(h.err.contains("`keep=best` needs `validation=DATASET`"), h.err)
    }

    func testTrainingACNNOnASubset() throws {
        let h = try Harness(json: true)
        let script = "seed 5\nload fashion-mnist limit=600\n" + blogCNN + "\ntrain cnn epochs=1 batch=32\nevaluate cnn on test"
        XCTAssertEqual(h.run(script), .success, h.err)
        XCTAssertTrue(h.out.contains(#""statement":"train","model":"cnn","epoch":1"#), h.out)
    }
}

/// An interrupted `train` is replayed with the epochs it kept: the command's canonical text
/// with `epochs` set, whatever the case of the option names as written.
final class ReplayTextTests: XCTestCase {
    func replay(_ text: String, epochs: Int) throws -> String {
        let statement = try XCTUnwrap(try Parser.parse(SourceFile(name: "t", text: text)).first?.get())
        guard case var .train(train) = try Command(statement) else { XCTFail("not a train"); return "" }
        train.epochs = epochs
        return Command.train(train).text
    }

    func testEpochsOptionRewritten() throws {
        XCTAssertEqual(try replay("train nn epochs=50 limit=20000", epochs: 3), "train nn epochs=3 limit=20000")
        XCTAssertEqual(try replay("train nn limit=20000", epochs: 2), "train nn epochs=2 limit=20000")
        XCTAssertEqual(try replay("train cnn\tEpochs=9 VALIDATION=test", epochs: 4), "train cnn epochs=4 validation=test")
        XCTAssertEqual(try replay("train nn Epochs=3", epochs: 1), "train nn", "one epoch is the default")
    }
}
