import CEditLine
import Foundation

/// The line history: libedit's `History`, bounded to `limit` entries, optionally kept in a file.
///
/// The file is libedit's own format (first line `_HiStOrY_V2_`, one entry per line, newlines and
/// other white space `strvis`-encoded), so `~/.editrc`-aware tools read it too. Saving merges:
/// the file is re-read, the new entry appended, and the newest `limit` entries written back, so
/// two fm processes on the same file keep each other's entries.
final class LineHistory {
    /// libedit's `History *`.
    let handle: OpaquePointer
    let limit: Int
    let file: String?

    init?(limit: Int, file: String?) {
        guard let handle = history_init() else { return nil }
        self.handle = handle
        self.limit = max(1, limit)
        self.file = file
        var event = HistEvent()
        _ = fm_history_setsize(handle, &event, Int32(clamping: self.limit))
        // Pressing Enter on a recalled line does not store it twice in a row.
        _ = fm_history_setunique(handle, &event, 1)
        if let file { _ = load(from: file) }
    }

    deinit { history_end(handle) }

    /// Reads the entries of `path` (keeping the newest `limit`); returns how many were read, or
    /// nil when the file is missing or not a history file.
    @discardableResult
    func load(from path: String) -> Int? {
        var event = HistEvent()
        let read = fm_history_load(handle, &event, path)
        return read < 0 ? nil : Int(read)
    }

    /// Adds `entry` in memory and, with a file, to the file at once.
    func add(_ entry: String) {
        var event = HistEvent()
        _ = fm_history_enter(handle, &event, entry)
        guard let file else { return }
        // Merge with what other processes wrote since we loaded, then write back.
        guard let merged = LineHistory(limit: limit, file: nil) else { return }
        merged.load(from: file)
        merged.enter(entry)
        merged.save(to: file)
    }

    private func enter(_ entry: String) {
        var event = HistEvent()
        _ = fm_history_enter(handle, &event, entry)
    }

    /// Writes every entry to `path` (mode 0600), creating its folder when needed.
    @discardableResult
    func save(to path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var event = HistEvent()
        return fm_history_save(handle, &event, path) >= 0
    }

    /// The entries, oldest first.
    var entries: [String] {
        var result: [String] = []
        var event = HistEvent()
        var status = fm_history_last(handle, &event)
        while status >= 0, let text = event.str {
            result.append(String(cString: text))
            status = fm_history_prev(handle, &event)
        }
        return result
    }
}
