import Foundation
import XCTest

/// Expectations on a `TerminalProcess`'s screen for the prompt tests: each polls the screen
/// until it holds or the timeout passes, and fails the calling test with the screen's text.
extension TerminalProcess {
    /// Waits until the cursor's line is exactly `text` (the screen drops trailing spaces) and
    /// the line editor reads keys.
    func expectLine(_ text: String, timeout: TimeInterval = 10,
                     file: StaticString = #filePath, line: UInt = #line) {
        let wanted = text.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        XCTAssertTrue(waitFor(timeout: timeout) { $0.cursorLine == wanted && self.isEditing },
                      "expected the cursor line \"\(wanted)\"; screen:\n\(screen.text)", file: file, line: line)
    }

    /// Waits for an empty prompt: the prompt alone on the cursor's line.
    func expectPrompt(_ prompt: String, timeout: TimeInterval = 10,
                     file: StaticString = #filePath, line: UInt = #line) {
        expectLine(prompt, timeout: timeout, file: file, line: line)
    }

    /// Waits until some screen line satisfies `condition`.
    func expectScreenLine(timeout: TimeInterval = 10, _ description: String,
                     file: StaticString = #filePath, line: UInt = #line, _ condition: @escaping (String) -> Bool) {
        XCTAssertTrue(waitFor(timeout: timeout) { $0.lines.contains(where: condition) },
                      "expected a line \(description); screen:\n\(screen.text)", file: file, line: line)
    }

    /// Types a statement and Enter, then waits for the next empty prompt.
    func enter(_ statement: String, then prompt: String, timeout: TimeInterval = 10,
                     file: StaticString = #filePath, line: UInt = #line) {
        type(statement + "\r", thenPrompt: prompt, timeout: timeout, file: file, line: line)
    }

    /// Types `keys`, then waits for `prompt` to be written again and to be alone on the cursor's
    /// line: a prompt already on the screen before the keys took effect does not count.
    func type(_ keys: String, thenPrompt prompt: String, timeout: TimeInterval = 10,
                     file: StaticString = #filePath, line: UInt = #line) {
        let mark = output.count
        type(keys)
        let wanted = prompt.trimmingCharacters(in: .whitespaces)
        XCTAssertTrue(waitFor(timeout: timeout) { screen in
            screen.cursorLine == wanted && self.output(since: mark).contains(wanted) && self.isEditing
        }, "expected a new prompt \"\(wanted)\"; screen:\n\(screen.text)", file: file, line: line)
    }
}
