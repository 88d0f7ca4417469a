import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
import FMStore
import FMLanguage
import FMGraphics
@testable import FMShell

/// Every statement that shows a result keeps it in the session, and `report to` draws all of
/// it: driven through the interpreter on small subsets, the page parsed as XML (the report is
/// written well-formed).
final class ShellKeptResultTests: XCTestCase {
    /// Two small networks trained for one epoch on 300 images, then every result statement.
    static let script = """
        seed 3
        load fashion-mnist limit=300
        model nn input=28x28
        add flatten
        add dense 16 relu
        add dense 10 softmax
        model cnn input=28x28x1
        add conv2d 4 3x3 same relu
        add maxpool 2x2
        add flatten
        add dense 10 softmax
        train nn epochs=1
        train cnn epochs=1
        summary nn
        evaluate nn on test by=class
        predict nn cnn test[0..3]
        mistakes cnn on test count=4
        shiftmap nn cnn range=-1..1 limit=50
        compare nn cnn limit=50
        show test[0..5]
        show filters cnn layer=1
        show activations cnn test[0] layer=1
        saliency cnn test[0]
        plot nn cnn
        note "the CNN <b>sees</b> edges & corners"
        """

    /// The kinds the script keeps, in order.
    static let kinds = ["summary", "evaluation", "predictions", "mistakes", "shiftmap", "compare", "images",
                        "filters", "activations", "saliency", "plot", "note"]

