import XCTest
@testable import FMPrompt

/// The keys docs/prompt.md lists, each checked on the line it produces.
final class KeysTests: XCTestCase {
    /// (keys typed, line returned on Enter)
    static let cases: [(String, String)] = [
        ("train nn epochs=3\u{17}", "train nn "),                 // Ctrl-W: word before the cursor
        ("train nn epochs=3\u{15}", ""),                          // Ctrl-U: whole line
        ("train nn epochs=3\u{1}\u{6}\u{6}\u{6}\u{6}\u{6}\u{B}", "train"),   // Ctrl-K: to the end
        ("abc\u{1}\u{B}x\u{19}", "xabc"),                         // Ctrl-Y: paste the kill
        ("train nn\u{1B}b\u{1B}bx", "xtrain nn"),                 // Alt-B twice: two words back
        ("train nn\u{1}\u{1B}fx", "trainx nn"),                   // Alt-F: end of the word
        ("ab\u{1B}[Dx", "axb"),                                   // Left
        ("ab\u{1B}[H\u{1B}[Cx\u{1B}[Fy", "axby"),                 // Home, Right, End
    ]

    func testKeyTable() throws {
        for (keys, expected) in Self.cases {
            let terminal = try PseudoTerminal()
            let editor = try XCTUnwrap(terminal.editor(historyFile: nil))
            let result = terminal.readLine(editor, prompt: "fm> ") { $0.type(keys + "\r") }
            XCTAssertEqual(result, .line(expected), "keys: \(keys.debugDescription)")
        }
    }

    func testCtrlRSearchesHistory() throws {
        let terminal = try PseudoTerminal()
        let editor = try XCTUnwrap(terminal.editor(historyFile: nil))
        for entry in ["train nn epochs=3", "evaluate nn on test", "summary"] { editor.addToHistory(entry) }
        let result = terminal.readLine(editor, prompt: "fm> ") { terminal in
            terminal.type("\u{12}tra")
            XCTAssertTrue(terminal.waitForScreen { $0.text.contains("train nn epochs=3") }, terminal.screen.text)
            terminal.type("\r")
        }
        XCTAssertEqual(result, .line("train nn epochs=3"))
    }
}
