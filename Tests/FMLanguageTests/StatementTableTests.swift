import XCTest
@testable import FMLanguage

final class StatementTableTests: XCTestCase {
    let table = StatementTable.standard

    func testEveryStatementOfTheContractIsThere() {
        let expected = ["load", "export", "datasets", "models", "sessions", "model", "add", "pop", "use", "summary",
                        "compile", "train", "evaluate", "predict", "mistakes", "seed", "show", "translate", "shiftmap",
                        "compare", "plot", "saliency", "report", "session", "forget", "import", "history", "run",
                        "help", "quit", "note", "lessons", "lesson", "answer"]
        XCTAssertEqual(Set(table.statements.map(\.name)), Set(expected))
        XCTAssertEqual(table.statements.count, expected.count, "no statement twice")
        XCTAssertEqual(table.spec(named: "exit")?.name, "quit")
        XCTAssertNil(table.spec(named: "Train"))
        XCTAssertNil(table.spec(named: "trian"))
    }

    func testOptionKindsAndDefaults() {
        func option(_ statement: String, _ name: String) -> OptionSpec? {
            table.spec(named: statement)?.option(named: name)
        }
        XCTAssertEqual(option("train", "epochs")?.kind, .int)
        XCTAssertEqual(option("train", "epochs")?.defaultValue, "1")
        XCTAssertEqual(option("train", "batch")?.defaultValue, "32")
        XCTAssertEqual(option("train", "stop-at")?.kind, .double)
        XCTAssertEqual(option("train", "keep")?.kind, .choice(["best", "last"]))
        XCTAssertEqual(option("train", "on")?.defaultValue, "train")
        XCTAssertEqual(option("compile", "optimizer")?.kind, .choice(["adam", "sgd", "rmsprop"]))
        XCTAssertEqual(option("compile", "lr")?.defaultValue, "0.001")
        XCTAssertEqual(option("compile", "epsilon")?.defaultValue, "1e-7")
        XCTAssertEqual(option("shiftmap", "range")?.kind, .range)
        XCTAssertEqual(option("shiftmap", "limit")?.defaultValue, "1000")
        XCTAssertEqual(option("mistakes", "count")?.defaultValue, "8")
        XCTAssertEqual(option("load", "invert")?.defaultValue, "auto")
        XCTAssertEqual(option("export", "labels")?.kind, .bool)
        XCTAssertEqual(option("load", "labels")?.kind, .string)
        XCTAssertEqual(option("add", "activation")?.kind, .choice(StatementTable.activationNames))
        XCTAssertEqual(StatementTable.layerNames.count, 13)
    }

    func testOptionNamesAreNormalisedAndUnique() {
        for spec in table.statements {
            let names = spec.options.map(\.name)
            XCTAssertEqual(Set(names).count, names.count, spec.name)
            for name in names { XCTAssertEqual(normalisedOptionKey(name), name, spec.name) }
        }
    }

    func testEveryDefaultIsAValueOfItsKind() {
        for spec in table.statements {
            for option in spec.options where option.defaultValue != nil {
                let word = option.defaultWord
                XCTAssertNotNil(word, "\(spec.name) \(option.name)")
                if let word { XCTAssertTrue(OptionChecker.accepts(option.kind, word), "\(spec.name) \(option.name)") }
            }
        }
    }

    func testEveryExampleParsesAsItsOwnStatement() {
        for spec in table.statements {
            XCTAssertFalse(spec.examples.isEmpty, spec.name)
            for example in spec.examples {
                let results = Parser.parse(SourceFile(name: "example", text: example))
                XCTAssertEqual(results.count, 1, example)
                switch results.first {
                case .success(let statement)?: XCTAssertEqual(statement.name, spec.name)
                case .failure(let diagnostic)?: XCTFail(diagnostic.rendered())
                case nil: XCTFail("no statement in \(example)")
                }
            }
        }
    }

    func testHelpListsEveryStatementWithItsSummaryInOneColumn() {
        let lines = table.helpText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        var column: Int?
        for spec in table.statements {
            guard index < lines.count else { return XCTFail("help ends before `\(spec.name)`") }
            XCTAssertTrue(lines[index].hasPrefix(spec.usage), spec.name)
            if !lines[index].hasSuffix(spec.summary) {
                // A long usage has its summary on the next line.
                XCTAssertEqual(lines[index], spec.usage)
                index += 1
                guard index < lines.count else { return XCTFail("no summary for `\(spec.name)`") }
            }
            let line = lines[index]
            XCTAssertTrue(line.hasSuffix(spec.summary), spec.name)
            let start = line.count - spec.summary.count
            XCTAssertEqual(start, column ?? start, "summary of `\(spec.name)` out of line")
            column = column ?? start
            XCTAssertLessThanOrEqual(line.count, 110, spec.name)
            index += 1
        }
        XCTAssertEqual(index, lines.count, "nothing after the last statement")
        XCTAssertTrue(lines.contains("seed N" + String(repeating: " ", count: (column ?? 0) - 6)
                                     + "Make initialisation, shuffling and random shifts repeatable."))
    }

