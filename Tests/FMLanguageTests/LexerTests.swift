import XCTest
@testable import FMLanguage

/// Every word kind, read through the parser as positional words of `help` (which takes any).
final class LexerTests: XCTestCase {
    private func words(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [Word] {
        let results = Parser.parse(SourceFile(name: "t", text: "help " + text))
        guard results.count == 1, case .success(let statement) = results[0] else {
            XCTFail("did not parse: \(results)", file: file, line: line)
            return []
        }
        return statement.arguments
    }

    private func values(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [Value] {
        words(text, file: file, line: line).map(\.value)
    }

    func testNames() {
        XCTAssertEqual(values("nn test_tl fashion-mnist top-left shift:2 relu _x a.b Conv2D"),
                       [.name("nn"), .name("test_tl"), .name("fashion-mnist"), .name("top-left"),
                        .name("shift:2"), .name("relu"), .name("_x"), .name("a.b"), .name("Conv2D")])
    }

    func testNumbers() {
        XCTAssertEqual(values("256 0.001 -3 1e-3 +2 .5 -0.25 2E3 1.5e+2"),
                       [.number(256), .number(0.001), .number(-3), .number(0.001), .number(2),
                        .number(0.5), .number(-0.25), .number(2000), .number(150)])
    }

    func testShapes() {
        XCTAssertEqual(values("28x28 3x3 28x28x1 1x1"),
                       [.shape([28, 28]), .shape([3, 3]), .shape([28, 28, 1]), .shape([1, 1])])
    }

    func testRangesIncludeBothEnds() {
        XCTAssertEqual(values("0..11 -4..4 3..3 -6..-2 +1..2"),
                       [.range(0, 11), .range(-4, 4), .range(3, 3), .range(-6, -2), .range(1, 2)])
    }

    func testStringsWithEscapes() {
        XCTAssertEqual(values(##""file name.svg" "a\"b" "c\\d" "e\nf" "g\th" "" "# not a comment; nor a separator""##),
                       [.string("file name.svg"), .string("a\"b"), .string("c\\d"), .string("e\nf"),
                        .string("g\th"), .string(""), .string("# not a comment; nor a separator")])
    }

    func testStringMayRunOverLines() {
        XCTAssertEqual(values("\"a\nb\""), [.string("a\nb")])
    }

    func testIndexing() {
        XCTAssertEqual(values("test[0] test[0..11] test_tl[5..5] train[ 3 ]"),
                       [.indexed(name: "test", lower: 0, upper: 0), .indexed(name: "test", lower: 0, upper: 11),
                        .indexed(name: "test_tl", lower: 5, upper: 5), .indexed(name: "train", lower: 3, upper: 3)])
    }

    func testWordTextLocationAndLength() {
        let ws = words("nn  \"a b\" test[0..11]")
        XCTAssertEqual(ws.map(\.text), ["nn", "\"a b\"", "test[0..11]"])
        XCTAssertEqual(ws.map(\.location), [SourceLocation(line: 1, column: 6), SourceLocation(line: 1, column: 10),
                                            SourceLocation(line: 1, column: 16)])
        XCTAssertEqual(ws.map(\.length), [2, 5, 11])
    }

    func testAccessors() {
        let ws = words("nn \"s\" 3 2.5 1e3 yes Off true NO 3x3 -1..1")
        guard ws.count == 11 else { return XCTFail("expected 11 words, got \(ws.count)") }
        XCTAssertEqual(ws.map(\.name), ["nn", nil, nil, nil, nil, "yes", "Off", "true", "NO", nil, nil])
        XCTAssertEqual(ws.map(\.string), [nil, "s", nil, nil, nil, nil, nil, nil, nil, nil, nil])
        XCTAssertEqual(ws.map(\.int), [nil, nil, 3, nil, 1000, nil, nil, nil, nil, nil, nil])
        XCTAssertEqual(ws.map(\.double), [nil, nil, 3, 2.5, 1000, nil, nil, nil, nil, nil, nil])
        XCTAssertEqual(ws.map(\.bool), [nil, nil, nil, nil, nil, true, false, true, false, nil, nil])
        XCTAssertEqual(ws.map(\.shape), [nil, nil, nil, nil, nil, nil, nil, nil, nil, [3, 3], nil])
        XCTAssertEqual(ws[10].range?.lower, -1)
        XCTAssertEqual(ws[10].range?.upper, 1)
    }

    func testOptionsAreNormalisedAndKeepTheirValueKinds() throws {
        let results = Parser.parse(SourceFile(name: "t", text: "train nn Stop-At=0.99 validation=test on=train_r augment=shift:2"))
        let statement = try XCTUnwrap(try? results.first?.get())
        XCTAssertEqual(statement.options.map(\.key), ["stop_at", "validation", "on", "augment"])
        XCTAssertEqual(statement.options.map(\.value.value),
                       [.number(0.99), .name("test"), .name("train_r"), .name("shift:2")])
        XCTAssertEqual(statement.options[0].keyLocation, SourceLocation(line: 1, column: 10))
        XCTAssertEqual(statement.options[0].keyLength, 7)
        XCTAssertEqual(statement.options[0].value.location, SourceLocation(line: 1, column: 18))
        XCTAssertEqual(statement.option("stop-at")?.value.double, 0.99)
        XCTAssertNil(statement.option("epochs"))
    }

    func testOptionValuesOfEveryKind() throws {
        let text = #"load npy "x.npy" labels="y.npy" limit=5 as mine; shiftmap nn range=-4..4; model m input=28x28x1"#
        let statements = try Parser.parse(SourceFile(name: "t", text: text)).map { try $0.get() }
        XCTAssertEqual(statements[0].option("labels")?.value.value, .string("y.npy"))
        XCTAssertEqual(statements[0].option("limit")?.value.int, 5)
        XCTAssertEqual(statements[1].option("range")?.value.value, .range(-4, 4))
        XCTAssertEqual(statements[2].option("input")?.value.value, .shape([28, 28, 1]))
    }

    func testDefaultWordsLexLikeValues() {
        let train = StatementTable.standard.spec(named: "train")
        XCTAssertEqual(train?.option(named: "epochs")?.defaultWord?.int, 1)
        XCTAssertEqual(train?.option(named: "shuffle")?.defaultWord?.bool, true)
        XCTAssertEqual(StatementTable.standard.spec(named: "shiftmap")?.option(named: "range")?.defaultWord?.value,
                       .range(-6, 6))
        XCTAssertEqual(StatementTable.standard.spec(named: "compile")?.option(named: "epsilon")?.defaultWord?.double, 1e-7)
        XCTAssertNil(train?.option(named: "validation")?.defaultWord)
    }
}
