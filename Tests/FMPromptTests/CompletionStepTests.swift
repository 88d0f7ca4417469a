import XCTest
@testable import FMPrompt

final class CompletionStepTests: XCTestCase {
    func testActionTable() {
        let cases: [(String, [String], CompletionStep.Action)] = [
            ("tr", ["train", "translate"], .insert("a")),
            ("tra", ["train", "translate"], .ambiguous),
            ("da", ["datasets"], .insert("tasets")),
            ("datasets", ["datasets"], .none),
            ("train nn ep", ["epochs="], .insert("ochs=")),
            ("train nn ", ["cnn", "nn"], .ambiguous),
            ("train nn validation=", ["test", "test_tl"], .insert("test")),
            ("load image \"my fi", ["my file.png"], .insert("le.png")),
            ("run \"data/", ["data/a.fm", "data/b.fm"], .ambiguous),
            ("run \"da", ["data/"], .insert("ta/")),
            ("train nn stop-", ["stop-at="], .insert("at=")),
            // No candidate continues the typed word: nothing is glued onto it.
            ("train q", ["nn", "cnn"], .ambiguous),
            ("train q", ["nn"], .none),
            ("x", [], .none),
            ("", ["add", "compile"], .ambiguous),
            ("", ["add"], .insert("add")),
        ]
        for (text, candidates, expected) in cases {
            XCTAssertEqual(CompletionStep.action(textBeforeCursor: text, candidates: candidates), expected,
                           "\(text.debugDescription) \(candidates)")
        }
    }

    func testCommonPrefixAndTypedLength() {
        XCTAssertEqual(CompletionStep.commonPrefix(["test", "test_tl", "tests"]), "test")
        XCTAssertEqual(CompletionStep.commonPrefix(["nn", "cnn"]), "")
        XCTAssertEqual(CompletionStep.commonPrefix([]), "")
        XCTAssertEqual(CompletionStep.typedLength(typed: Array("a b"), prefix: Array("b c")), 1)
        XCTAssertEqual(CompletionStep.typedLength(typed: Array("x \"a b"), prefix: Array("a b.png")), 3)
        XCTAssertEqual(CompletionStep.typedLength(typed: Array("abc "), prefix: Array("abc")), 0)
    }

    func testListingInColumns() {
        // Cell width = longest name + 2 = 11; (40 + 2) / 11 = 3 columns; 7 names → 3 rows, down the columns.
        let names = ["add", "compile", "datasets", "evaluate", "export", "help", "translate"]
        XCTAssertEqual(CompletionStep.listing(names, width: 40), """
            add        evaluate   translate
            compile    export
            datasets   help
            """)
        XCTAssertEqual(CompletionStep.listing(["a", "b"], width: 1), "a\nb")
        XCTAssertEqual(CompletionStep.listing(["data/a.fm", "data/sub/", "/"], width: 80), "a.fm  sub/  /")
        XCTAssertEqual(CompletionStep.listing([], width: 80), "")
        let many = (0..<501).map { "img\($0).png" }
        XCTAssertEqual(CompletionStep.listing(many, width: 80), "(501 candidates: type a few more letters)")
        XCTAssertEqual(CompletionStep.listing(Array(many.prefix(500)), width: 80).split(separator: "\n").count, 84)
    }
}
