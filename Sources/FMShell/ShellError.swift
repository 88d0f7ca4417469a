import FMLanguage

/// A runtime error and where in the statement it belongs; rendered like a parse error
/// (`RuntimeError.message` makes the text, `Interpreter.report` the diagnostic).
struct ShellError: Error {
    var reason: RuntimeError
    var span: Span

    init(_ reason: RuntimeError, at span: Span) {
        self.reason = reason
        self.span = span
    }
}

/// Thrown by `quit`.
struct QuitRequest: Error {}

/// Thrown when Ctrl-C (or SIGTERM/SIGHUP) stopped a statement; the message says what was
/// kept. `replay`, when set, is the command as it should be stored (a `train` with the epochs
/// that completed).
struct Interrupted: Error {
    var message: String
    var replay: Command? = nil
}

/// An error already shown to the user (inside `run "FILE"`); the caller only stops.
struct AlreadyReported: Error {}
