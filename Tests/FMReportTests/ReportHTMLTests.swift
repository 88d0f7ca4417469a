import Foundation
import XCTest
import FMGraphics
@testable import FMReport

final class ReportHTMLTests: XCTestCase {
    let html = Report.html(session: ReportSample.session)

    func testEveryKindOfResultHasItsSectionInOrder() throws {
        let page = try ReportPage(html)
        let results = page.sections.filter { $0.id.hasPrefix("result-") }
        XCTAssertEqual(results.map(\.id), (1...ReportSample.results.count).map { "result-\($0)" })
        XCTAssertEqual(results.map(\.className), ReportSample.results.map { "result kind-\($0.kind.rawValue)" })
        XCTAssertEqual(Set(results.map { $0.className.replacingOccurrences(of: "result kind-", with: "") }),
                       Set(KeptResult.Kind.allCases.map(\.rawValue)))
        XCTAssertEqual(page.sections.filter { !$0.id.hasPrefix("result-") }.map(\.id),
                       ["datasets", "models", "curves", "results", "compare", "notes", "statements"])
        // Every heading, and the statement that made it.
        for (section, entry) in zip(results, ReportSample.session.results) {
            XCTAssertEqual(section.heading, "\(entry.sequence). \(Report.title(entry.result))")
            XCTAssertTrue(section.text.contains(entry.statement), "\(section.id) names its statement")
        }
        // The table of contents links to every section.
        let ids = Set(page.sections.map(\.id))
        let anchors = page.links.filter { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
        XCTAssertEqual(Set(anchors), ids)
    }

    func testEachResultShowsItsNumbers() throws {
        let page = try ReportPage(html)
        let expected: [String: [String]] = [
            "result-1": ["12 images: train[0..11]"],
            "result-2": ["conv2d_1 (conv2d)", "26×26×32", "222,630", "Total params: 223,370", "FLOPs per image (forward): 876,916", "3×3"],
            "result-3": ["88.51%", "0.3846", "9.4"],
            "result-4": ["93.01%", "Stopped early: stop_at=0.93 reached."],
            "result-5": ["nn val", "0.8851", "cnn train", "0.9301"],
            "result-6": ["10,000 images: loss 0.3342, accuracy 88.51% (0.8 s)"],
            "result-7": ["accuracy 91.32%", "Confusion matrix", "6 Shirt", "72.40%", "110", "98.30%"],
            "result-8": ["test[2]", "T-shirt/top 61.00% ✗", "Shirt 95.00%", "nn", "cnn"],
            "result-9": ["868 mistakes in 10,000 images; the 4 most confident:", "test[4317]", "Shirt", "T-shirt/top", "99.81%", "0.12%"],
            "result-10": ["nn: accuracy for each shift (1000 images) · unshifted 88.50%, worst 18.90% at dx=-6, dy=-6",
                          "cnn: accuracy for each shift (1000 images) · unshifted 92.10%", "0.77"],
            "result-11": ["FLOPs per image", "223,370 ★", "61.27% ★", "<script>"],
            "result-12": ["16 filters"],
            "result-13": ["8 feature maps"],
            "result-14": ["cnn answers Ankle boot; the truth is Ankle boot."],
            "result-15": ["Loss & accuracy <b>both</b> fall: the CNN's moved accuracy is 3× the NN's."],
            "datasets": ["train", "60,000", "1×28×28", "test corner=random"],
            "models": ["conv2d → relu → maxpool2d", "269,322", "92.15%", "adam", "moved: 61.27%; test: 91.32%", "<script>", "—"],
            "compare": ["The latest compare (result 11):", "538,368 ★"],
            "notes": ["Loss & accuracy <b>both</b> fall", "(result 15)"],
            "statements": ["shiftmap nn cnn on test step=2\ncompare\n"],
        ]
        for (id, needles) in expected {
            let section = try XCTUnwrap(page.section(id), id)
            for needle in needles { XCTAssertTrue(section.text.contains(needle), "\(id) lacks \(needle)") }
        }
        // Every cell of the confusion matrix is shaded by its share of the row.
        XCTAssertEqual(html.components(separatedBy: "<td class=\"num diagonal\" style=\"background-color:").count - 1, 10)
        XCTAssertTrue(html.contains(#"style="background-color:#2569ad;color:#ffffff">982</td>"#), "982 of 1000 is nearly the full blue")
    }

    func testUserTextIsEscaped() throws {
        XCTAssertFalse(html.contains("<script"), "no element named script")
        XCTAssertFalse(html.contains("<b>"))
        XCTAssertTrue(html.contains("<td>&lt;script&gt;</td>"))
        XCTAssertTrue(html.contains("Loss &amp; accuracy &lt;b&gt;both&lt;/b&gt; fall"))
        XCTAssertTrue(html.contains("<h1>fm session “workshop &amp; &lt;friends&gt;”</h1>"))
        XCTAssertEqual(HTML.escape("a<b>&\"c'\u{7}\u{85}"), "a&lt;b&gt;&amp;&quot;c&#39;")
    }

    func testSelfContained() throws {
        let page = try ReportPage(html)
        XCTAssertEqual(page.elementCounts["script"], nil)
        XCTAssertEqual(page.elementCounts["link"], nil)
        for link in page.links { XCTAssertTrue(link.hasPrefix("#"), link) }
        XCTAssertFalse(page.imageSources.isEmpty)
        XCTAssertFalse(page.style.contains("url("), "the stylesheet loads nothing")
        XCTAssertFalse(page.style.contains("@import"))
        // Images: results 1, 8, 9, 10, 12, 13, 14 each have one PNG; the charts are inline SVG.
        XCTAssertEqual(page.imageSources.count, 7)
        XCTAssertEqual(page.elementCounts["svg"], 5)   // two session curves, two training runs, one plot
        let prefix = "data:image/png;base64,"
        for src in page.imageSources {
            XCTAssertTrue(src.hasPrefix(prefix), String(src.prefix(40)))
            let bytes = try XCTUnwrap(Data(base64Encoded: String(src.dropFirst(prefix.count))))
            let raster = try PNG.decode(Array(bytes))
            XCTAssertGreaterThan(raster.width, 100)
            XCTAssertGreaterThan(raster.height, 100)
        }
        for attribute in ["src=\"http", "href=\"http", "src=\"//", "href=\"//"] { XCTAssertFalse(html.contains(attribute), attribute) }
    }

    /// Readable on a projector: the body's font size in the stylesheet is at least 18 px, and
    /// no rule for the screen sets a smaller one.
    func testBodyTextIsAtLeast18Pixels() throws {
        let page = try ReportPage(html)
        let screen = page.style.components(separatedBy: "@media print")[0]
        let body = try XCTUnwrap(screen.range(of: #"body\{[^}]*\}"#, options: .regularExpression).map { String(screen[$0]) })
        let size = try XCTUnwrap(body.range(of: #"font-size:(\d+)px"#, options: .regularExpression).map { body[$0] })
        XCTAssertGreaterThanOrEqual(Int(size.dropFirst("font-size:".count).dropLast(2)) ?? 0, 18)
        let sizes = try screen.matches(of: Regex(#"font-size:(\d+)px"#)).compactMap { ($0.output[1].substring).flatMap { Int($0) } }
        XCTAssertFalse(sizes.isEmpty)
        XCTAssertGreaterThanOrEqual(sizes.min() ?? 0, 18, "every screen text ≥ 18 px")
        XCTAssertTrue(page.style.contains("break-inside:avoid"))
        XCTAssertTrue(page.style.contains("figure,table,tr,blockquote,pre{break-inside:avoid"))
    }

    func testAnEmptySessionStillHasEverySection() throws {
        let page = try ReportPage(Report.html(session: ReportSession(name: "new", datasets: [], models: [], results: [], statements: [])))
        XCTAssertEqual(page.sections.map(\.id), ["datasets", "models", "results", "compare", "notes", "statements"])
        XCTAssertTrue(page.section("results")?.text.contains("No results were kept in this session.") ?? false)
        XCTAssertTrue(page.section("compare")?.text.contains("No comparison was made") ?? false)
    }
}
