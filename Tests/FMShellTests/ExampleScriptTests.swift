import XCTest
@testable import FMShell

/// Every script in examples/ and in Tests/FMShellTests/Golden/scripts/ runs in the in-process
/// interpreter, in a fresh store and an empty current folder, and everything it prints is
/// compared, line by line, with its golden files: Golden/NAME.stdout and, when it prints
/// anything on standard error, Golden/NAME.stderr (times masked: `GoldenText.masked`).
/// `FM_UPDATE_GOLDEN=1` writes the golden files instead of comparing.
///
/// A script's comments say what else must hold:
/// - `# expect: LINE`: LINE is a line of standard output (in order, leading spaces aside);
/// - `# expect error: FILE:LINE:COL: error: …`: the script fails (`.failed`) with this message;
///   without it the script must succeed (or `quit`);
/// - `# test: skip (reason)`: not run here (the full blog experiment is scripts/experiment's).
final class ExampleScriptTests: XCTestCase {
    func testEveryExample() throws {
        try XCTSkipUnless(Harness.datasetAvailable)
        let scripts = try ExampleScript.all()
        XCTAssertGreaterThanOrEqual(scripts.filter { $0.expectedError != nil }.count, 2, "the failing scripts are missing")
        let update = ProcessInfo.processInfo.environment["FM_UPDATE_GOLDEN"] == "1"
        let previous = FileManager.default.currentDirectoryPath
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        for script in scripts where !script.skipped {
            FileManager.default.changeCurrentDirectoryPath(Harness.temporaryFolder())
            let h = try Harness()
            let outcome = h.run(script.text, file: script.path)
            checkOutcome(outcome, of: script, stderr: h.err)
            checkExpectations(of: script, stdout: h.out)
            let streams = [("stdout", h.out), ("stderr", h.err)]
            for (stream, text) in streams {
                let url = GoldenText.folder.appendingPathComponent("\(script.name).\(stream)")
                if update {
                    try GoldenText.write(GoldenText.masked(text), to: url)
                } else {
                    let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
                    if let difference = GoldenText.difference(expected: expected, actual: GoldenText.masked(text)) {
                        XCTFail("\(script.path): \(stream) differs from Golden/\(url.lastPathComponent) "
                                + "(FM_UPDATE_GOLDEN=1 rewrites it)\n\(difference)")
                    }
                }
            }
        }
        try checkNoStrayGoldenFiles(scripts)
    }

    func checkOutcome(_ outcome: RunOutcome, of script: ExampleScript, stderr: String) {
        guard let expected = script.expectedError else {
            XCTAssertTrue(outcome == .success || outcome == .quit, "\(script.path): \(outcome)\n\(stderr)")
            return
        }
        XCTAssertEqual(outcome, .failed, "\(script.path) should fail with \(expected)")
        let firstError = stderr.split(separator: "\n").first { $0.contains(": error: ") }.map(String.init)
        XCTAssertEqual(firstError, expected, "\(script.path): the error on standard error")
    }

    func checkExpectations(of script: ExampleScript, stdout: String) {
        var lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }[...]
        for expected in script.expectations {
            guard let i = lines.firstIndex(of: expected) else {
                XCTFail("\(script.path): `# expect: \(expected)` is not a line of standard output (in order)")
                return
            }
            lines = lines[(i + 1)...]
        }
    }

    /// Every golden file belongs to a script that runs (a renamed script leaves none behind).
    func checkNoStrayGoldenFiles(_ scripts: [ExampleScript]) throws {
        let names = Set(scripts.filter { !$0.skipped }.map(\.name))
        XCTAssertEqual(names.count, scripts.filter { !$0.skipped }.count, "two scripts share a name")
        let files = try FileManager.default.contentsOfDirectory(atPath: GoldenText.folder.path)
        for file in files where file.hasSuffix(".stdout") || file.hasSuffix(".stderr") {
            let name = (file as NSString).deletingPathExtension
            XCTAssertTrue(names.contains(name), "Golden/\(file) belongs to no script that runs")
        }
        for name in names {
            XCTAssertTrue(files.contains("\(name).stdout"), "Golden/\(name).stdout is missing")
        }
    }

    func testMaskingReplacesOnlyTimes() {
        XCTAssertEqual(GoldenText.masked("nn epoch 1/3 - 0.1s - loss: 1.0867 - accuracy: 0.6253\n"),
                       "nn epoch 1/3 - <s> - loss: 1.0867 - accuracy: 0.6253\n")
        XCTAssertEqual(GoldenText.masked("training time              0.9s ★       13.2s\nepochs  12s\n"),
                       "training time <s> ★ <s>\nepochs  12s\n")
        XCTAssertEqual(GoldenText.masked("* test  nn  5.9 MB  2026-12-07 13:37"), "* test  nn  5.9 MB  <date>")
        XCTAssertEqual(GoldenText.masked("wrote 3x3.png - 12s - x\n"), "wrote 3x3.png - 12s - x\n")
    }

    func testDifferenceNamesTheFirstDifferingLine() {
        XCTAssertNil(GoldenText.difference(expected: "a\nb\n", actual: "a\nb\n"))
        XCTAssertEqual(GoldenText.difference(expected: "a\nb\nc\n", actual: "a\nB\nc\n"),
                       "line 2:\n  expected: b\n  actual:   B")
        XCTAssertEqual(GoldenText.difference(expected: "a\n", actual: "a\nextra\n"),
                       "line 2:\n  expected: (end of output)\n  actual:   extra")
        XCTAssertEqual(GoldenText.difference(expected: "a\nb\n", actual: "a\n"),
                       "line 2:\n  expected: b\n  actual:   (end of output)")
    }
}

