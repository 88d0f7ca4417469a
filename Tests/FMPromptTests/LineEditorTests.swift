import FMTestSupport
import Synchronization
import XCTest
@testable import FMPrompt

private let suspendSignals = Atomic<Int>(0)

/// The editor driven through a pseudo-terminal: keystrokes in, screen text out.
final class LineEditorTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("fmprompt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func makeEditor(_ terminal: PseudoTerminal, history: String? = nil, limit: Int = 1000,
                            editrc: String = "/dev/null") throws -> LineEditor {
        try XCTUnwrap(terminal.editor(historyFile: history, historyLimit: limit, editrc: editrc))
    }

    func testTypedLineIsReturnedOnEnter() throws {
        let terminal = try PseudoTerminal()
        let editor = try makeEditor(terminal)
        let result = terminal.readLine(editor, prompt: "fm> ") { $0.type("load fashion-mnist\r") }
        XCTAssertEqual(result, .line("load fashion-mnist"))
        XCTAssertEqual(terminal.screen.lines.first, "fm> load fashion-mnist")
    }

    func testEditingKeysChangeTheLine() throws {
        let terminal = try PseudoTerminal()
        let editor = try makeEditor(terminal)
        // Ctrl-A to the start, type "x", Ctrl-E to the end, Backspace removes the last character.
        let result = terminal.readLine(editor, prompt: "fm> ") { $0.type("modell\u{1}x\u{5}\u{7F}\r") }
        XCTAssertEqual(result, .line("xmodel"))
        XCTAssertEqual(terminal.screen.lines.first, "fm> xmodel")
    }

    func testNonASCIITextSurvives() throws {
        let terminal = try PseudoTerminal()
        let editor = try makeEditor(terminal)
        let result = terminal.readLine(editor, prompt: "fm> ") { $0.type("show \"café.png\"\r") }
        XCTAssertEqual(result, .line("show \"café.png\""))
    }

    func testTabCompletesAStatementName() throws {
        let terminal = try PseudoTerminal()
        let editor = try makeEditor(terminal)
        editor.completer = { text in ["train", "translate", "datasets"].filter { $0.hasPrefix(text) } }
        let result = terminal.readLine(editor, prompt: "fm> ") { terminal in
            terminal.type("da\t")
            XCTAssertTrue(terminal.waitForScreen { $0.cursorLine == "fm> datasets" }, terminal.screen.text)
            terminal.type("\r")
        }
        XCTAssertEqual(result, .line("datasets"))
    }

    func testFirstTabInsertsCommonPrefixSecondTabLists() throws {
        let terminal = try PseudoTerminal()
        let editor = try makeEditor(terminal)
        editor.completer = { text in ["train", "translate", "datasets"].filter { $0.hasPrefix(text) } }
        let result = terminal.readLine(editor, prompt: "fm> ") { terminal in
            terminal.type("t\t")
            XCTAssertTrue(terminal.waitForScreen { $0.cursorLine == "fm> tra" }, terminal.screen.text)
            terminal.type("\t")
            XCTAssertTrue(terminal.waitForScreen { $0.lines.contains("train      translate") }, terminal.screen.text)
            XCTAssertTrue(terminal.waitForScreen { $0.cursorLine == "fm> tra" }, terminal.screen.text)
            terminal.type("in\r")
        }
        XCTAssertEqual(result, .line("train"))
        XCTAssertEqual(terminal.screen.lines, ["fm> tra", "train      translate", "fm> train"])
    }

    func testCtrlCAbandonsTheLine() throws {
        let terminal = try PseudoTerminal()
        let editor = try makeEditor(terminal)
        let first = terminal.readLine(editor, prompt: "fm> ") { $0.type("train nn\u{2}\u{2}\u{3}") }
        XCTAssertEqual(first, .interrupted)
        // The cursor went to the end of the line before "^C" was written.
        XCTAssertEqual(terminal.screen.lines, ["fm> train nn^C"])
        // The next line starts empty.
        let second = terminal.readLine(editor, prompt: "fm> ") { $0.type("models\r") }
        XCTAssertEqual(second, .line("models"))
        XCTAssertEqual(terminal.screen.lines, ["fm> train nn^C", "fm> models"])
    }

    func testCtrlZSuspendsThenEditsTheSameLine() throws {
        // A handler stands in for the default action (stopping the test process).
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in suspendSignals.add(1, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        var previous = sigaction()
        sigaction(SIGTSTP, &action, &previous)
        defer { sigaction(SIGTSTP, &previous, nil) }
        let before = suspendSignals.load(ordering: .relaxed)

        let terminal = try PseudoTerminal()
        let editor = try makeEditor(terminal)
        let result = terminal.readLine(editor, prompt: "fm> ") { terminal in
            terminal.type("load\u{1A}")
            XCTAssertTrue(terminal.waitForScreen { $0.lines.count == 2 && $0.cursorLine == "fm> load" },
                          terminal.screen.text)
            terminal.type(" fashion-mnist\r")
        }
        XCTAssertEqual(result, .line("load fashion-mnist"))
        XCTAssertEqual(suspendSignals.load(ordering: .relaxed) - before, 1)
    }

    func testCtrlDOnEmptyLineIsEndOfFile() throws {
        let terminal = try PseudoTerminal()
        let editor = try makeEditor(terminal)
        XCTAssertEqual(terminal.readLine(editor, prompt: "fm> ") { $0.type("\u{4}") }, .endOfFile)
        // On a non-empty line Ctrl-D deletes the character under the cursor instead.
        let result = terminal.readLine(editor, prompt: "fm> ") { $0.type("seedx\u{2}\u{4}\r") }
        XCTAssertEqual(result, .line("seed"))
    }

    func testHistoryIsRecalledAfterRestart() throws {
        let file = folder.appendingPathComponent("sub/history").path
        do {
            let terminal = try PseudoTerminal()
            let editor = try makeEditor(terminal, history: file)
            for statement in ["model nn input=28x28", "train nn epochs=1"] {
                let result = terminal.readLine(editor, prompt: "fm> ") { $0.type(statement + "\r") }
                XCTAssertEqual(result, .line(statement))
                editor.addToHistory(statement)
            }
        }
        XCTAssertEqual(try readHistoryFile(file), ["model nn input=28x28", "train nn epochs=1"])
        let terminal = try PseudoTerminal()
        let editor = try makeEditor(terminal, history: file)
        let result = terminal.readLine(editor, prompt: "fm> ") { terminal in
            terminal.type("\u{1B}[A")
            XCTAssertTrue(terminal.waitForScreen { $0.cursorLine == "fm> train nn epochs=1" }, terminal.screen.text)
            terminal.type("\u{1B}[A")
            XCTAssertTrue(terminal.waitForScreen { $0.cursorLine == "fm> model nn input=28x28" }, terminal.screen.text)
            terminal.type("\r")
        }
        XCTAssertEqual(result, .line("model nn input=28x28"))
    }

    func testHistoryFileIsBounded() throws {
        let file = folder.appendingPathComponent("history").path
        let terminal = try PseudoTerminal()
        let editor = try makeEditor(terminal, history: file, limit: 3)
        for n in 1...5 { editor.addToHistory("seed \(n)") }
        editor.addToHistory("   ")   // blank: not stored
        XCTAssertEqual(try readHistoryFile(file), ["seed 3", "seed 4", "seed 5"])
        XCTAssertEqual(editor.history.entries, ["seed 3", "seed 4", "seed 5"])
    }

    func testViModeFromEditrcKeepsTabAndCtrlC() throws {
        let editrc = folder.appendingPathComponent("editrc")
        try "bind -v\n".write(to: editrc, atomically: true, encoding: .utf8)
        let terminal = try PseudoTerminal()
        let editor = try makeEditor(terminal, editrc: editrc.path)
        editor.completer = { text in ["summary"].filter { $0.hasPrefix(text) } }
        // vi: ESC to command mode, `0` to the start, `x` deletes a character, `i` inserts.
        let result = terminal.readLine(editor, prompt: "fm> ") { terminal in
            terminal.type("su\t")
            XCTAssertTrue(terminal.waitForScreen { $0.cursorLine == "fm> summary" }, terminal.screen.text)
            terminal.type("\u{1B}0xis\r")
        }
        XCTAssertEqual(result, .line("summary"))
        XCTAssertEqual(terminal.readLine(editor, prompt: "fm> ") { $0.type("pop\u{3}") }, .interrupted)
    }

    func testEditrcLinesForFmApplyOthersDoNot() throws {
        let editrc = folder.appendingPathComponent("editrc")
        try "sqlite3:bind -v\nfm:bind ^X^U fm-complete\n".write(to: editrc, atomically: true, encoding: .utf8)
        let terminal = try PseudoTerminal()
        let editor = try makeEditor(terminal, editrc: editrc.path)
        editor.completer = { text in ["datasets"].filter { $0.hasPrefix(text) } }
        // Still emacs (Ctrl-A works); Ctrl-X Ctrl-U completes.
        let result = terminal.readLine(editor, prompt: "fm> ") { $0.type("da\u{18}\u{15}\u{1}x\r") }
        XCTAssertEqual(result, .line("xdatasets"))
    }

    func testColouredPromptOnScreen() throws {
        let terminal = try PseudoTerminal()
        let editor = try makeEditor(terminal)
        // Moving to the start and inserting redraws from the prompt's width: the escapes must not count.
        let result = terminal.readLine(editor, prompt: "\u{1B}[1mfm:workshop[cnn]\u{1B}[0m> ") { terminal in
            terminal.type("ab\u{1}x")
            XCTAssertTrue(terminal.waitForScreen { $0.cursorLine == "fm:workshop[cnn]> xab" && $0.column == 19 },
                          terminal.screen.text)
            terminal.type("\r")
        }
        XCTAssertEqual(result, .line("xab"))
    }

    func testColouredPromptKeepsColumns() {
        XCTAssertEqual(LineEditor.markInvisible("\u{1B}[1mfm\u{1B}[0m> "),
                       "\u{1}\u{1B}[1m\u{1}fm\u{1}\u{1B}[0m\u{1}> ")
        XCTAssertEqual(LineEditor.markInvisible("fm:workshop[cnn]> "), "fm:workshop[cnn]> ")
    }

    /// The entries of a libedit history file (first line is its format marker).
    private func readHistoryFile(_ path: String) throws -> [String] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "_HiStOrY_V2_")
        return lines.dropFirst().map { $0.replacingOccurrences(of: "\\040", with: " ") }
    }
}

final class LineEditorAvailabilityTests: XCTestCase {
    func testEditingNeedsATerminalThatIsNotDumb() {
        XCTAssertTrue(LineEditor.canEdit(inputIsTerminal: true, term: "xterm-256color"))
        XCTAssertTrue(LineEditor.canEdit(inputIsTerminal: true, term: nil))
        XCTAssertFalse(LineEditor.canEdit(inputIsTerminal: true, term: "dumb"))
        XCTAssertFalse(LineEditor.canEdit(inputIsTerminal: false, term: "xterm"))
    }

    func testNoEditorWhenStandardInputIsNotATerminal() throws {
        try XCTSkipIf(isatty(0) == 1, "standard input is a terminal here")
        XCTAssertNil(LineEditor(programName: "fm", historyFile: nil))
    }

    func testNoEditorOnDescriptorsThatAreNotTerminals() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        defer { close(fds[0]); close(fds[1]) }
        XCTAssertNil(LineEditor(programName: "fm", historyFile: nil, historyLimit: 10, input: fds[0], output: fds[1],
                                terminalType: nil, editrc: "/dev/null"))
    }
}
