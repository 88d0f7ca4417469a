import XCTest
import FMStore
@testable import FMShell

/// What one process builds is there, complete, in the next.
final class SessionPersistenceTests: XCTestCase {
    func testModelsDatasetsAndTranscriptSurviveAReopen() throws {
        try XCTSkipUnless(Harness.datasetAvailable)
        let h = try Harness()
        let script = "seed 2\nload fashion-mnist limit=500\n" + blogNN + "\ncompile nn lr=0.002\ntrain nn epochs=2 validation=test\n" +
            "translate test corner=top-left as test_tl\nevaluate nn on test_tl"
        XCTAssertEqual(h.run(script), .success, h.err)
        let before = h.interpreter.state.models["nn"]
        let weights = before?.network?.parameters.map { $0.tensor.scalars }
        let translated = try h.interpreter.state.pixels(of: "test_tl").images.scalars
        try h.reopen()
        let s = h.interpreter.state
        XCTAssertEqual(s.datasetOrder, ["train", "test", "test_tl"])
        XCTAssertEqual(s.datasets["train"]?.count, 500, "the store's record gives the count")
        XCTAssertNil(s.datasets["test_tl"]?.cached, "a reopened session makes no pixels until a statement needs them")
        XCTAssertEqual(try s.pixels(of: "train").count, 500, "the limit is part of the recipe")
        XCTAssertEqual(try s.pixels(of: "test_tl").images.scalars, translated)
        let nn = try XCTUnwrap(s.models["nn"])
        XCTAssertEqual(nn.epochs, 2)
        XCTAssertEqual(nn.compile?.learningRate, 0.002)
        XCTAssertNil(nn.network, "a reopened session builds no network until a statement needs it")
        XCTAssertTrue(nn.weightsInStore && nn.hasWeights)
        try h.interpreter.materialize(nn)
        XCTAssertEqual(nn.network?.parameters.map { $0.tensor.scalars }, weights)
        XCTAssertNotNil(nn.trainer, "optimiser state restored")
        XCTAssertEqual(s.currentModel, "nn")
        h.clear()
        h.run("history")
        XCTAssertTrue(h.out.contains("train nn epochs=2 validation=test"), h.out)
        XCTAssertFalse(h.out.contains("   history"), "history itself is not recorded")
    }

    func testHistoryToRebuildsTheSession() throws {
        try XCTSkipUnless(Harness.datasetAvailable)
        let h = try Harness()
        XCTAssertEqual(h.run("seed 9\nload fashion-mnist limit=300\n" + blogNN + "\ntrain nn epochs=1\ntranslate test dx=2 dy=-1 as test_s"), .success, h.err)
        let path = h.home + "/rebuild.fm"
        h.run("history to \"\(path)\"")
        let rebuilt = try Harness()
        XCTAssertEqual(rebuilt.run(try String(contentsOfFile: path), file: path), .success, rebuilt.err)
        XCTAssertEqual(rebuilt.interpreter.state.datasetOrder, h.interpreter.state.datasetOrder)
        XCTAssertEqual(rebuilt.interpreter.state.models["nn"]?.network?.parameters.map { $0.tensor.scalars },
                       h.interpreter.state.models["nn"]?.network?.parameters.map { $0.tensor.scalars })
    }

    func testForgetAndSessions() throws {
        let h = try Harness(json: true)
        XCTAssertEqual(h.run(blogNN + "\nsession other\nmodel x input=4\nsessions"), .success, h.err)
        XCTAssertTrue(h.out.contains(#"{"statement":"sessions","session":"test","models":["nn"]"#), h.out)
        XCTAssertEqual(h.run("session test\nforget nn\nmodels"), .success, h.err)
        XCTAssertNil(h.interpreter.state.models["nn"])
        try h.reopen()
        XCTAssertNil(h.interpreter.state.models["nn"])
    }

    func testAFailedStatementStoresNothing() throws {
        let h = try Harness()
        h.run("model a input=28x28\nadd dense 10 relu to nosuch")
        try h.reopen()
        XCTAssertEqual(h.interpreter.state.models["a"]?.spec.layers.count, 0)
    }
}
