import FMLanguage

/// A runtime error at a place in the statement; rendered like a parse error.
struct ShellError: Error {
    var message: String
    var location: SourceLocation
    var length: Int

    init(_ message: String, at word: Word) {
        self.message = message
        self.location = word.location
        self.length = max(word.length, 1)
    }

    init(_ message: String, at option: OptionArgument) {
        self.message = message
        self.location = option.keyLocation
        self.length = max(option.value.location.column + option.value.length - option.keyLocation.column, 1)
    }

    init(_ message: String, location: SourceLocation, length: Int = 1) {
        self.message = message
        self.location = location
        self.length = max(length, 1)
    }
}

/// Thrown by `quit`.
struct QuitRequest: Error {}

/// Thrown when Ctrl-C stopped a statement; the message says what was kept. `transcript`, when
/// set, is the statement as it should be replayed (a `train` with the epochs that completed).
struct Interrupted: Error {
    var message: String
    var transcript: String? = nil
}
