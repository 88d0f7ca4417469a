import XCTest
import Foundation
@testable import FMShell

/// Every kind of runtime error, as the user sees it: the whole text on standard error (file,
/// line, column, the line and a caret) and the JSON error object `--json` prints. One row per
/// `RuntimeError` case that input can reach, and one per module whose errors it renders.
final class RuntimeErrorTableTests: XCTestCase {
    struct Case {
        var name: String
        var source: String
        var stderr: String
        var json: String
        init(_ name: String, source: String, stderr: String, json: String) {
            self.name = name; self.source = source; self.stderr = stderr; self.json = json
        }
        var needsDataset: Bool { source.hasPrefix("load fashion-mnist") }
    }

    static let cases: [Case] = [
        Case("unknownModel", source: "use nope",
             stderr: "test.fm:1:5: error: no model named `nope`; make one with `model NAME input=28x28`\nuse nope\n    ^~~~\n",
             json: "{\"error\":\"no model named `nope`; make one with `model NAME input=28x28`\",\"file\":\"test.fm\",\"line\":1,\"column\":5}"),
        Case("unknownDatasetFirstHint", source: "show test[0]",
             stderr: "test.fm:1:6: error: no dataset named `test`; load one first, e.g. `load fashion-mnist`\nshow test[0]\n     ^~~~~~~\n",
             json: "{\"error\":\"no dataset named `test`; load one first, e.g. `load fashion-mnist`\",\"file\":\"test.fm\",\"line\":1,\"column\":6}"),
        Case("unknownDatasetSuggestion", source: "load fashion-mnist\nshow tset[0]",
             stderr: "test.fm:2:6: error: no dataset named `tset`; did you mean `test`?\nshow tset[0]\n     ^~~~~~~\n",
             json: "{\"error\":\"no dataset named `tset`; did you mean `test`?\",\"file\":\"test.fm\",\"line\":2,\"column\":6}"),
        Case("noCurrentModel", source: "add flatten",
             stderr: "test.fm:1:1: error: no current model; make one with `model NAME input=28x28`\nadd flatten\n^~~\n",
             json: "{\"error\":\"no current model; make one with `model NAME input=28x28`\",\"file\":\"test.fm\",\"line\":1,\"column\":1}"),
        Case("noLayers", source: "load fashion-mnist\nmodel m input=28x28\ntrain m limit=10",
             stderr: "test.fm:3:1: error: m has no layers; add some with `add`\ntrain m limit=10\n^~~~~\n",
             json: "{\"error\":\"m has no layers; add some with `add`\",\"file\":\"test.fm\",\"line\":3,\"column\":1}"),
        Case("notAClassifier", source: "load fashion-mnist\nmodel m input=28x28x1\nadd conv2d 4 3x3\ntrain m limit=10",
             stderr: "test.fm:4:1: error: m ends in shape 26x26x4; a classifier ends in one dimension (add flatten or globalavgpool, then dense 10 softmax)\ntrain m limit=10\n^~~~~\n",
             json: "{\"error\":\"m ends in shape 26x26x4; a classifier ends in one dimension (add flatten or globalavgpool, then dense 10 softmax)\",\"file\":\"test.fm\",\"line\":4,\"column\":1}"),
        Case("inputMismatch", source: "load fashion-mnist\nmodel m input=32x32\nadd flatten\nadd dense 10 softmax\ntrain m limit=10",
             stderr: "test.fm:5:1: error: m takes 32x32 images but train has 28x28\ntrain m limit=10\n^~~~~\n",
             json: "{\"error\":\"m takes 32x32 images but train has 28x28\",\"file\":\"test.fm\",\"line\":5,\"column\":1}"),
        Case("labelOutsideModel", source: "load fashion-mnist\nmodel m input=28x28\nadd flatten\nadd dense 5 softmax\ntrain m limit=10",
             stderr: "test.fm:5:1: error: train has label 9 but the model has 5 outputs\ntrain m limit=10\n^~~~~\n",
             json: "{\"error\":\"train has label 9 but the model has 5 outputs\",\"file\":\"test.fm\",\"line\":5,\"column\":1}"),
        Case("outsideDataset", source: "load fashion-mnist\nshow test[10000]",
             stderr: "test.fm:2:6: error: `test[10000]` is outside `test`, which has images 0..9999\nshow test[10000]\n     ^~~~~~~~~~~\n",
             json: "{\"error\":\"`test[10000]` is outside `test`, which has images 0..9999\",\"file\":\"test.fm\",\"line\":2,\"column\":6}"),
        Case("isAModel", source: "model nn input=28x28\nadd flatten\nadd dense 10 softmax\nshow nn",
             stderr: "test.fm:4:6: error: `nn` is a model; did you mean `show filters nn` or `show activations nn test[0]`?\nshow nn\n     ^~\n",
             json: "{\"error\":\"`nn` is a model; did you mean `show filters nn` or `show activations nn test[0]`?\",\"file\":\"test.fm\",\"line\":4,\"column\":6}"),
        Case("cannotAdd", source: "model nn input=28x28\nadd conv2d 8 3x3",
             stderr: "test.fm:2:5: error: cannot add conv2d to nn: conv2d needs a 3-D input (height x width x channels), got 28x28 from the model input\nadd conv2d 8 3x3\n    ^~~~~~\n",
             json: "{\"error\":\"cannot add conv2d to nn: conv2d needs a 3-D input (height x width x channels), got 28x28 from the model input\",\"file\":\"test.fm\",\"line\":2,\"column\":5}"),
        Case("nothingToRemove", source: "model nn input=28x28\npop",
             stderr: "test.fm:2:1: error: nn has no layers to remove\npop\n^~~\n",
             json: "{\"error\":\"nn has no layers to remove\",\"file\":\"test.fm\",\"line\":2,\"column\":1}"),
        Case("layerNumber", source: "model nn input=28x28\nadd flatten\nadd dense 10 softmax\nshow filters nn layer=9",
             stderr: "test.fm:4:17: error: `layer` must be 1 to 2 for nn\nshow filters nn layer=9\n                ^~~~~~~\n",
             json: "{\"error\":\"`layer` must be 1 to 2 for nn\",\"file\":\"test.fm\",\"line\":4,\"column\":17}"),
        Case("noFilters", source: "model nn input=28x28\nadd flatten\nadd dense 10 softmax\nshow filters nn layer=1",
             stderr: "test.fm:4:17: error: layer 1 of nn (flatten) has no filters; try a conv2d or dense layer\nshow filters nn layer=1\n                ^~~~~~~\n",
             json: "{\"error\":\"layer 1 of nn (flatten) has no filters; try a conv2d or dense layer\",\"file\":\"test.fm\",\"line\":4,\"column\":17}"),
        Case("nothingToPlot", source: "model nn input=28x28\nadd flatten\nadd dense 10 softmax\nplot nn",
             stderr: "test.fm:4:1: error: nothing to plot: train a model first\nplot nn\n^~~~\n",
             json: "{\"error\":\"nothing to plot: train a model first\",\"file\":\"test.fm\",\"line\":4,\"column\":1}"),
        Case("noModels", source: "compare",
             stderr: "test.fm:1:1: error: no models to compare\ncompare\n^~~~~~~\n",
             json: "{\"error\":\"no models to compare\",\"file\":\"test.fm\",\"line\":1,\"column\":1}"),
        Case("unknownHelpTopic", source: "help nope",
             stderr: "test.fm:1:6: error: no statement `nope`; did you mean `note`?\nhelp nope\n     ^~~~\n",
             json: "{\"error\":\"no statement `nope`; did you mean `note`?\",\"file\":\"test.fm\",\"line\":1,\"column\":6}"),
        Case("cannotRead", source: "run \"/nonexistent/script.fm\"",
             stderr: "test.fm:1:5: error: cannot read /nonexistent/script.fm\nrun \"/nonexistent/script.fm\"\n    ^~~~~~~~~~~~~~~~~~~~~~~~\n",
             json: "{\"error\":\"cannot read /nonexistent/script.fm\",\"file\":\"test.fm\",\"line\":1,\"column\":5}"),
        Case("exportFormat", source: "model nn input=28x28\nadd flatten\nadd dense 10 softmax\nexport nn to \"nn.txt\"",
             stderr: "test.fm:4:14: error: models are exported as .safetensors or .onnx files\nexport nn to \"nn.txt\"\n             ^~~~~~~~\n",
             json: "{\"error\":\"models are exported as .safetensors or .onnx files\",\"file\":\"test.fm\",\"line\":4,\"column\":14}"),
        Case("memoryRefused", source: "model g input=28x28\nadd flatten\nadd dense 4000000000 relu",
             stderr: "test.fm:3:5: error: dense 4000000000 needs 12.5 TB for its kernel; FM_MEMORY allows 24 GB\nadd dense 4000000000 relu\n    ^~~~~\n",
             json: "{\"error\":\"dense 4000000000 needs 12.5 TB for its kernel; FM_MEMORY allows 24 GB\",\"file\":\"test.fm\",\"line\":3,\"column\":5}"),
        Case("nameTooLong", source: "model aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa input=28x28",
             stderr: "test.fm:1:7: error: a name of 65 characters is too long: at most 64\nmodel aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa input=28x28\n      ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n",
             json: "{\"error\":\"a name of 65 characters is too long: at most 64\",\"file\":\"test.fm\",\"line\":1,\"column\":7}"),
        Case("dataFileMissing", source: "load idx \"/nonexistent/i.gz\" \"/nonexistent/l.gz\" as d",
             stderr: "test.fm:1:10: error: /nonexistent/i.gz: no such file\nload idx \"/nonexistent/i.gz\" \"/nonexistent/l.gz\" as d\n         ^~~~~~~~~~~~~~~~~~~\n",
             json: "{\"error\":\"/nonexistent/i.gz: no such file\",\"file\":\"test.fm\",\"line\":1,\"column\":10}"),
        Case("pictureNotWritable", source: "load fashion-mnist\nshow test[0] to \"/nonexistent/x.png\"",
             stderr: "test.fm:2:17: error: cannot write \"/nonexistent/x.png\": No such file or directory\nshow test[0] to \"/nonexistent/x.png\"\n                ^~~~~~~~~~~~~~~~~~~~\n",
             json: "{\"error\":\"cannot write \\\"/nonexistent/x.png\\\": No such file or directory\",\"file\":\"test.fm\",\"line\":2,\"column\":17}"),
        Case("importMissing", source: "import m from \"/nonexistent/m.safetensors\"",
             stderr: "test.fm:1:15: error: cannot read /nonexistent/m.safetensors\nimport m from \"/nonexistent/m.safetensors\"\n              ^~~~~~~~~~~~~~~~~~~~~~~~~~~~\n",
             json: "{\"error\":\"cannot read /nonexistent/m.safetensors\",\"file\":\"test.fm\",\"line\":1,\"column\":15}"),
    ]

    /// The memory figure is the budget's: FM_MEMORY makes it the same on every machine.
    static let environment = ProcessInfo.processInfo.environment.merging(["FM_MEMORY": "24G"]) { _, new in new }

    func testEveryRuntimeErrorAsTextAndJSON() throws {
        for c in Self.cases where !c.needsDataset || Harness.datasetAvailable {
            let text = try Harness(environment: Self.environment)
            XCTAssertEqual(text.run(c.source), .failed, c.name)
            XCTAssertEqual(text.err, c.stderr, c.name)

            let json = try Harness(json: true, environment: Self.environment)
            XCTAssertEqual(json.run(c.source), .failed, c.name)
            XCTAssertEqual(json.out.split(separator: "\n").last.map(String.init), c.json, c.name)
        }
    }

    func testTheTableNamesEachCaseOnce() {
        XCTAssertEqual(Set(Self.cases.map(\.name)).count, Self.cases.count)
    }
}
