#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asking the terminal itself what it can do, on /dev/tty.
public enum TerminalQuery {
    /// Sends the primary device attributes query `ESC [ c` and returns the numbers of the reply
    /// `ESC [ ? A ; B ; … c` (4 means sixel graphics), or nil when there is no /dev/tty, it cannot be
    /// put in raw mode, fm is not in the terminal's foreground process group (changing its modes
    /// from the background would stop fm with SIGTTOU), or no complete reply comes within
    /// `timeoutMilliseconds`. The terminal's settings are restored afterwards. Every terminal answers this query (VT100 and later), so
    /// the timeout is only spent on something that is not one.
    public static func primaryAttributes(timeoutMilliseconds: Int) -> [Int]? {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard tcgetpgrp(fd) == getpgrp() else { return nil }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(fd, TCSANOW, &raw) == 0 else { return nil }
        defer { tcsetattr(fd, TCSANOW, &saved) }

        let query: [UInt8] = [0x1B, 0x5B, 0x63]   // ESC [ c
        guard query.withUnsafeBytes({ write(fd, $0.baseAddress, 3) }) == 3 else { return nil }
        var reply: [UInt8] = []
        var remaining = max(1, timeoutMilliseconds)
        while remaining > 0 {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let start = monotonicMilliseconds()
            guard poll(&poller, 1, Int32(remaining)) > 0 else { return nil }
            var byte: UInt8 = 0
            guard read(fd, &byte, 1) == 1 else { return nil }
            reply.append(byte)
            if byte == UInt8(ascii: "c") { return parseAttributes(reply) }
            guard reply.count < 256 else { return nil }
            remaining -= max(0, monotonicMilliseconds() - start)
        }
        return nil
    }

    /// The numbers of a reply `ESC [ ? 62 ; 4 ; 22 c` (anything before the ESC is ignored), nil
    /// when it is not one.
    public static func parseAttributes(_ reply: [UInt8]) -> [Int]? {
        guard let escape = reply.lastIndex(of: 0x1B), reply.count - escape >= 4,
              reply[escape + 1] == UInt8(ascii: "["), reply[escape + 2] == UInt8(ascii: "?"),
              reply.last == UInt8(ascii: "c") else { return nil }
        let body = String(decoding: reply[(escape + 3)..<(reply.count - 1)], as: UTF8.self)
        let numbers = body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) else { return nil }
        return numbers.compactMap { $0 }
    }

    static func monotonicMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
    }
}
