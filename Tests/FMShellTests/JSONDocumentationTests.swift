import Foundation
import XCTest
@testable import FMShell

/// docs/json.md agrees with the objects `--json` prints: every statement is run, and each
/// object's keys must be one row of the page's table, in order; every row must be printed; every
/// `Output.result` name in the sources must have a row.
final class JSONDocumentationTests: XCTestCase {
    /// One row of the table: the `statement` value and the keys after it.
    struct Row: Hashable, CustomStringConvertible {
        var statement: String
        var keys: [String]
        var description: String { "\(statement): \(keys.joined(separator: ", "))" }
    }

    static let page = Harness.root.appendingPathComponent("docs/json.md")

    /// The rows of the "Objects" table: `| \`statement\` | printed | \`key\`, \`key\` | notes |`.
    func documentedRows() throws -> [Row] {
        let text = try String(contentsOf: JSONDocumentationTests.page, encoding: .utf8)
        var rows: [Row] = []
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5 else { continue }
            let keys = cells[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
            rows.append(Row(statement: cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")), keys: keys.filter { !$0.isEmpty }))
        }
        return rows
    }

    /// An object's row: `accuracy_test`, `accuracy_ours`, … become one `accuracy_DATASET`.
    func row(of object: [(String, Any)]) -> Row? {
        guard let first = object.first, first.0 == "statement", let statement = first.1 as? String else { return nil }
        var keys: [String] = []
        for (key, _) in object.dropFirst() {
            let k = key.hasPrefix("accuracy_") ? "accuracy_DATASET" : key
            if keys.last != k { keys.append(k) }
        }
        return Row(statement: statement, keys: keys)
    }

    /// The keys of a JSON object line in order (JSONSerialization forgets the order).
    func orderedKeys(_ line: String) throws -> [(String, Any)] {
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], line)
        // Top-level keys are the quoted strings followed by ':' at depth 1.
        var keys: [(String, Any)] = []
        var depth = 0, inString = false, escaped = false, current = "", start: String.Index?
        for i in line.indices {
            let c = line[i]
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" {
                    inString = false
                    current = start.map { String(line[$0..<i]) } ?? ""
                    let next = line.index(after: i)
                    if depth == 1, next < line.endIndex, line[next] == ":" { keys.append((current, object[current] ?? NSNull())) }
                }
                continue
            }
            switch c {
            case "\"": inString = true; start = line.index(after: i)
            case "{", "[": depth += 1
            case "}", "]": depth -= 1
            default: break
            }
        }
        return keys
    }

    func testEveryObjectIsDocumentedAndEveryRowIsPrinted() throws {
        try XCTSkipUnless(Harness.datasetAvailable, "needs Fashion-MNIST")
        let documented = try documentedRows()
        XCTAssertGreaterThan(documented.count, 30)
        let folder = Harness.temporaryFolder()
        let photos = Harness.root.appendingPathComponent("examples/photos").path
        let boot = photos + "/Ankle_boot/boot-phone.jpg"
        let h = try Harness(json: true)
        let script = """
        seed 1
        load fashion-mnist limit=300
        load image "\(boot)" as boot
        load images "\(photos)" as ours
        datasets
        translate test dx=2 as test_s
        model nn input=28x28
        add flatten
        add dense 16 relu
        add dense 10 softmax
        pop
        add dense 10 softmax
        model cnn input=28x28x1
        add conv2d 4 3x3 same relu
        add globalavgpool
        add dense 10 softmax
        use nn
        compile nn optimizer=adam lr=0.01
        summary nn
        summary cnn flops=true
        models
        train nn epochs=2 validation=test keep=best
        train cnn epochs=3 stop_at=0.01
        evaluate nn on test
        evaluate nn on test by=class
        predict nn test[0..1]
        predict nn test[0] to "\(folder)/p.png"
        mistakes nn on test count=2
        mistakes nn on test count=2 to "\(folder)/m.png"
        shiftmap nn range=-1..1 step=1 limit=20
        shiftmap nn range=-1..1 step=1 limit=20 to "\(folder)/s.png"
        compare nn cnn
        plot nn to "\(folder)/plot.png"
        saliency nn test[0]
        saliency nn test[0] to "\(folder)/sal.png"
        show test[0..1]
        show test[0..1] to "\(folder)/show.png"
        show filters cnn to "\(folder)/f.png"
        show activations cnn test[0] to "\(folder)/a.png"
        show image "\(boot)" to "\(folder)/photo.png"
        export test to "\(folder)/t.npy"
        export nn to "\(folder)/nn.safetensors"
        import nn2 from "\(folder)/nn.safetensors"
        note "a note"
        report to "\(folder)/r.html"
        history to "\(folder)/h.fm"
        history
        help train
        sessions
        forget nn2
        forget test_s
        lessons
        lesson first-steps
        help
        lesson stop
        session other
        """
        XCTAssertEqual(h.run(script), .success, h.err)
        var printed = Set<Row>()
        for line in h.out.split(separator: "\n").map(String.init) {
            let object = try orderedKeys(line)
            guard let r = row(of: object) else { XCTFail("not a statement object: \(line)"); continue }
            XCTAssertTrue(documented.contains(r), "docs/json.md has no row \(r) (from \(line.prefix(160)))")
            printed.insert(r)
        }
        for r in documented where !printed.contains(r) {
            XCTFail("docs/json.md documents \(r), which the statements above did not print")
        }
    }

    func testTheErrorObjectIsAsDocumented() throws {
        let text = try String(contentsOf: JSONDocumentationTests.page, encoding: .utf8)
        let block = try XCTUnwrap(text.components(separatedBy: "```json\n").dropFirst().first?.components(separatedBy: "\n").first)
        let h = try Harness(json: true)
        XCTAssertEqual(h.run("trian", file: "<command line>"), .failed)
        let line = try XCTUnwrap(h.out.split(separator: "\n").first.map(String.init))
        XCTAssertEqual(try orderedKeys(line).map(\.0), try orderedKeys(block).map(\.0))
        XCTAssertEqual(line, block, "the page shows the real message")
    }

    /// Every name given to `Output.result` (or to `draw` as `what:`) in Sources/FMShell has a row.
    func testEveryResultInTheSourcesHasARow() throws {
        let documented = Set(try documentedRows().map(\.statement))
        let folder = Harness.root.appendingPathComponent("Sources/FMShell")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        let pattern = try NSRegularExpression(pattern: #"(?:\.result\(|what: )"([a-z_]+)""#)
        var names = Set<String>()
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let r = Range(match.range(at: 1), in: text) { names.insert(String(text[r])) }
            }
        }
        XCTAssertGreaterThan(names.count, 25)
        for name in names.sorted() where !documented.contains(name) {
            XCTFail("Sources/FMShell prints a `\(name)` object that docs/json.md does not document")
        }
    }
}
