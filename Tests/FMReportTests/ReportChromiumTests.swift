import Foundation
import XCTest
import FMGraphics
@testable import FMReport

/// The report as headless Chromium renders it: a screenshot at 1280 × 720 (a projector) and
/// a PDF (the print stylesheet). Skipped only when Chromium is not installed (scripts/setup
/// installs it). With FM_REPORT_SCREENSHOTS=FOLDER, the first screen and a full page
/// (1280 × 16000) are also written there, for docs/images.
final class ReportChromiumTests: XCTestCase {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    var folder = ""

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("fmreport-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    func testScreenshotAndPDF() throws {
        guard let chromium = Self.chromium else { throw XCTSkip("chromium is not installed (scripts/setup installs it)") }
        let page = folder + "/report.html"
        try Data(Report.html(session: ReportSample.session).utf8).write(to: URL(fileURLWithPath: page))

        let screen = folder + "/screen.png"
        try run(chromium, ["--screenshot=\(screen)", "--window-size=1280,720", "file://" + page])
        let raster = try PNG.decode(Array(try Data(contentsOf: URL(fileURLWithPath: screen))))
        XCTAssertEqual(raster.width, 1280)
        XCTAssertEqual(raster.height, 720)
        XCTAssertGreaterThan(inkedRows(raster), 200, "the first screen shows text, not a blank page")

        let pdf = folder + "/report.pdf"
        try run(chromium, ["--print-to-pdf=\(pdf)", "--no-pdf-header-footer", "file://" + page])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        XCTAssertEqual(String(decoding: bytes.prefix(5), as: UTF8.self), "%PDF-")
        let pages = String(decoding: bytes, as: UTF8.self).components(separatedBy: "/Type /Page\n").count - 1
            + String(decoding: bytes, as: UTF8.self).components(separatedBy: "/Type /Page>").count - 1
        XCTAssertGreaterThan(bytes.count, 50_000, "the PDF holds the pictures")
        print("report: \(Report.html(session: ReportSample.session).utf8.count) bytes of HTML, PDF \(bytes.count) bytes, \(pages) page objects seen")

        if let out = ProcessInfo.processInfo.environment["FM_REPORT_SCREENSHOTS"] {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: out + "/report-first-screen.png")
            try FileManager.default.copyItem(atPath: screen, toPath: out + "/report-first-screen.png")
            try run(chromium, ["--screenshot=\(out)/report-full-page.png", "--window-size=1280,16000", "file://" + page])
            try? FileManager.default.removeItem(atPath: out + "/report.pdf")
            try FileManager.default.copyItem(atPath: pdf, toPath: out + "/report.pdf")
            try? FileManager.default.removeItem(atPath: out + "/report.html")
            try FileManager.default.copyItem(atPath: page, toPath: out + "/report.html")
        }
    }

    /// Rows of the picture holding any pixel darker than light grey.
    func inkedRows(_ r: Raster) -> Int {
        (0..<r.height).filter { y in (0..<r.width).contains { x in (r.pixel(x: x, y: y)?.luminance ?? 1) < 0.6 } }.count
    }

    /// Runs headless Chromium (as root it needs --no-sandbox), killed after 90 s.
    func run(_ chromium: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=\(folder)/profile"] + arguments
        let log = folder + "/chromium.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        try handle.close()
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        XCTAssertEqual(process.terminationStatus, 0, "chromium \(arguments.joined(separator: " ")): \(output.suffix(2000))")
    }
}
