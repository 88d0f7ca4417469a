import XCTest
@testable import FMLanguage

final class DiagnosticTests: XCTestCase {
    func testRenderedHasLocationSourceLineAndCaret() {
        let d = Diagnostic(message: "oops", file: "a.fm", line: 3, column: 7, length: 4, sourceLine: "train trian")
        XCTAssertEqual(d.rendered(), "a.fm:3:7: error: oops\ntrain trian\n      ^~~~")
        XCTAssertEqual(d.description, d.rendered())
    }

    /// A line longer than `widestLine` (a 10 MB name) is shown as a window around the mistake.
    func testALongLineIsShownAsAWindowAroundTheMistake() {
        let name = String(repeating: "n", count: 10_000_000)
        let d = Diagnostic(message: "too long", file: "f", line: 1, column: 7, length: name.count, sourceLine: "model " + name + " input=28x28")
        let lines = d.rendered().split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, ["f:1:7: error: too long",
                               "model " + String(repeating: "n", count: 154) + "…",
                               "      ^" + String(repeating: "~", count: 154)])
        let late = Diagnostic(message: "m", file: "f", line: 1, column: 291, length: 3, sourceLine: String(repeating: "a", count: 290) + "bad" + String(repeating: "c", count: 300))
        let window = late.rendered().split(separator: "\n").map(String.init)
        XCTAssertEqual(window[1], "…" + String(repeating: "a", count: 40) + "bad" + String(repeating: "c", count: 117) + "…")
        XCTAssertEqual(window[2], String(repeating: " ", count: 41) + "^~~")
    }

    func testCaretPaddingCopiesTabs() {
        let d = Diagnostic(message: "m", file: "f", line: 1, column: 4, length: 1, sourceLine: "\t\tx y")
        XCTAssertEqual(d.rendered(), "f:1:4: error: m\n\t\tx y\n\t\t ^")
    }

    func testLengthIsAtLeastOne() {
        let d = Diagnostic(message: "m", file: "f", line: 1, column: 1, length: 0, sourceLine: "x")
        XCTAssertEqual(d.length, 1)
        XCTAssertEqual(d.rendered(), "f:1:1: error: m\nx\n^")
    }

    func testCaretPastTheEndOfTheLineIsPaddedWithSpaces() {
        let d = Diagnostic(message: "m", file: "f", line: 1, column: 5, length: 1, sourceLine: "ab")
        XCTAssertEqual(d.rendered(), "f:1:5: error: m\nab\n    ^")
    }

    func testColumnsCountCharacters() {
        let d = Diagnostic(message: "m", file: "f", line: 1, column: 4, length: 2, sourceLine: "éé👕ab")
        XCTAssertEqual(d.rendered(), "f:1:4: error: m\néé👕ab\n   ^~")
    }

    func testLineTextSplitsAtEveryKindOfLineBreak() {
        let file = SourceFile(name: "f", text: "one\ntwo\r\nthree\rfour")
        XCTAssertEqual((0...5).map(file.lineText), ["", "one", "two", "three", "four", ""])
        XCTAssertEqual(SourceFile(name: "f", text: "").lineText(1), "")
        XCTAssertEqual(SourceFile(name: "f", text: "a\n").lineText(2), "")
    }

    func testSourceFileDiagnosticClipsTheMarkToTheLine() {
        let file = SourceFile(name: "<stdin>", text: "show x to \"abc\nde\"\nquit")
        let d = file.diagnostic("m", at: SourceLocation(line: 1, column: 11), length: 8)
        XCTAssertEqual(d, Diagnostic(message: "m", file: "<stdin>", line: 1, column: 11, length: 4,
                                     sourceLine: "show x to \"abc"))
        let atEnd = file.diagnostic("m", at: SourceLocation(line: 3, column: 5), length: 3)
        XCTAssertEqual(atEnd.length, 1)
        XCTAssertEqual(atEnd.sourceLine, "quit")
    }

    func testDiagnosticAtAWordMarksTheWholeWord() throws {
        let file = SourceFile(name: "s.fm", text: "seed 1\nevaluate nn on tset\n")
        let statement = try XCTUnwrap(try? Parser.parse(file)[1].get())
        let word = try XCTUnwrap(statement.argument(after: "on"))
        XCTAssertEqual(file.diagnostic("no dataset `tset`", at: word).rendered(),
                       "s.fm:2:16: error: no dataset `tset`\nevaluate nn on tset\n               ^~~~")
    }
}