    func testHelpForAStatementShowsEveryOptionItsDefaultAndExample() {
        for spec in table.statements {
            guard let help = table.helpText(for: spec.name) else { return XCTFail(spec.name) }
            for form in spec.forms { XCTAssertTrue(help.hasPrefix(spec.forms[0]) && help.contains(form), spec.name) }
            XCTAssertTrue(help.contains(spec.summary), spec.name)
            for option in spec.options {
                let line = help.split(separator: "\n").first { $0.hasPrefix("  \(option.name)=\(option.kind.placeholder) ") }
                XCTAssertNotNil(line, "\(spec.name) \(option.name)")
                let fallback = option.defaultValue.map { " (default \($0))" } ?? ""
                XCTAssertTrue(line?.hasSuffix(option.summary + fallback) ?? false, "\(spec.name) \(option.name)")
            }
            for example in spec.examples { XCTAssertTrue(help.contains("\n  " + example), spec.name) }
        }
        XCTAssertNil(table.helpText(for: "trian"))
        XCTAssertEqual(table.helpText(for: "exit"), table.helpText(for: "quit"))
    }

    func testHelpForCompileExactly() {
        XCTAssertEqual(table.helpText(for: "compile"), """
            compile [MODEL]

            Choose a model's optimiser, learning rate and loss.

            Options:
              optimizer=adam|sgd|rmsprop            the optimiser (default adam)
              lr=X                                  learning rate (default 0.001)
              loss=sparse_categorical_crossentropy  the loss (default sparse_categorical_crossentropy)
              momentum=X                            momentum of sgd and rmsprop (default 0.0)
              beta1=X                               adam's first-moment decay (default 0.9)
              beta2=X                               adam's second-moment decay (default 0.999)
              epsilon=X                             added to the denominator of adam and rmsprop (default 1e-7)

            Example:
              compile nn optimizer=adam lr=0.001
            """)
    }

    func testValuesFallBackToTheTableDefaults() throws {
        let statements = Parser.parse(SourceFile(name: "t", text: "train nn epochs=5; train nn; compile; evaluate nn"))
            .compactMap { try? $0.get() }
        XCTAssertEqual(statements.count, 4)
        XCTAssertEqual(statements[0].value(of: "epochs")?.int, 5)
        XCTAssertEqual(statements[1].value(of: "epochs")?.int, 1)
        XCTAssertEqual(statements[1].value(of: "stop-at")?.double, nil)
        XCTAssertEqual(statements[1].value(of: "on")?.name, "train")
        XCTAssertEqual(statements[1].value(of: "shuffle")?.bool, true)
        XCTAssertEqual(statements[2].value(of: "lr")?.double, 0.001)
        XCTAssertEqual(statements[2].value(of: "optimizer")?.name, "adam")
        XCTAssertNil(statements[3].value(of: "by"))
        XCTAssertNil(statements[3].value(of: "nonsense"))
    }

    func testSuggestion() {
        XCTAssertEqual(suggestion(for: "trian", among: ["load", "train", "evaluate"]), "train")
        XCTAssertEqual(suggestion(for: "epoch", among: ["epochs", "batch"]), "epochs")
        XCTAssertEqual(suggestion(for: "TRAIN", among: ["train"]), "train")
        XCTAssertEqual(suggestion(for: "stop-a", among: ["stop_at"]), "stop_at")
        XCTAssertEqual(suggestion(for: "evalute", among: ["evaluate", "export"]), "evaluate")
        XCTAssertEqual(suggestion(for: "globalavgpol", among: StatementTable.layerNames), "globalavgpool")
        XCTAssertNil(suggestion(for: "xyzzy", among: ["train", "load"]))
        XCTAssertNil(suggestion(for: "", among: ["train"]))
        XCTAssertNil(suggestion(for: "abc", among: []))
        XCTAssertNil(suggestion(for: "foo", among: ["pop"]), "two edits are too many for a short word")
        XCTAssertEqual(suggestion(for: "pip", among: ["pop", "pip2"]), "pop", "ties go to the earlier candidate")
    }

    func testEditDistance() {
        func d(_ a: String, _ b: String) -> Int { editDistance(Array(a), Array(b)) }
        XCTAssertEqual(d("", "abc"), 3)
        XCTAssertEqual(d("abc", ""), 3)
        XCTAssertEqual(d("kitten", "sitting"), 3)
        XCTAssertEqual(d("trian", "train"), 1)
        XCTAssertEqual(d("ca", "abc"), 3, "optimal string alignment: no edit of a swapped pair")
        XCTAssertEqual(d("same", "same"), 0)
    }
}
