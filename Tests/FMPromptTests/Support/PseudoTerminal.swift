import FMTestSupport
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif
@testable import FMPrompt

/// A pseudo-terminal for driving a LineEditor in-process: the editor reads and writes the slave
/// side on a background thread; the test types on the master side and replays the output on a
/// `Screen`.
final class PseudoTerminal {
    let master: Int32
    let slave: Int32
    private(set) var screen = Screen(width: 80, height: 24)

    init() throws {
        // Glibc's headers hide posix_openpt & co. from Swift (they need _XOPEN_SOURCE), so they
        // are looked up in the C library by name.
        guard let openpt = PseudoTerminal.function("posix_openpt", as: (@convention(c) (Int32) -> Int32).self),
              let grantpt = PseudoTerminal.function("grantpt", as: (@convention(c) (Int32) -> Int32).self),
              let unlockpt = PseudoTerminal.function("unlockpt", as: (@convention(c) (Int32) -> Int32).self),
              let ptsname = PseudoTerminal.function("ptsname",
                                                    as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
        else { throw PseudoTerminalError.unavailable(errno: ENOSYS) }
        master = openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else {
            throw PseudoTerminalError.unavailable(errno: errno)
        }
        slave = open(String(cString: name), O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw PseudoTerminalError.unavailable(errno: errno) }
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    private static func function<F>(_ name: String, as type: F.Type) -> F? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    deinit {
        close(slave)
        close(master)
    }

    /// An editor on the slave side, with no `~/.editrc` unless `editrc` is given.
    func editor(historyFile: String?, historyLimit: Int = 1000, editrc: String = "/dev/null") -> LineEditor? {
        LineEditor(programName: "fm", historyFile: historyFile, historyLimit: historyLimit,
                   input: slave, output: slave, terminalType: "xterm", editrc: editrc)
    }

    /// Types `keys` (raw bytes: "\r" is Enter, "\u{3}" Ctrl-C, "\u{1B}[A" Up).
    func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        bytes.withUnsafeBytes { _ = Glibc.write(master, $0.baseAddress, $0.count) }
    }

    /// Reads what the editor wrote until `condition` holds on the screen or `timeout` passes.
    @discardableResult
    func waitForScreen(timeout: TimeInterval = 5, _ condition: (Screen) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            drain(milliseconds: 20)
            if condition(screen) { return true }
            if Date() > deadline { return false }
        }
    }

    /// Feeds the screen with everything available within `milliseconds`.
    func drain(milliseconds: Int32) {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while poll(&descriptor, 1, milliseconds) > 0 {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            screen.feed(Array(buffer[0..<count]))
        }
    }

    /// Runs `readLine` on a background thread while `keys` drives it; returns its result.
    func readLine(_ editor: LineEditor, prompt: String, timeout: TimeInterval = 5,
                  file: StaticString = #filePath, line: UInt = #line,
                  keys: (PseudoTerminal) -> Void) -> LineInput? {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        let thread = Thread {
            box.value = editor.readLine(prompt: prompt)
            done.signal()
        }
        thread.start()
        // Type only once the prompt is drawn: libedit has switched the terminal to raw mode then.
        let visible = prompt.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[@-~]", with: "", options: .regularExpression)
        let lastPromptLine = visible.split(separator: "\n").last.map(String.init) ?? visible
        let trimmed = lastPromptLine.trimmingCharacters(in: .whitespaces)
        XCTAssertTrue(waitForScreen { $0.cursorLine.hasSuffix(trimmed) || $0.cursorLine.contains(trimmed) },
                      "prompt never appeared; screen:\n\(screen.text)", file: file, line: line)
        keys(self)
        let deadline = Date().addingTimeInterval(timeout)
        while done.wait(timeout: .now() + .milliseconds(20)) == .timedOut {
            drain(milliseconds: 0)
            if Date() > deadline {
                XCTFail("readLine did not return; screen:\n\(screen.text)", file: file, line: line)
                type("\u{4}\u{4}")   // try to let the thread finish
                return nil
            }
        }
        drain(milliseconds: 20)
        return box.value
    }
}

private final class ResultBox: @unchecked Sendable {
    var value: LineInput?
}

enum PseudoTerminalError: Error {
    case unavailable(errno: Int32)
}
