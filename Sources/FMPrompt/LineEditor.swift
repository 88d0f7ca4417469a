import CEditLine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One physical line read at the prompt.
public enum LineInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-D on an empty line, or the terminal went away.
    case endOfFile
    /// Ctrl-C at the prompt: the line was abandoned.
    case interrupted
}

/// The interactive line editor: libedit with emacs keys (or whatever `~/.editrc` sets), a
/// persistent bounded history and Tab completion.
///
/// Keys fm adds on top of libedit's own, bound after `~/.editrc` is read (so they survive a
/// `bind -v`): Tab runs `fm-complete`, Ctrl-C `fm-interrupt`, Ctrl-Z `fm-suspend`. While a line
/// is edited the terminal sends no signals (`setty -d -isig`), so Ctrl-C and Ctrl-Z reach the
/// editor as keys: the same in a real terminal and a test's pseudo-terminal, and the screen is
/// tidy ("^C" at the end of the line). Outside `readLine` the terminal is as it was: Ctrl-C
/// raises SIGINT for `Interrupt`.
public final class LineEditor {
    /// Candidates for the word being typed, given the text before the cursor; the editor inserts
    /// the common prefix on the first Tab and lists all candidates on a second Tab.
    public var completer: ((_ textBeforeCursor: String) -> [String])?

    /// libedit's `EditLine *`.
    let editLine: OpaquePointer
    let history: LineHistory
    let output: UnsafeMutablePointer<FILE>
    private let ownedStreams: [UnsafeMutablePointer<FILE>]
    /// The prompt as libedit reads it (a `strdup` copy, freed on change).
    var promptText: UnsafeMutablePointer<CChar>?
    /// Ctrl-C was pressed during the current `readLine`: the line is being abandoned.
    var interruptPending = false
    /// Ctrl-Z was pressed: `readLine` stops the process, then reads the same line again.
    var suspendPending = false
    /// The line (text before the cursor, whole line) at the last Tab that left candidates
    /// ambiguous: a Tab on the same line lists them.
    var ambiguousAt: (before: String, whole: String)?

    /// nil when standard input is not a terminal (or `TERM=dumb`). historyFile: persisted across
    /// runs (loaded at start, appended/saved on each entry), bounded to historyLimit entries.
    public convenience init?(programName: String, historyFile: String?, historyLimit: Int = 1000) {
        let term = getenv("TERM").map { String(cString: $0) }
        guard LineEditor.canEdit(inputIsTerminal: isatty(0) == 1, term: term) else { return nil }
        // Results may go to a file (`fm > log`) while the prompt still belongs on the terminal.
        let output: Int32 = isatty(1) == 1 ? 1 : (isatty(2) == 1 ? 2 : 1)
        self.init(programName: programName, historyFile: historyFile, historyLimit: historyLimit,
                  input: 0, output: output, terminalType: nil, editrc: nil)
    }

    /// Line editing needs a terminal that can move the cursor: not a pipe or file, not `TERM=dumb`
    /// (Emacs shells, some CI logs). An unset TERM still edits, with libedit's plain defaults.
    static func canEdit(inputIsTerminal: Bool, term: String?) -> Bool {
        inputIsTerminal && term != "dumb"
    }

    /// The editor on any pair of descriptors (tests use a pseudo-terminal). `terminalType`
    /// overrides `TERM`; `editrc` is the settings file to read (nil: `$EDITRC` or `~/.editrc`).
    init?(programName: String, historyFile: String?, historyLimit: Int,
          input: Int32, output: Int32, terminalType: String?, editrc: String?) {
        guard isatty(input) == 1 else { return nil }
        LineEditor.useMultibyteLocale()
        var owned: [UnsafeMutablePointer<FILE>] = []
        func stream(_ fd: Int32, _ mode: String) -> UnsafeMutablePointer<FILE>? {
            switch (fd, mode) {
            case (0, "r"): return stdin
            case (1, "w"): return stdout
            case (2, "w"): return stderr
            default:
                let copy = dup(fd)
                guard copy >= 0, let file = fdopen(copy, mode) else { return nil }
                owned.append(file)
                return file
            }
        }
        guard let inFile = stream(input, "r"), let outFile = stream(output, "w"),
              let history = LineHistory(limit: historyLimit, file: historyFile),
              let editLine = el_init(programName, inFile, outFile, stderr)
        else {
            owned.forEach { fclose($0) }
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.output = outFile
        self.ownedStreams = owned
        configure(editrc: editrc, terminalType: terminalType)
        // An external SIGINT at the prompt must not end the process either.
        Interrupt.install()
    }

    deinit {
        el_end(editLine)
        free(promptText)
        ownedStreams.forEach { fclose($0) }
    }

    private func configure(editrc: String?, terminalType: String?) {
        fm_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        if let terminalType { fm_el_set_terminal(editLine, terminalType) }
        fm_el_set_editor(editLine, "emacs")
        // libedit puts the terminal back in cooked mode before passing a signal on.
        fm_el_set_signal(editLine, 1)
        fm_el_set_prompt(editLine, promptCallback, LineEditor.invisibleMarker)
        fm_el_set_history(editLine, history.handle)
        fm_el_add_command(editLine, "fm-complete", "Complete the word before the cursor", completeCallback)
        fm_el_add_command(editLine, "fm-interrupt", "Abandon the line", interruptCallback)
        fm_el_add_command(editLine, "fm-suspend", "Suspend fm (Ctrl-Z)", suspendCallback)
        el_source(editLine, editrc)
        fm_el_bind(editLine, "^I", "fm-complete")
        for (key, command) in [("^C", "fm-interrupt"), ("^Z", "fm-suspend")] {
            fm_el_bind(editLine, key, command)
            fm_el_bind_command_map(editLine, key, command)
        }
        fm_el_setty_edit(editLine, "-isig")
    }

    /// Reads one physical line with `prompt`. Ctrl-C at the prompt clears the line and returns
    /// .interrupted; Ctrl-D on an empty line returns .endOfFile.
    public func readLine(prompt: String) -> LineInput {
        setPrompt(prompt)
        interruptPending = false
        ambiguousAt = nil
        var count: Int32 = 0
        var text = el_gets(editLine, &count)
        var failure = errno
        while suspendPending {
            // libedit has put the terminal back; stop like a shell job, then edit the same line.
            suspendPending = false
            let kept = LineEditor.currentLine(editLine)
            write("\n")
            raise(SIGTSTP)
            if !kept.isEmpty { el_push(editLine, kept) }
            text = el_gets(editLine, &count)
            failure = errno
        }
        if interruptPending {
            interruptPending = false
            write("^C\n")
            return .interrupted
        }
        guard let text else {
            if count < 0, failure == EINTR {
                // A SIGINT from outside (libedit passed it on to Interrupt's handler).
                Interrupt.clear()
                write("\n")
                return .interrupted
            }
            write("\n")
            return .endOfFile
        }
        var line = String(cString: text)
        while line.last == "\n" || line.last == "\r" { line.removeLast() }
        return .line(line)
    }

    /// Adds a complete statement to the line history and saves the history file at once.
    public func addToHistory(_ entry: String) {
        guard entry.contains(where: { !$0.isWhitespace }) else { return }
        history.add(entry)
    }

    func write(_ text: String) {
        fputs(text, output)
        fflush(output)
    }

    /// libedit decodes UTF-8 only under a multibyte LC_CTYPE; a "C" locale would drop every
    /// non-ASCII key. Only LC_CTYPE changes: number formatting (LC_NUMERIC) stays "C".
    private static func useMultibyteLocale() {
        let current = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
        if current == "C" || current == "POSIX" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}
