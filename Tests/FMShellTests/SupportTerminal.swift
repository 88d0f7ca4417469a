import FMTestSupport
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A program running on a pseudo-terminal, as a user's terminal runs it: the test types on the
/// master side and reads the program's output into a `Screen`.
///
/// The child is started with `posix_spawn` in a new session (`setsid`) and opens the slave
/// without `O_NOCTTY`, so the pseudo-terminal becomes its controlling terminal: a Ctrl-C typed
/// while the terminal is in cooked mode raises SIGINT in the child, as in a real terminal.
final class TerminalProcess {
    let pid: pid_t
    let master: Int32
    private(set) var screen: Screen
    /// Every byte the program wrote, in order (the screen keeps only what is visible).
    private(set) var output: [UInt8] = []
    /// The exit status once the child has exited (128 + N when killed by signal N).
    private(set) var exitStatus: Int32?

    init(executable: String, arguments: [String], environment: [String: String],
         columns: Int = 100, rows: Int = 40) throws {
        // Glibc's headers hide posix_openpt & co. from Swift (they need _XOPEN_SOURCE), so they
        // are looked up in the C library by name.
        guard let openpt = TerminalProcess.function("posix_openpt", as: (@convention(c) (Int32) -> Int32).self),
              let grantpt = TerminalProcess.function("grantpt", as: (@convention(c) (Int32) -> Int32).self),
              let unlockpt = TerminalProcess.function("unlockpt", as: (@convention(c) (Int32) -> Int32).self),
              let ptsname = TerminalProcess.function("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
        else { throw TerminalProcessError.unavailable("posix_openpt", errno: ENOSYS) }
        let master = openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw TerminalProcessError.unavailable("posix_openpt", errno: errno) }
        guard grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else {
            close(master)
            throw TerminalProcessError.unavailable("grantpt/unlockpt", errno: errno)
        }
        let slavePath = String(cString: name)
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // After setsid (done before the file actions), opening the terminal makes it the
        // controlling one.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        // POSIX_SPAWN_SETSID (glibc ≥ 2.26) is hidden behind _GNU_SOURCE, hence the number.
        let setsid: Int32 = 0x80
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | setsid))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let failure = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard failure == 0 else {
            close(master)
            throw TerminalProcessError.unavailable("posix_spawn \(executable)", errno: failure)
        }
        self.pid = child
        self.master = master
        self.screen = Screen(width: columns, height: rows)
    }

    deinit {
        terminate()
        close(master)
    }

    private static func function<F>(_ name: String, as type: F.Type) -> F? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    /// Types `keys` (raw bytes: "\r" is Enter, "\u{3}" Ctrl-C, "\u{4}" Ctrl-D, "\u{1B}[A" Up).
    func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
    }

    /// Reads the program's output until `condition` holds on the screen or `timeout` passes;
    /// polls, so a slow machine only makes the wait longer.
    @discardableResult
    func waitFor(timeout: TimeInterval = 10, _ condition: (Screen) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            drain(milliseconds: 20)
            if condition(screen) { return true }
            if Date() > deadline { return false }
        }
    }

    /// The program is reading keys one by one (libedit's raw mode), not lines: a key typed now
    /// reaches the line editor instead of being echoed by the terminal. (libedit draws the
    /// prompt a moment before it switches modes.) Linux's master side reports the slave's modes.
    var isEditing: Bool {
        var modes = termios()
        guard tcgetattr(master, &modes) == 0 else { return false }
        return modes.c_lflag & tcflag_t(ICANON) == 0
    }

    /// The program's main thread is blocked reading its standard input (from
    /// `/proc/PID/syscall`: the `read` system call on descriptor 0), so a signal sent now
    /// interrupts that read rather than landing while the editor is busy drawing.
    var isWaitingForInput: Bool {
        #if arch(x86_64)
        let read = "0"
        #elseif arch(arm64)
        let read = "63"
        #else
        let read = "?"
        #endif
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/syscall", encoding: .utf8) else { return false }
        let fields = text.split(separator: " ")
        return fields.count > 1 && fields[0] == read && fields[1] == "0x0"
    }

    /// What the program wrote after the first `offset` bytes, as text.
    func output(since offset: Int) -> String {
        String(decoding: output[min(offset, output.count)...], as: UTF8.self)
    }

    /// Waits for the child to exit (reading its output meanwhile); nil on timeout.
    func waitForExit(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while exitStatus == nil {
            drain(milliseconds: 20)
            reap(options: WNOHANG)
            if exitStatus == nil, Date() > deadline { return nil }
        }
        drain(milliseconds: 0)
        return exitStatus
    }

    /// Kills the child if it still runs and collects it.
    func terminate() {
        guard exitStatus == nil else { return }
        kill(pid, SIGKILL)
        reap(options: 0)
    }

    private func reap(options: Int32) {
        var status: Int32 = 0
        guard waitpid(pid, &status, options) == pid else { return }
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
        let signal = status & 0x7F
        exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// Feeds the screen with everything readable within `milliseconds`.
    private func drain(milliseconds: Int32) {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        var buffer = [UInt8](repeating: 0, count: 8192)
        var readSomething = false
        while poll(&descriptor, 1, readSomething ? 0 : milliseconds) > 0 {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else {
                // EIO once the child closed the terminal: nothing more will come; do not spin.
                if milliseconds > 0 { usleep(UInt32(milliseconds) * 1000) }
                return
            }
            readSomething = true
            output += buffer[0..<count]
            screen.feed(Array(buffer[0..<count]))
        }
    }
}

enum TerminalProcessError: Error, CustomStringConvertible {
    case unavailable(String, errno: Int32)

    var description: String {
        switch self {
        case let .unavailable(what, code): return "\(what) failed: \(String(cString: strerror(code)))"
        }
    }
}