    func testEveryResultStatementIsKeptAndReported() throws {
        try XCTSkipUnless(Harness.datasetAvailable)
        let h = try Harness()
        XCTAssertEqual(h.run(Self.script), .success, h.err)
        XCTAssertEqual(try storedKinds(h), Self.kinds)

        let path = h.home + "/report.html"
        h.clear()
        XCTAssertEqual(h.run("report to \"\(path)\""), .success, h.err)
        XCTAssertTrue(h.out.contains("wrote \(path)"), h.out)
        XCTAssertEqual(h.err, "", "no warnings")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: h.home).filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [], "the temporary file was renamed")

        let page = try Page(String(contentsOfFile: path, encoding: .utf8))
        let results = page.sections.filter { $0.className.hasPrefix("result ") }
        XCTAssertEqual(results.map(\.className), Self.kinds.map { "result kind-\($0)" }, "every kept result, in order")
        XCTAssertEqual(results.map(\.id), (1...Self.kinds.count).map { "result-\($0)" })
        func text(_ kind: String) -> String { results.first { $0.className == "result kind-\(kind)" }?.text ?? "" }
        XCTAssertTrue(text("summary").contains("dense_2"), text("summary"))
        XCTAssertTrue(text("evaluation").contains("Confusion matrix"), "by=class keeps the confusion matrix")
        XCTAssertTrue(text("evaluation").contains("Ankle boot"), "with the class names")
        XCTAssertTrue(text("predictions").contains("predict nn cnn test[0..3]"), "the statement as typed")
        XCTAssertTrue(text("compare").contains("FLOPs per image"), text("compare"))
        XCTAssertTrue(text("note").contains("the CNN <b>sees</b> edges & corners"), "the note's own words, escaped")
        XCTAssertTrue(text("images").contains("test[0..5]"), text("images"))
        for id in ["datasets", "models", "curves", "results", "compare", "notes", "statements"] {
            XCTAssertNotNil(page.sections.first { $0.id == id }, "section \(id)")
        }
        XCTAssertTrue(page.sections.first { $0.id == "statements" }?.text.contains("shiftmap nn cnn range=-1..1 limit=50") ?? false)
        XCTAssertTrue(page.sections.first { $0.id == "models" }?.text.contains("cnn") ?? false)
        // Pictures: images, predictions, mistakes, filters, activations and saliency as PNG; the shiftmap, the plot and the curves as SVG.
        XCTAssertGreaterThanOrEqual(page.imageSources.filter { $0.hasPrefix("data:image/png;base64,") }.count, 6)
        XCTAssertGreaterThanOrEqual(page.elementCounts["svg", default: 0], 3)
        XCTAssertFalse(page.imageSources.contains { !$0.hasPrefix("data:") }, "nothing from the network or the disk")
    }

    func testKeptResultsSurviveReopeningTheSession() throws {
        try XCTSkipUnless(Harness.datasetAvailable)
        let h = try Harness()
        XCTAssertEqual(h.run("seed 5\nload fashion-mnist limit=200\nmodel nn input=28x28\nadd flatten\nadd dense 10 softmax\n" +
                             "train nn epochs=1\nevaluate nn on test by=class\nnote \"before the break\""), .success, h.err)
        try h.reopen()
        XCTAssertEqual(h.run("show test[2..3]\nnote \"after the break\""), .success, h.err)
        XCTAssertEqual(try storedKinds(h), ["evaluation", "note", "images", "note"])
        let path = h.home + "/again.html"
        XCTAssertEqual(h.run("report to \"\(path)\""), .success, h.err)
        let page = try Page(String(contentsOfFile: path, encoding: .utf8))
        let notes = page.sections.first { $0.id == "notes" }?.text ?? ""
        XCTAssertTrue(notes.contains("before the break") && notes.contains("after the break"), notes)
        XCTAssertEqual(page.sections.filter { $0.className.hasPrefix("result ") }.map(\.className),
                       ["result kind-evaluation", "result kind-note", "result kind-images", "result kind-note"])
    }

    func testAFailedStatementKeepsNothing() throws {
        try XCTSkipUnless(Harness.datasetAvailable)
        let h = try Harness()
        XCTAssertEqual(h.run("load fashion-mnist limit=100"), .success, h.err)
        XCTAssertEqual(h.run("show test[0..3] to \"/nonexistent-folder/x.png\""), .failed)
        XCTAssertEqual(try storedKinds(h), [], "the picture could not be written, so the result is not kept")
    }

    func testAStoredResultThisFMCannotReadIsLeftOutWithAWarning() throws {
        let h = try Harness()
        XCTAssertEqual(h.run("note \"first\""), .success, h.err)
        try XCTUnwrap(h.interpreter.sessionStore).appendResult(kind: "hologram", statement: "hologram", payload: Data("{\"kind\":\"hologram\"}".utf8))
        XCTAssertEqual(h.run("note \"third\""), .success, h.err)
        let path = h.home + "/partial.html"
        XCTAssertEqual(h.run("report to \"\(path)\""), .success, h.err)
        XCTAssertTrue(h.err.contains("warning: kept result 2 (hologram, from `hologram`) could not be read"), h.err)
        let page = try Page(String(contentsOfFile: path, encoding: .utf8))
        XCTAssertEqual(page.sections.filter { $0.className.hasPrefix("result ") }.map(\.id), ["result-1", "result-3"])
    }

    func testWithoutAStoreResultsAreKeptForTheRun() throws {
        let folder = Harness.temporaryFolder()
        var out = "", err = ""
        let output = Output(json: false, style: .init(width: 100, colour: false), isTerminal: false,
                            write: { out += $0 }, writeError: { err += $0 })
        let interpreter = try Interpreter(sessionName: "loose", output: output, environment: [:], storeDirectory: nil)
        let path = folder + "/loose.html"
        XCTAssertEqual(interpreter.run(SourceFile(name: "t.fm", text: "note \"kept in memory\"\nreport to \"\(path)\"")), .success, err)
        let page = try Page(String(contentsOfFile: path, encoding: .utf8))
        XCTAssertTrue(page.sections.first { $0.id == "notes" }?.text.contains("kept in memory") ?? false)
        XCTAssertTrue(out.contains("wrote \(path)"), out)
    }

    private func storedKinds(_ h: Harness) throws -> [String] {
        try XCTUnwrap(h.interpreter.sessionStore).results().map(\.kind)
    }
}

/// The report as XML: sections (id, class, text), img sources and element counts.
private final class Page: NSObject, XMLParserDelegate {
    struct Section { var id: String; var className: String; var text = "" }
    private(set) var sections: [Section] = []
    private(set) var imageSources: [String] = []
    private(set) var elementCounts: [String: Int] = [:]
    private var open: [Int?] = []

    init(_ html: String) throws {
        super.init()
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = self
        guard parser.parse() else {
            throw NSError(domain: "Page", code: 1, userInfo: [NSLocalizedDescriptionKey: "not well-formed at \(parser.lineNumber):\(parser.columnNumber)"])
        }
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elementCounts[element, default: 0] += 1
        if element == "img", let src = attributes["src"] { imageSources.append(src) }
        if element == "section", let id = attributes["id"] {
            sections.append(Section(id: id, className: attributes["class"] ?? ""))
            open.append(sections.count - 1)
        } else {
            open.append(nil)
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        _ = open.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for case let i? in open { sections[i].text += string }
    }
}