/// One script the test runs: where it is, and what its comments say.
struct ExampleScript {
    let path: String           // relative to the repository root, as errors print it
    let name: String           // the golden files' name
    let text: String

    var lines: [String] { text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } }
    var skipped: Bool { lines.contains { $0.hasPrefix("# test: skip") } }
    var expectations: [String] { comments("# expect: ") }
    var expectedError: String? { comments("# expect error: ").first }

    func comments(_ prefix: String) -> [String] {
        lines.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    static let folders = ["examples", "Tests/FMShellTests/Golden/scripts"]

    static func all() throws -> [ExampleScript] {
        var scripts: [ExampleScript] = []
        for folder in folders {
            let url = Harness.root.appendingPathComponent(folder)
            let files = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".fm") }.sorted()
            for file in files {
                let text = try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)
                scripts.append(ExampleScript(path: "\(folder)/\(file)", name: String(file.dropLast(3)), text: text))
            }
        }
        return scripts
    }
}

/// The golden files: where they are, what is masked, and how a difference is shown.
enum GoldenText {
    static let folder = Harness.root.appendingPathComponent("Tests/FMShellTests/Golden")

    /// Wall-clock figures are the only thing that varies between runs on one machine: the
    /// seconds of a training epoch (`nn epoch 1/3 - 0.1s - loss: …`), the `training time` row
    /// of `compare` (its padding too, which follows the figures' widths), and the date and
    /// minute a session was last used (`sessions`). Everything else is compared as printed.
    static let masks: [(line: String, pattern: String, replacement: String)] = [
        (#" epoch \d+/\d+ - "#, #"(?<= - )\d+(\.\d+)?s(?= - |$)"#, "<s>"),
        (#"^training time "#, #" +\d+(\.\d+)?s"#, " <s>"),
        (#"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"#, #"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"#, "<date>"),
    ]

    static func masked(_ text: String) -> String {
        let ending = text.hasSuffix("\n") ? "\n" : ""
        return lines(text).map { line in
            masks.reduce(String(line)) { line, mask in
                guard line.range(of: mask.line, options: .regularExpression) != nil else { return line }
                return line.replacingOccurrences(of: mask.pattern, with: mask.replacement, options: .regularExpression)
            }
        }.joined(separator: "\n") + ending
    }

    /// Standard output is always written; standard error only when it is not empty.
    static func write(_ text: String, to url: URL) throws {
        if text.isEmpty && url.pathExtension == "stderr" {
            try? FileManager.default.removeItem(at: url)
        } else {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// nil when equal, else the first differing line, expected against actual.
    static func difference(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let e = lines(expected), a = lines(actual)
        let end = "(end of output)"
        for i in 0..<max(e.count, a.count) {
            let x = i < e.count ? String(e[i]) : end, y = i < a.count ? String(a[i]) : end
            if x != y { return "line \(i + 1):\n  expected: \(x)\n  actual:   \(y)" }
        }
        return "the outputs differ only in their last newline"
    }

    /// The lines of a text; a final newline ends the last line rather than starting one.
    static func lines(_ text: String) -> [Substring] {
        let all = text.split(separator: "\n", omittingEmptySubsequences: false)
        return text.hasSuffix("\n") ? Array(all.dropLast()) : all
    }
}
