import XCTest
@testable import FMShell

let blogNN = """
model nn input=28x28
add flatten
add dense 256 relu
add dense 256 relu
add dense 10 softmax
"""

let blogCNN = """
model cnn input=28x28x1
add conv2d 64 3x3 same relu
add maxpool 2x2
add conv2d 128 3x3 same relu
add maxpool 2x2
add conv2d 128 3x3 same relu
add globalavgpool
add dense 10 softmax
"""

final class ModelStatementTests: XCTestCase {
    func testBlogSummariesAsJSON() throws {
        let h = try Harness(json: true)
        XCTAssertEqual(h.run(blogNN + "\nsummary nn\n" + blogCNN + "\nsummary cnn"), .success, h.err)
        let lines = h.out.split(separator: "\n").filter { $0.contains(#""statement":"summary""#) }
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasPrefix(#"{"statement":"summary","model":"nn","total_params":269322,"layers":[{"type":"flatten","output_shape":[784],"params":0},{"type":"dense","output_shape":[256],"params":200960}"#), String(lines[0]))
        XCTAssertTrue(lines[1].contains(#""model":"cnn","total_params":223370"#), String(lines[1]))
        XCTAssertTrue(lines[1].contains(#"{"type":"conv2d","output_shape":[28,28,64],"params":640}"#), String(lines[1]))
    }

    func testSummaryTextHasKerasTotals() throws {
        let h = try Harness()
        h.run(blogCNN + "\nsummary flops=true")
        XCTAssertTrue(h.out.contains("Total params: 223,370"), h.out)
        XCTAssertTrue(h.out.contains("FLOPs per image (forward):"), h.out)
    }

    func testBadStacksAreRefusedAndChangeNothing() throws {
        let cases: [(String, String)] = [
            ("model m input=28x28\nadd flatten\nadd conv2d 8 3x3", "conv2d"),
            ("model m input=28x28x1\nadd dense 10", "dense"),
            ("model m input=4x4x1\nadd maxpool 2x2\nadd maxpool 2x2\nadd maxpool 2x2", "maxpool"),
        ]
        for (script, kind) in cases {
            let h = try Harness()
            XCTAssertEqual(h.run(script), .failed, script)
            XCTAssertTrue(h.err.contains("error: cannot add \(kind) to m:"), h.err)
            let layers = script.split(separator: "\n").count - 2
            XCTAssertEqual(h.interpreter.state.models["m"]?.spec.layers.count, layers, script)
        }
    }

    func testUsePopAndAddToAnotherModel() throws {
        let h = try Harness(json: true)
        XCTAssertEqual(h.run(blogNN + "\n" + blogCNN + "\nuse nn\nadd dense 64 relu to cnn\npop\nmodels"), .success, h.err)
        XCTAssertEqual(h.interpreter.state.currentModel, "nn")
        XCTAssertEqual(h.interpreter.state.models["nn"]?.spec.layers.count, 3)
        XCTAssertEqual(h.interpreter.state.models["cnn"]?.spec.layers.count, 8)
        XCTAssertTrue(h.out.contains(#"{"statement":"models","model":"nn","layers":3,"params":266752,"epochs":0,"best_val_accuracy":null}"#), h.out)
    }

    func testHelpComesFromTheStatementTable() throws {
        let h = try Harness()
        h.run("help\nhelp train")
        for name in ["load", "train", "translate", "shiftmap", "report"] { XCTAssertTrue(h.out.contains(name), name) }
        for option in ["epochs", "batch", "validation", "stop_at", "keep", "limit", "augment", "patience"] {
            XCTAssertTrue(h.out.contains(option), option)
        }
    }
}
