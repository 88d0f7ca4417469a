import XCTest
@testable import FMShell

/// Every script in examples/ runs, and its `# expect:` lines appear in its output, in order.
/// A script that starts with a `# test: skip (reason)` line is left to scripts/experiment.
final class ExampleScriptTests: XCTestCase {
    func testEveryExample() throws {
        try XCTSkipUnless(Harness.datasetAvailable)
        let folder = Harness.root.appendingPathComponent("examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".fm") }.sorted()
        XCTAssertFalse(files.isEmpty)
        let previous = FileManager.default.currentDirectoryPath
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        for file in files {
            let path = folder.appendingPathComponent(file).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            if text.split(separator: "\n").contains(where: { $0.hasPrefix("# test: skip") }) { continue }
            FileManager.default.changeCurrentDirectoryPath(Harness.temporaryFolder())
            let h = try Harness()
            let outcome = h.run(text, file: path)
            XCTAssertTrue(outcome == .success || outcome == .quit, "\(file): \(outcome) \(h.err)")
            var lines = h.out.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }[...]
            for expected in Self.expectations(in: text) {
                guard let i = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == expected }) else {
                    XCTFail("\(file): expected the line `\(expected)` (in order) in:\n\(h.out)")
                    break
                }
                lines = lines[(i + 1)...]
            }
        }
    }

    static func expectations(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let t = line.trimmingCharacters(in: .whitespaces)
            return t.hasPrefix("# expect: ") ? String(t.dropFirst("# expect: ".count)) : nil
        }
    }
}
