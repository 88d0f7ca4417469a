import XCTest
@testable import FMLanguage

/// Arbitrary text never traps the lexer or parser, and every diagnostic points into its source.
final class RobustnessTests: XCTestCase {
    private static let pieces: [String] = [
        "a", "nn", "train", "epochs", "x", "e", "1", "0", "28", "-", "+", ".", "..", ":", "_", " ", " ", "\t",
        "\n", "\r\n", "\r", ";", "#", "\"", "\\", "[", "]", "=", "é", "👕", "show", "test[0", "3x3", "1e",
    ]

    func testRandomTextNeverTrapsAndDiagnosticsPointIntoTheSource() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var failures = 0, successes = 0
        for _ in 0..<3000 {
            let start = ["", "show ", "train nn "][next(3)]  // so that many statements get past their name
            let text = start + (0..<next(24)).map { _ in Self.pieces[next(Self.pieces.count)] }.joined()
            let source = SourceFile(name: "fuzz", text: text)
            _ = Parser.isIncomplete(text)
            for result in Parser.parse(source) {
                switch result {
                case .failure(let d):
                    failures += 1
                    XCTAssertEqual(d.sourceLine, source.lineText(d.line), text.debugDescription)
                    XCTAssertGreaterThanOrEqual(d.line, 1)
                    XCTAssertGreaterThanOrEqual(d.column, 1)
                    XCTAssertLessThanOrEqual(d.column, d.sourceLine.count + 1, text.debugDescription)
                    XCTAssertGreaterThanOrEqual(d.length, 1)
                    XCTAssertLessThanOrEqual(d.column - 1 + d.length, max(d.sourceLine.count, d.column), text.debugDescription)
                case .success(let statement):
                    successes += 1
                    XCTAssertFalse(statement.text.isEmpty)
                    for word in [statement.keyword] + statement.arguments + statement.options.map(\.value) {
                        let line = source.lineText(word.location.line)
                        let start = line.index(line.startIndex, offsetBy: word.location.column - 1, limitedBy: line.endIndex)
                        XCTAssertNotNil(start, text.debugDescription)
                        if let start, !word.text.contains(where: \.isLineBreak) {
                            XCTAssertTrue(line[start...].hasPrefix(word.text), text.debugDescription)
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(failures, 100)
        XCTAssertGreaterThan(successes, 100)
    }

    func testArgumentQueries() throws {
        let statement = try XCTUnwrap(try? Parser.parse(SourceFile(name: "t", text: #"predict nn cnn test[0..9] to "p.svg""#)).first?.get())
        XCTAssertEqual(statement.arguments(before: ["to", "on"]).map(\.text), ["nn", "cnn", "test[0..9]"])
        XCTAssertEqual(statement.argument(after: "to")?.string, "p.svg")
        XCTAssertNil(statement.argument(after: "on"))
        XCTAssertEqual(statement.arguments(before: ["as"]).count, 5)
        let trailing = try XCTUnwrap(try? Parser.parse(SourceFile(name: "t", text: "evaluate nn on")).first?.get())
        XCTAssertNil(trailing.argument(after: "on"))
    }
}
