import XCTest
import FMLanguage  // not @testable: only what the interpreter can see

/// The public API the interpreter is written against, spelled out so that a change to it
/// fails here first.
final class PublicAPITests: XCTestCase {
    func testSignatures() {
        let _: (SourceFile, StatementTable) -> [Result<Statement, Diagnostic>] = Parser.parse
        let _: (String) -> Bool = Parser.isIncomplete
        let _: (String, [String]) -> String? = suggestion(for:among:)
        let _: [String] = StatementTable.layerNames
        let _: [StatementSpec] = StatementTable.standard.statements
        let _: (StatementTable) -> (String) -> StatementSpec? = StatementTable.spec(named:)
        let _: (StatementTable) -> () -> String = StatementTable.helpText
        let _: (StatementTable) -> (String) -> String? = StatementTable.helpText(for:)
        let _: (Statement) -> (String) -> OptionArgument? = Statement.option
        let _: (SourceFile) -> (Int) -> String = SourceFile.lineText
        let _: (SourceFile) -> (String, SourceLocation, Int) -> Diagnostic = SourceFile.diagnostic(_:at:length:)
        let _: (Diagnostic) -> () -> String = Diagnostic.rendered
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
