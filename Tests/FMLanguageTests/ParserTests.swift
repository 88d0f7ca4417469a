import XCTest
@testable import FMLanguage

final class ParserTests: XCTestCase {
    private func parse(_ text: String) -> [Result<Statement, Diagnostic>] {
        Parser.parse(SourceFile(name: "t.fm", text: text))
    }

    private func statements(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [Statement] {
        parse(text).compactMap { result in
            switch result {
            case .success(let statement): return statement
            case .failure(let diagnostic):
                XCTFail(diagnostic.rendered(), file: file, line: line)
                return nil
            }
        }
    }

    func testOneStatementPerLineAndSemicolons() {
        let parsed = statements("load fashion-mnist; datasets\nmodel nn input=28x28\n\n;;\nsummary")
        XCTAssertEqual(parsed.map(\.name), ["load", "datasets", "model", "summary"])
        XCTAssertEqual(parsed.map(\.text), ["load fashion-mnist", "datasets", "model nn input=28x28", "summary"])
        XCTAssertEqual(parsed[2].keyword.location, SourceLocation(line: 2, column: 1))
    }

    func testCommentsRunToTheEndOfTheLine() {
        let parsed = statements("#!/usr/bin/env fm\n# a comment; still a comment\nadd dense 256 relu   # = activation=relu\nseed 42#x")
        XCTAssertEqual(parsed.map(\.text), ["add dense 256 relu", "seed 42"])
        XCTAssertEqual(parsed[0].arguments.map(\.text), ["dense", "256", "relu"])
    }

    func testContinuationLinesJoinAndKeepPhysicalLocations() throws {
        let parsed = statements("train nn \\\n    epochs=30 \\  \n\tbatch=32\r\nevaluate nn")
        XCTAssertEqual(parsed.count, 2)
        XCTAssertEqual(parsed[0].text, "train nn epochs=30 batch=32")
        XCTAssertEqual(parsed[0].options.map(\.keyLocation),
                       [SourceLocation(line: 2, column: 5), SourceLocation(line: 3, column: 2)])
        XCTAssertEqual(parsed[1].keyword.location, SourceLocation(line: 4, column: 1))
    }

    func testContinuationAtTheEndOfTheInputEndsTheStatement() {
        XCTAssertEqual(statements("train nn \\").map(\.text), ["train nn"])
    }

    func testCommentedBackslashDoesNotContinue() {
        XCTAssertEqual(statements("pop # not continued \\\npop").count, 2)
    }

    func testAliasGivesTheCanonicalName() {
        let parsed = statements("exit")
        XCTAssertEqual(parsed.first?.keyword.name, "quit")
        XCTAssertEqual(parsed.first?.keyword.text, "exit")
    }

    func testArgumentsIncludeKeywordsInOrder() {
        let parsed = statements(#"import cnn3 from "torch.safetensors" like cnn"#)
        XCTAssertEqual(parsed.first?.arguments.map(\.value),
                       [.name("cnn3"), .name("from"), .string("torch.safetensors"), .name("like"), .name("cnn")])
    }

    func testOptionsMayComeBetweenArguments() {
        let parsed = statements("translate test corner=top-left as test_tl")
        XCTAssertEqual(parsed.first?.arguments.map(\.text), ["test", "as", "test_tl"])
        XCTAssertEqual(parsed.first?.option("corner")?.value.name, "top-left")
    }

    func testShapeOptionTakesAWholeNumber() {
        let parsed = statements("add conv2d 64 kernel=3 padding=same activation=relu")
        XCTAssertEqual(parsed.first?.option("kernel")?.value.value, .number(3))
    }

    func testResynchronisesAtTheNextStatement() {
        let results = parse("load fashion-mnist\ntrain nn epochs=abc 1e ] and more\nevaluate nn on test")
        guard results.count == 3 else { return XCTFail("expected 3 results, got \(results)") }
        XCTAssertEqual(try? results[0].get().name, "load")
        guard case .failure(let diagnostic) = results[1] else { return XCTFail("middle statement should fail") }
        XCTAssertEqual(diagnostic.line, 2)
        XCTAssertEqual(diagnostic.message, "option `epochs` expects a whole number, got `abc`")
        XCTAssertEqual(try? results[2].get().name, "evaluate")
    }

    func testResynchronisesAfterSemicolonToo() {
        let results = parse("seed 1; trian nn; seed 2")
        XCTAssertEqual(results.map { (try? $0.get()) != nil }, [true, false, true])
    }

    func testOneMistakeOneMessagePerStatement() {
        let results = parse("trian nn epoch=abc 1e")
        guard results.count == 1, case .failure(let diagnostic) = results[0] else { return XCTFail("should fail") }
        XCTAssertEqual(diagnostic.column, 1)
    }

    func testUnterminatedStringSwallowsTheRest() {
        let results = parse("show test[0] to \"img.png\ndatasets\nmodels")
        guard results.count == 1, case .failure(let diagnostic) = results[0] else { return XCTFail("should fail") }
        XCTAssertEqual(diagnostic.message, "unterminated string; expected a closing `\"`")
    }

    func testByteOrderMarkIsABlank() {
        let parsed = statements("\u{FEFF}load fashion-mnist")
        XCTAssertEqual(parsed.first?.name, "load")
        XCTAssertEqual(parsed.first?.keyword.location, SourceLocation(line: 1, column: 2))
    }

    func testEmptySourcesHaveNoStatements() {
        XCTAssertTrue(parse("").isEmpty)
        XCTAssertTrue(parse("  \n\t; ;\n# only a comment\n").isEmpty)
    }

    func testIsIncomplete() {
        XCTAssertTrue(Parser.isIncomplete("train nn \\"))
        XCTAssertTrue(Parser.isIncomplete("train nn \\  \t"))
        XCTAssertTrue(Parser.isIncomplete("show test[0] to \"img"))
        XCTAssertTrue(Parser.isIncomplete("show test[0] to \"img\\\""))
        XCTAssertTrue(Parser.isIncomplete("train nn \\\n  epochs=3 \\"))
        XCTAssertTrue(Parser.isIncomplete("show test[0] to \"a\nb"))
        XCTAssertFalse(Parser.isIncomplete("train nn"))
        XCTAssertFalse(Parser.isIncomplete("train nn \\\n"))
        XCTAssertFalse(Parser.isIncomplete("show test[0] to \"a\nb\""))
        XCTAssertFalse(Parser.isIncomplete("pop # \\"))
        XCTAssertFalse(Parser.isIncomplete("pop # \""))
        XCTAssertFalse(Parser.isIncomplete("trian nn epochs=abc"))
        XCTAssertFalse(Parser.isIncomplete(""))
    }

    func testCustomTable() {
        let table = StatementTable(statements: [
            StatementSpec(name: "go", usage: "go", summary: "Go.",
                          options: [OptionSpec("fast", .bool, "go fast")], examples: ["go"], hint: .none),
        ])
        let results = Parser.parse(SourceFile(name: "t", text: "go fast=yes\ntrain"), table: table)
        guard results.count == 2, case .failure(let diagnostic) = results[1] else { return XCTFail("train is not in this table") }
        XCTAssertEqual(diagnostic.message, "unknown statement `train`; `help` lists every statement")
        XCTAssertEqual(try? results[0].get().option("fast")?.value.bool, true)
    }
}
