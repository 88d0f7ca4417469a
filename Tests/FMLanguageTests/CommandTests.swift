import XCTest
import FMLanguage

/// Statements become typed commands; a command's canonical text parses back to the same
/// command; mistakes that need no session are found before anything runs.
final class CommandTests: XCTestCase {
    func commands(_ text: String) throws -> [Command] {
        let script = CheckedScript(SourceFile(name: "t.fm", text: text))
        XCTAssertEqual(script.diagnostics.map { $0.rendered() }, [], text)
        return script.commands.map(\.command)
    }

    /// Every statement of the contract, and every example script, round-trips through its text.
    func testCanonicalTextParsesBackToTheSameCommand() throws {
        var sources = [ContractTests.contract]
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples").standardized
        for file in try FileManager.default.contentsOfDirectory(atPath: examples.path) where file.hasSuffix(".fm") {
            sources.append(try String(contentsOf: examples.appendingPathComponent(file), encoding: .utf8))
        }
        var count = 0
        for source in sources {
            for command in try commands(source) {
                let again = try commands(command.text)
                XCTAssertEqual(again, [command], command.text)
                count += 1
            }
        }
        XCTAssertGreaterThan(count, 200)
    }

    func testTypedValuesTakeTheTablesDefaults() throws {
        guard case let .train(t) = try commands("train nn").first else { return XCTFail("not a train") }
        XCTAssertEqual(t.model?.value, "nn")
        XCTAssertEqual(t.epochs, 1)
        XCTAssertEqual(t.batch, 32)
        XCTAssertEqual(t.keep, .last)
        XCTAssertEqual(t.on.value, "train")
        XCTAssertNil(t.validation)
        XCTAssertTrue(t.shuffle)
        guard case let .train(u) = try commands("train Epochs=3 keep=best Validation=test augment=shift:2").first else { return XCTFail() }
        XCTAssertNil(u.model)
        XCTAssertEqual(u.epochs, 3)
        XCTAssertEqual(u.keep, .best)
        XCTAssertEqual(u.validation?.value, "test")
        XCTAssertEqual(u.augmentShift, 2)
        XCTAssertEqual(Command.train(u).text, "train epochs=3 validation=test keep=best augment=shift:2")
    }

    func testLayersAndTransformsAreTyped() throws {
        let c = try commands("""
        add conv2d 64 3x3 same relu to cnn
        add dense units=10 activation=softmax
        translate test corner=bottom-right as br
        translate test[0..9] dx=3 as s
        """)
        guard case let .add(conv) = c[0] else { return XCTFail("not an add") }
        XCTAssertEqual(conv.layer, .conv2d(filters: 64, kernel: [3, 3], strides: [1, 1], padding: .same, activation: .relu))
        XCTAssertEqual(conv.layerSpan, Span(SourceLocation(line: 1, column: 5), length: 6))
        XCTAssertEqual(conv.target?.value, "cnn")
        XCTAssertEqual(conv.target?.span, Span(SourceLocation(line: 1, column: 32), length: 3))
        guard case let .add(dense) = c[1], case let .translate(br) = c[2], case let .translate(s) = c[3] else { return XCTFail() }
        XCTAssertEqual(dense.layer, .dense(units: 10, activation: .softmax))
        XCTAssertEqual(br.transform, .corner(.bottomRight))
        XCTAssertEqual(s.transform, .shift(dx: 3, dy: 0))
        XCTAssertEqual(s.data.range, 0...9)
    }

    /// A script's mistakes are all reported, each once, before anything runs.
    func testEveryMistakeOfAScriptIsReported() {
        var lines = Array(repeating: "summary", count: 40)
        lines[1] = "train nn epochs=0"
        lines[6] = "translate test dx=1 rotate=3 as t"
        lines[39] = "train nn keep=best"
        let script = CheckedScript(SourceFile(name: "s.fm", text: lines.joined(separator: "\n")))
        XCTAssertEqual(script.diagnostics.map { $0.rendered() }, [
            "s.fm:2:10: error: `epochs` must be a whole number from 1 to 100000, got `0`\ntrain nn epochs=0\n         ^~~~~~~~",
            "s.fm:7:1: error: give one transform per `translate` (chain them through new datasets)\ntranslate test dx=1 rotate=3 as t\n^~~~~~~~~",
            "s.fm:40:10: error: `keep=best` needs `validation=DATASET` to know which epoch was best\ntrain nn keep=best\n         ^~~~~~~~~",
        ])
    }

    /// Each rule and form mistake, with its exact text.
    func testCommandErrors() {
        let cases: [(String, String)] = [
            ("translate test as t", "1:1: error: `translate` needs one of corner=, dx=/dy=, random=, rotate= or scale="),
            ("translate test corner=random as test", "1:33: error: choose a new name: `test` would replace the dataset it is made from"),
            ("add dense", "1:5: error: dense needs a number of units, e.g. `add dense 256 relu`"),
            ("add dens 3", "1:5: error: unknown layer `dens`; did you mean `dense`?"),
            ("add flatten 3", "1:13: error: `3` does not apply to flatten"),
            ("add maxpool relu", "1:13: error: `relu` does not apply to maxpool"),
            ("add dropout 1.5", "1:13: error: dropout needs a rate from 0 up to (not including) 1, e.g. `add dropout 0.25`"),
            ("add conv2d 8 kernel=0x3", "1:21: error: malformed shape `0x3`; expected positive whole numbers such as 28x28 or 3x3"),
            ("model m input=1x2x3x4", "1:9: error: `input` takes 1 to 3 sides above 0 such as 28x28, got `1x2x3x4`"),
            ("model m", "1:9: error: `model` needs `input=SHAPE`, e.g. `input=28x28` for a dense network or `input=28x28x1` for a CNN"),
            ("load fashion-mnst", "1:6: error: cannot load `fashion-mnst`: expected fashion-mnist, idx, npy, image or images; did you mean `fashion-mnist`?"),
            ("load idx \"a\" as x", "1:14: error: expected the labels file in quotes, got `as`"),
            ("train nn augment=shift", "1:10: error: `augment` takes shift:N with N from 1 to 14, e.g. augment=shift:2, got `shift`"),
            ("shiftmap nn range=-30..30", "1:13: error: `range` must be a range such as -6..6, at most 41 wide, got `-30..30`"),
            ("seed -1", "1:6: error: `seed` must be 0 or more, got `-1`"),
            ("predict", "1:9: error: `predict` needs images such as `test[0]`"),
            ("export nn", "1:11: error: `export` needs `to \"FILE\"`"),
            ("use nn cnn", "1:8: error: unexpected `cnn` here"),
            ("compile lr=0", "1:9: error: `lr` must be above 0 and at most 10, got `0`"),
        ]
        for (source, expected) in cases {
            let script = CheckedScript(SourceFile(name: "t", text: source))
            let first = script.diagnostics.first.map { $0.rendered().split(separator: "\n")[0] }
            XCTAssertEqual(first.map(String.init), "t:" + expected, source)
        }
    }
}
