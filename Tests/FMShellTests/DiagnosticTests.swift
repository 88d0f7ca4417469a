import XCTest
@testable import FMShell

/// Runtime errors render like parse errors: file, line, column, the line and a caret.
final class DiagnosticTests: XCTestCase {
    func testRuntimeErrorsAsExactText() throws {
        let cases: [(String, String)] = [
            ("use nope", "test.fm:1:5: error: no model named `nope`; make one with `model NAME input=28x28`\nuse nope\n    ^~~~"),
            ("model nn input=28x28\nadd conv2d 8 3x3", "test.fm:2:5: error: cannot add conv2d to nn: "),
            ("model nn input=28x28\nadd dense", "test.fm:2:5: error: dense needs a number of units, e.g. `add dense 256 relu`\nadd dense\n    ^~~~~"),
            ("model nn input=28x28\nadd dense 10 softmx", "test.fm:2:14: error: `softmx` does not apply to dense; did you mean `softmax`?\nadd dense 10 softmx\n             ^~~~~~"),
            ("show test[0]", "test.fm:1:6: error: no dataset named `test`; load one first, e.g. `load fashion-mnist`\nshow test[0]\n     ^~~~~~~"),
            ("model m\n", "test.fm:1:9: error: `model` needs `input=SHAPE`, e.g. `input=28x28` for a dense network or `input=28x28x1` for a CNN\nmodel m\n        ^"),
            ("load fashion-mnst", "test.fm:1:6: error: cannot load `fashion-mnst`: expected fashion-mnist, idx, npy, image or images; did you mean `fashion-mnist`?\nload fashion-mnst\n     ^~~~~~~~~~~~"),
        ]
        for (source, expected) in cases {
            let h = try Harness()
            XCTAssertEqual(h.run(source), .failed, source)
            XCTAssertTrue(h.err.hasPrefix(expected), "for \(source):\n\(h.err)\nexpected prefix:\n\(expected)")
        }
    }

    func testScriptStopsAtFirstErrorAfterRunningEarlierLines() throws {
        let h = try Harness()
        let outcome = h.run("model a input=28x28\nadd flatten\nadd dense 10 softmax to zz\nmodel b input=28x28\n", file: "bad.fm")
        XCTAssertEqual(outcome, .failed)
        XCTAssertTrue(h.err.hasPrefix("bad.fm:3:25: error: no model named `zz`"), h.err)
        XCTAssertEqual(h.interpreter.state.modelOrder, ["a"])
        XCTAssertEqual(h.interpreter.state.models["a"]?.spec.layers.count, 1)
    }

    /// Mistakes found without the session stop the whole script before its first line runs.
    func testScriptWithStaticMistakesRunsNothing() throws {
        let h = try Harness()
        var lines = Array(repeating: "models", count: 40)
        lines[0] = "model a input=28x28"
        lines[1] = "add dense 10 sofmax"
        lines[6] = "train a epochs=0"
        lines[39] = "translate test as t"
        XCTAssertEqual(h.run(lines.joined(separator: "\n"), file: "bad.fm"), .failed)
        XCTAssertEqual(h.interpreter.state.modelOrder, [], "nothing ran")
        XCTAssertEqual(h.out, "")
        let firstLines = h.err.split(separator: "\n").filter { $0.hasPrefix("bad.fm:") }
        XCTAssertEqual(firstLines, [
            "bad.fm:2:14: error: `sofmax` does not apply to dense; did you mean `softmax`?",
            "bad.fm:7:9: error: `epochs` must be a whole number from 1 to 100000, got `0`",
            "bad.fm:40:1: error: `translate` needs one of corner=, dx=/dy=, random=, rotate= or scale=",
        ])
    }

    func testJSONErrorObject() throws {
        let h = try Harness(json: true)
        h.run("use nope")
        XCTAssertTrue(h.out.contains(#"{"error":"no model named `nope`; make one with `model NAME input=28x28`","file":"test.fm","line":1,"column":5}"#), h.out)
    }
}
