import XCTest
import FMLanguage  // not @testable: only what the interpreter can see

/// The public API the interpreter is written against, spelled out so that a change to it
/// fails here first.
final class PublicAPITests: XCTestCase {
    /// Each entry point, called through a value of its spelled-out type, does its job.
    func testSignatures() throws {
        let parse: (SourceFile, StatementTable) -> [Result<Statement, Diagnostic>] = Parser.parse
        let file = SourceFile(name: "t.fm", text: "train nn epochs=3\ntrian nn")
        let results = parse(file, .standard)
        XCTAssertEqual(results.count, 2)
        let train = try results[0].get()
        let option: (Statement) -> (String) -> OptionArgument? = Statement.option
        XCTAssertEqual(option(train)("epochs")?.value.int, 3)
        XCTAssertNil(option(train)("batch"))
        guard case let .failure(mistake) = results[1] else { return XCTFail("`trian nn` parsed") }
        let rendered: (Diagnostic) -> () -> String = Diagnostic.rendered
        XCTAssertEqual(rendered(mistake)(), "t.fm:2:1: error: unknown statement `trian`; did you mean `train`?\ntrian nn\n^~~~~")

        let isIncomplete: (String) -> Bool = Parser.isIncomplete
        XCTAssertTrue(isIncomplete("show test \"a"))
        XCTAssertTrue(isIncomplete("train nn \\"))
        XCTAssertFalse(isIncomplete("train nn"))
        let suggest: (String, [String]) -> String? = suggestion(for:among:)
        XCTAssertEqual(suggest("adma", ["adam", "sgd", "rmsprop"]), "adam")
        XCTAssertNil(suggest("xyzzy", ["adam", "sgd"]))

        let layerNames: [String] = StatementTable.layerNames
        XCTAssertEqual(Array(layerNames.prefix(3)), ["flatten", "dense", "conv2d"])
        let statements: [StatementSpec] = StatementTable.standard.statements
        let spec: (StatementTable) -> (String) -> StatementSpec? = StatementTable.spec(named:)
        XCTAssertEqual(spec(.standard)("train")?.name, "train")
        XCTAssertNil(spec(.standard)("trian"))
        let helpText: (StatementTable) -> () -> String = StatementTable.helpText
        XCTAssertEqual(helpText(.standard)().split(separator: "\n").first { $0.hasPrefix("train") }.map { String($0.prefix(6)) }, "train ")
        XCTAssertGreaterThanOrEqual(helpText(.standard)().split(separator: "\n").count, statements.count)
        let help: (StatementTable) -> (String) -> String? = StatementTable.helpText(for:)
        XCTAssertEqual(help(.standard)("train")?.split(separator: "\n").first, "train [MODEL]")
        XCTAssertNil(help(.standard)("trian"))

        let lineText: (SourceFile) -> (Int) -> String = SourceFile.lineText
        XCTAssertEqual([0, 1, 2, 3].map(lineText(file)), ["", "train nn epochs=3", "trian nn", ""])
        let diagnostic: (SourceFile) -> (String, SourceLocation, Int) -> Diagnostic = SourceFile.diagnostic(_:at:length:)
        XCTAssertEqual(diagnostic(file)("m", SourceLocation(line: 1, column: 7), 2).rendered(), "t.fm:1:7: error: m\ntrain nn epochs=3\n      ^~")
    }

    func testValuesAndFields() {
        let location = SourceLocation(line: 2, column: 3)
        let word = Word(value: .indexed(name: "test", lower: 0, upper: 11), text: "test[0..11]", location: location, length: 11)
        let values: [Value] = [.name("nn"), .number(1), .shape([3, 3]), .range(0, 1), .string("s"), word.value]
        XCTAssertEqual(values.count, 6)
        let fields: (String?, String?, Int?, Double?, Bool?) = (word.name, word.string, word.int, word.double, word.bool)
        XCTAssertNil(fields.0 ?? fields.1)
        let option = OptionArgument(key: "epochs", keyLocation: location, keyLength: 6, value: word)
        let statement = Statement(keyword: word, arguments: [word], options: [option], text: "x")
        XCTAssertEqual(statement.option("epochs")?.keyLength, 6)
        let diagnostic = Diagnostic(message: "m", file: "f", line: 1, column: 1, length: 1, sourceLine: "x")
        let _: (String, String, Int, Int, Int, String) = (diagnostic.message, diagnostic.file, diagnostic.line,
                                                          diagnostic.column, diagnostic.length, diagnostic.sourceLine)
        let error: Error = diagnostic
        XCTAssertEqual(String(describing: error), diagnostic.rendered())
        let kinds: [OptionKind] = [.int, .double, .bool, .name, .string, .shape, .range, .choice(["a"])]
        let hints: [ArgumentHint] = [.none, .model, .models, .dataset, .modelsThenData, .statement, .layer, .file, .session, .name]
        XCTAssertEqual(kinds.count + hints.count, 18)
        let spec: OptionSpec = StatementTable.standard.statements[0].options[0]
        let _: (String, OptionKind, String?, String) = (spec.name, spec.kind, spec.defaultValue, spec.summary)
        let statementSpec = StatementTable.standard.statements[0]
        let _: (String, [String], String, String, [OptionSpec], [String], ArgumentHint) =
            (statementSpec.name, statementSpec.aliases, statementSpec.usage, statementSpec.summary,
             statementSpec.options, statementSpec.examples, statementSpec.hint)
        let file = SourceFile(name: "n", text: "t")
        XCTAssertEqual(file.name + file.text, "nt")
    }
}
