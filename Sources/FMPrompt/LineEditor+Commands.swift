import CEditLine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// The C callbacks libedit calls: the prompt, and the two editor commands fm adds. libedit hands
// back only the `EditLine *`; the LineEditor is found through EL_CLIENTDATA.

private func lineEditor(_ editLine: OpaquePointer?) -> LineEditor? {
    guard let editLine, let data = fm_el_get_clientdata(editLine) else { return nil }
    return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
}

/// Returned when no prompt was set; libedit never frees the prompt.
private let emptyPrompt: UnsafeMutablePointer<CChar>? = strdup("")

let promptCallback: fm_prompt_fn = { editLine in
    lineEditor(editLine)?.promptText ?? emptyPrompt
}

let completeCallback: fm_command_fn = { editLine, _ in
    lineEditor(editLine)?.completeWord() ?? UInt8(CC_ERROR)
}

let interruptCallback: fm_command_fn = { editLine, _ in
    lineEditor(editLine)?.abandonLine() ?? UInt8(CC_EOF)
}

let suspendCallback: fm_command_fn = { editLine, _ in
    guard let editor = lineEditor(editLine) else { return UInt8(CC_NORM) }
    editor.suspendPending = true
    return UInt8(CC_EOF)
}

extension LineEditor {
    /// Tab: insert what all candidates share; on a Tab that cannot insert anything more, list them.
    func completeWord() -> UInt8 {
        guard let completer, let info = el_line(editLine)?.pointee,
              let buffer = info.buffer, let cursor = info.cursor, let last = info.lastchar
        else { return UInt8(CC_ERROR) }
        let before = LineEditor.text(from: buffer, to: cursor)
        let whole = LineEditor.text(from: buffer, to: last)
        let candidates = completer(before)
        switch CompletionStep.action(textBeforeCursor: before, candidates: candidates) {
        case .insert(let insertion):
            guard el_insertstr(editLine, insertion) == 0 else { return UInt8(CC_ERROR) }
            // Still several candidates: the very next Tab lists them.
            ambiguousAt = candidates.count > 1 ? (before + insertion, LineEditor.currentLine(editLine)) : nil
            return UInt8(CC_REFRESH)
        case .ambiguous:
            if let previous = ambiguousAt, previous.before == before, previous.whole == whole {
                write("\n" + CompletionStep.listing(candidates, width: terminalWidth()) + "\n")
                return UInt8(CC_REDISPLAY)
            }
            ambiguousAt = (before, whole)
            return UInt8(CC_REFRESH_BEEP)
        case .none:
            ambiguousAt = nil
            return UInt8(CC_REFRESH_BEEP)
        }
    }

    /// Ctrl-C: move to the end of the line, then end the read (`readLine` returns .interrupted).
    ///
    /// Two steps because one editor command cannot both redraw the cursor and end the read: the
    /// first moves the cursor and pushes another Ctrl-C, which arrives here again and ends it.
    func abandonLine() -> UInt8 {
        if interruptPending { return UInt8(CC_EOF) }
        interruptPending = true
        if let wide = el_wline(editLine)?.pointee, let cursor = wide.cursor, let last = wide.lastchar {
            el_cursor(editLine, Int32(clamping: last - cursor))
        }
        el_push(editLine, "\u{3}")
        return UInt8(CC_REFRESH)
    }

    /// Columns of the terminal the editor writes to (80 when unknown).
    func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(fileno(output), UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return 80
    }

    static func text(from start: UnsafePointer<CChar>, to end: UnsafePointer<CChar>) -> String {
        let count = max(0, end - start)
        return start.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }

    static func currentLine(_ editLine: OpaquePointer) -> String {
        guard let info = el_line(editLine)?.pointee, let buffer = info.buffer, let last = info.lastchar
        else { return "" }
        return text(from: buffer, to: last)
    }
}
