import Foundation
import XCTest
import FMPrompt
import FMLanguage
@testable import FMShell

/// The real `fm` executable at its prompt, driven through a pseudo-terminal (TERM=xterm, 100
/// columns): keys in, screen text out. Every wait polls the screen with a timeout, so a loaded
/// machine makes the tests slower, not flaky.
final class PromptSessionTests: XCTestCase {
    var fm: String { Harness.root.appendingPathComponent(".build/debug/fm").path }
    var home = ""

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: fm), "build fm first (swift build)")
        home = Harness.temporaryFolder()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: home)
    }

    /// fm at its prompt in session `test`, on the test's store folder.
    private func start(file: StaticString = #filePath, line: UInt = #line) throws -> TerminalProcess {
        let terminal = try spawn()
        terminal.expectPrompt("fm:test> ", file: file, line: line)
        return terminal
    }

    /// fm in session `test` on a 100x40 terminal of type `term`, on the test's store folder.
    private func spawn(term: String = "xterm", arguments: [String] = []) throws -> TerminalProcess {
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = term
        environment["COLUMNS"] = "100"
        environment["LINES"] = "40"
        environment["FM_HOME"] = home
        environment["EDITRC"] = "/dev/null"   // the user's ~/.editrc must not change the keys
        return try TerminalProcess(executable: fm, arguments: ["--session", "test"] + arguments, environment: environment)
    }

    // MARK: - Prompt and completion

    func testPromptShowsSessionAndCurrentModel() throws {
        let terminal = try start()
        XCTAssertTrue(terminal.screen.lines.first?.hasPrefix("fm \(Launcher.version):") == true, terminal.screen.text)
        terminal.enter("model nn input=28x28", then: "fm:test[nn]> ")
        XCTAssertTrue(terminal.screen.lines.contains("new model nn, input 28x28"), terminal.screen.text)
    }

    func testTabCompletesStatementOptionAndModelName() throws {
        let terminal = try start()
        terminal.type("summ\t")
        terminal.expectLine("fm:test> summary")
        terminal.type("\u{15}")   // Ctrl-U: clear the line
        terminal.expectPrompt("fm:test> ")
        terminal.enter("model nn input=28x28", then: "fm:test[nn]> ")
        terminal.type("train nn ep\t")
        terminal.expectLine("fm:test[nn]> train nn epochs=")
        terminal.type("\u{15}use n\t")
        terminal.expectLine("fm:test[nn]> use nn")
        // The completed line runs like a typed one.
        terminal.enter("", then: "fm:test[nn]> ")
        XCTAssertTrue(terminal.screen.lines.contains("fm:test[nn]> use nn"), terminal.screen.text)
    }

    func testSecondTabListsTheCandidates() throws {
        let terminal = try start()
        terminal.type("tr\t")
        terminal.expectLine("fm:test> tra")
        terminal.type("\t")
        terminal.expectScreenLine("listing train and translate") { $0.hasPrefix("train") && $0.hasSuffix(" translate") }
        terminal.expectLine("fm:test> tra")
        // Option values from the statement table: compile's optimizer.
        terminal.type("\u{15}compile optimizer=\t\t")
        terminal.expectScreenLine("listing adam, rmsprop, sgd") { $0.range(of: #"^adam +rmsprop +sgd$"#, options: .regularExpression) != nil }
        terminal.expectLine("fm:test> compile optimizer=")
        terminal.type("r\t")
        terminal.expectLine("fm:test> compile optimizer=rmsprop")
    }

    func testKeywordsOptionValuesAndSessionsComplete() throws {
        // A second stored session, made by another fm process on the same store.
        let other = try TerminalProcess(executable: fm, arguments: ["--session", "other", "-c", "seed 1"],
                                        environment: ProcessInfo.processInfo.environment.merging(["FM_HOME": home]) { $1 })
        XCTAssertEqual(other.waitForExit(), 0, other.screen.text)
        let terminal = try start()
        for (typed, completed) in [("load fa", "load fashion-mnist"), ("show fi", "show filters"),
                                   ("train keep=b", "train keep=best"), ("translate corner=b", "translate corner=bottom-right"),
                                   ("add conv2d padding=s", "add conv2d padding=same"), ("session o", "session other")] {
            terminal.type("\u{15}" + typed + "\t")
            terminal.expectLine("fm:test> " + completed)
        }
    }

    func testContinuationPromptAndCompletionOnTheContinuedLine() throws {
        let terminal = try start()
        terminal.enter("model nn input=28x28", then: "fm:test[nn]> ")
        terminal.enter("add flatten", then: "fm:test[nn]> ")
        terminal.type("summary \\\r", thenPrompt: "...> ")
        // The continued line completes as part of the whole statement: a model name, an option.
        terminal.type("n\t")
        terminal.expectLine("...> nn")
        terminal.type(" \\\r", thenPrompt: "...> ")
        terminal.type("fl\t")
        terminal.expectLine("...> flops=")
        terminal.enter("true", then: "fm:test[nn]> ")
        terminal.expectScreenLine("with the FLOPs column") { $0.localizedCaseInsensitiveContains("flops") && !$0.contains("...>") }
        // The whole statement is one history entry, its lines joined by a line break.
        let history = try String(contentsOfFile: home + "/history", encoding: .utf8)
        XCTAssertTrue(history.contains(#"summary\040\134\012nn\040\134\012flops=true"#), history)
    }

    // MARK: - Errors, history, keys

    func testErrorShowsCaretUnderTheColumnAndSessionGoesOn() throws {
        let terminal = try start()
        terminal.enter("model nn input=28x28", then: "fm:test[nn]> ")
        terminal.enter("summary nn x=1", then: "fm:test[nn]> ")
        let lines = terminal.screen.lines
        guard let at = lines.firstIndex(where: { $0.contains("error: unknown option `x` for `summary`") }) else {
            return XCTFail("no error shown:\n\(terminal.screen.text)")
        }
        XCTAssertTrue(lines[at].hasPrefix("<prompt>:1:12: error:"), lines[at])
        XCTAssertEqual(Array(lines[(at + 1)...].prefix(2)), ["summary nn x=1", "           ^"])
        // The session goes on: the model is still there.
        terminal.enter("models", then: "fm:test[nn]> ")
        terminal.expectScreenLine("listing nn") { $0.hasPrefix("* nn") }
    }

    func testHistoryIsRecalledWithUpAfterRestart() throws {
        do {
            let terminal = try start()
            terminal.enter("seed 7", then: "fm:test> ")
            terminal.enter("datasets", then: "fm:test> ")
            terminal.type("\u{4}")
            XCTAssertEqual(terminal.waitForExit(), 0, terminal.screen.text)
        }
        let terminal = try start()
        terminal.type("\u{1B}[A")
        terminal.expectLine("fm:test> datasets")
        terminal.type("\u{1B}[A")
        terminal.expectLine("fm:test> seed 7")
        terminal.enter("", then: "fm:test> ")
        terminal.type("\u{4}")
        XCTAssertEqual(terminal.waitForExit(), 0)
        let history = try String(contentsOfFile: home + "/history", encoding: .utf8)
        XCTAssertEqual(history.split(separator: "\n"), ["_HiStOrY_V2_", "seed\\0407", "datasets", "seed\\0407"])
    }

    func testCtrlCAtThePromptClearsTheLine() throws {
        let terminal = try start()
        terminal.type("train nn epochs=3\u{3}", thenPrompt: "fm:test> ")
        XCTAssertTrue(terminal.screen.lines.contains("fm:test> train nn epochs=3^C"), terminal.screen.text)
        // A continued statement is abandoned too: the next prompt is the first-line one.
        terminal.type("summary \\\r", thenPrompt: "...> ")
        terminal.type("nn\u{3}", thenPrompt: "fm:test> ")
        XCTAssertTrue(terminal.screen.lines.contains("...> nn^C"), terminal.screen.text)
        terminal.enter("seed 3", then: "fm:test> ")
        XCTAssertFalse(terminal.screen.text.contains("error"), terminal.screen.text)
        // A SIGINT from elsewhere while fm waits at the prompt abandons the line the same way.
        terminal.type("seed 4")
        terminal.expectLine("fm:test> seed 4")
        // Only a signal that finds libedit waiting for a key counts as "at the prompt".
        XCTAssertTrue(terminal.waitFor { _ in terminal.isWaitingForInput }, "fm never waited for input")
        let mark = terminal.output.count
        kill(terminal.pid, SIGINT)
        XCTAssertTrue(terminal.waitFor { screen in
            screen.cursorLine == "fm:test>" && terminal.output(since: mark).contains("fm:test>") && terminal.isEditing
        }, terminal.screen.text)
        XCTAssertTrue(terminal.screen.lines.contains("fm:test> seed 4"), terminal.screen.text)
        terminal.enter("seed 5", then: "fm:test> ")
    }

    func testCtrlDQuitsOnlyOnAnEmptyLine() throws {
        let terminal = try start()
        // On a non-empty line Ctrl-D deletes the character under the cursor (Ctrl-B: back one).
        terminal.type("seedx\u{2}\u{4}")
        terminal.expectLine("fm:test> seed")
        terminal.type("\u{15}\u{4}")
        XCTAssertEqual(terminal.waitForExit(), 0, terminal.screen.text)
    }

    func testDumbTerminalRunsEachStatementWithoutPromptOrEscapes() throws {
        let terminal = try spawn(term: "dumb")
        // Each statement runs as soon as it is complete (not at the end of the input); the
        // terminal itself echoes what is typed.
        terminal.type("model nn input=28x28\r")
        terminal.expectScreenLine("new model nn") { $0 == "new model nn, input 28x28" }
        terminal.type("summary \\\r")
        terminal.type("nn\r")
        terminal.expectScreenLine("Total params") { $0 == "Total params: 0" }
        // An error does not end the session; Ctrl-C drops the line being typed.
        terminal.type("sumary\r")
        terminal.expectScreenLine("the error") { $0.hasPrefix("<stdin>:1:1: error: unknown statement `sumary`") }
        terminal.type("model dropped input=28x28\u{3}")
        terminal.type("models\r")
        terminal.expectScreenLine("listing nn") { $0.hasPrefix("* nn") }
        terminal.type("\u{4}")
        XCTAssertEqual(terminal.waitForExit(), 0, terminal.screen.text)
        let output = terminal.output(since: 0)
        XCTAssertFalse(output.contains("\u{1B}"), output.debugDescription)
        XCTAssertFalse(output.contains("fm:test>"), output)
        XCTAssertFalse(output.contains("new model dropped"), "the line was dropped by Ctrl-C, yet ran: \(output)")
    }

    // MARK: - Ctrl-C during a statement

    /// The epoch and the last kept epoch of "stopped in epoch N at step S/625; epochs 1–K kept".
    static func stop(in line: String) -> (epoch: Int, kept: Int)? {
        guard let match = line.firstMatch(of: #/^stopped in epoch (\d+) at step \d+\/625; (?:epochs 1–(\d+)|epoch (1)) kept$/#),
              let epoch = Int(match.1), let kept = Int(match.2 ?? match.3 ?? "") else { return nil }
        return (epoch, kept)
    }

    func testCtrlCDuringTrainingKeepsTheCompletedEpochs() throws {
        try XCTSkipUnless(Harness.datasetAvailable, "needs /usr/share/datasets/fashion-mnist")
        let terminal = try start()
        terminal.enter("load fashion-mnist", then: "fm:test> ", timeout: 30)
        for statement in ["model nn input=28x28", "add flatten", "add dense 128 relu", "add dense 10 softmax", "compile"] {
            terminal.enter(statement, then: "fm:test[nn]> ")
        }
        terminal.type("train nn epochs=50 limit=20000\r")
        // Two epochs done, the third under way: stop it.
        terminal.expectScreenLine(timeout: 30, "Epoch 3/50") { $0.hasPrefix("Epoch 3/50") }
        terminal.type("\u{3}")
        // A second Ctrl-C while stopping must not end fm.
        terminal.type("\u{3}")
        terminal.expectScreenLine(timeout: 5, "saying where training stopped") { Self.stop(in: $0) != nil }
        terminal.expectPrompt("fm:test[nn]> ", timeout: 5)
        let stops = terminal.screen.lines.compactMap(Self.stop(in:))
        XCTAssertEqual(stops.count, 1, terminal.screen.text)
        guard let (epoch, kept) = stops.first else { return }
        XCTAssertGreaterThanOrEqual(epoch, 3)
        XCTAssertEqual(kept, epoch - 1)
        terminal.enter("models", then: "fm:test[nn]> ")
        terminal.expectScreenLine("nn with \(kept) epochs") {
            $0.range(of: #"^\* nn +3 +101,770 +\#(kept) "#, options: .regularExpression) != nil
        }
        terminal.type("\u{4}")
        XCTAssertEqual(terminal.waitForExit(), 0, terminal.screen.text)
    }

    func testCtrlCStopsAScriptWithStatus130() throws {
        try XCTSkipUnless(Harness.datasetAvailable, "needs /usr/share/datasets/fashion-mnist")
        let script = "load fashion-mnist; model nn input=28x28; add flatten; add dense 128 relu; add dense 10 softmax; "
            + "compile; train nn epochs=50 limit=20000; models"
        let terminal = try spawn(arguments: ["-c", script])
        terminal.expectScreenLine(timeout: 30, "Epoch 2/50") { $0.hasPrefix("Epoch 2/50") }
        terminal.type("\u{3}")
        XCTAssertEqual(terminal.waitForExit(timeout: 10), 130, terminal.screen.text)
        // Epoch N stopped (N ≥ 2: the key may land after epoch 2 ended), epochs 1 to N − 1 kept.
        let stops = terminal.screen.lines.compactMap(Self.stop(in:))
        XCTAssertEqual(stops.count, 1, terminal.screen.text)
        if let (epoch, kept) = stops.first {
            XCTAssertGreaterThanOrEqual(epoch, 2)
            XCTAssertEqual(kept, epoch - 1)
        }
        // The script stopped: `models` after `train` did not run.
        XCTAssertFalse(terminal.screen.text.contains("best val acc"), terminal.screen.text)
    }

    // MARK: - The vocabulary Repl gives the completer

    func testVocabularyCarriesKeywordsOptionValuesAndSessions() throws {
        let harness = try Harness(home: home)
        harness.run("session other\nsession test\nmodel nn input=28x28")
        let repl = Repl(interpreter: harness.interpreter, home: home)
        let vocabulary = repl.vocabulary(sessions: harness.interpreter.storedSessionNames)
        XCTAssertEqual(vocabulary.keywords["load"], ["fashion-mnist", "idx", "npy", "image", "images"])
        XCTAssertEqual(vocabulary.keywords["show"], ["filters", "activations", "image"])
        XCTAssertNil(vocabulary.keywords["report"])   // `report to`: a preposition, not a keyword
        XCTAssertEqual(vocabulary.optionValues["optimizer"], ["adam", "sgd", "rmsprop"])
        XCTAssertEqual(vocabulary.optionValues["keep"], ["best", "last"])
        XCTAssertEqual(vocabulary.optionValues["corner"], ["top-left", "bottom-right", "random"])
        XCTAssertEqual(vocabulary.optionValues["padding"], ["same", "valid"])
        XCTAssertEqual(vocabulary.optionValues["activation"], StatementTable.activationNames)
        XCTAssertEqual(Set(vocabulary.sessions), ["test", "other"])
        XCTAssertEqual(vocabulary.models, ["nn"])

        XCTAssertEqual(vocabulary.expects["show filters"], .model)
        XCTAssertEqual(vocabulary.expects["show activations"], .modelsThenData)
        XCTAssertEqual(vocabulary.expects["load idx"], .file)
        XCTAssertEqual(vocabulary.expects["load fashion-mnist"], .nothing)
        XCTAssertEqual(vocabulary.options["show filters"], ["layer", "columns"])
        XCTAssertEqual(repl.candidates(pending: "", line: "show filters "), ["nn"])
        XCTAssertEqual(repl.candidates(pending: "", line: "show filters nn co"), ["columns="])
        XCTAssertEqual(repl.candidates(pending: "", line: "load i"), ["idx", "image", "images"])
        XCTAssertEqual(repl.candidates(pending: "", line: "session "), ["other", "test"])
        XCTAssertEqual(repl.candidates(pending: "seed 1; session \\", line: "o"), ["other"])
        XCTAssertEqual(repl.candidates(pending: "train nn \\", line: "ep"), ["epochs="])
        XCTAssertEqual(repl.candidates(pending: "train nn \\", line: "epochs=2 keep=l"), ["last"])
        // A finished statement on an earlier line does not count: a new one starts.
        XCTAssertEqual(repl.candidates(pending: "seed 1", line: "mod"), ["model", "models"])
        XCTAssertEqual(Repl.firstWord(ofLastStatementIn: "seed 1; Session \\\nx"), "session")
        XCTAssertEqual(Repl.firstWord(ofLastStatementIn: "session a\nseed"), "seed")
    }
}
