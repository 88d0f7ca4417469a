/// A position in a source text: 1-based line, and 1-based column counted in `Character`s
/// (so "é" or an emoji is one column, and a tab is one column).
public struct SourceLocation: Equatable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// The one error type of the language, and the one the interpreter and the loaders use for
/// anything that can be pinned to a place in a script: a message, where it happened, and the
/// text of that line, so it can be shown without the file at hand.
///
/// Rendered as
///
///     FILE:LINE:COL: error: MESSAGE
///     SOURCE LINE
///         ^~~~
///
/// with the caret under `column` and `length - 1` tildes after it.
public struct Diagnostic: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String
    /// Display name: a path, "<command line>", "<stdin>" or "<prompt>".
    public var file: String
    public var line: Int
    public var column: Int
    /// How many columns the caret line marks; at least 1.
    public var length: Int
    /// The text of line `line`, without its line break.
    public var sourceLine: String

    public init(message: String, file: String, line: Int, column: Int, length: Int, sourceLine: String) {
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.length = max(1, length)
        self.sourceLine = sourceLine
    }

    /// `FILE:LINE:COL: error: MESSAGE`, the source line, and the caret line (no final newline).
    /// The caret line copies the tabs of the source line so the caret lines up in any terminal.
    public func rendered() -> String {
        let (shown, caretColumn, caretLength) = window()
        var padding = ""
        var remaining = caretColumn - 1
        for character in shown where remaining > 0 {
            padding.append(character == "\t" ? "\t" : " ")
            remaining -= 1
        }
        if remaining > 0 { padding += String(repeating: " ", count: remaining) }
        let marker = "^" + String(repeating: "~", count: max(0, caretLength - 1))
        return "\(file):\(line):\(column): error: \(message)\n\(shown)\n\(padding)\(marker)"
    }

    /// The widest source line shown whole; a longer one (a 10 MB name) is shown as a window of
    /// this many characters around the mistake, cut ends marked with `…`.
    public static let widestLine = 160

    /// The part of the line to print, and the caret's column and length within it.
    private func window() -> (line: String, column: Int, length: Int) {
        let characters = Array(sourceLine)
        let width = Diagnostic.widestLine
        guard characters.count > width else { return (sourceLine, column, length) }
        let start = min(max(0, column - 1 - width / 4), max(0, characters.count - width))
        let end = min(characters.count, start + width)
        let head = start > 0 ? "…" : "", tail = end < characters.count ? "…" : ""
        let shownColumn = column - start + head.count
        let shownLength = max(1, min(length, end - (column - 1) + tail.count))
        return (head + String(characters[start..<end]) + tail, shownColumn, shownLength)
    }

    public var description: String { rendered() }
}

extension Character {
    /// The line breaks of a source text: LF, CR LF (one `Character` in Swift) and a lone CR.
    var isLineBreak: Bool { self == "\n" || self == "\r\n" || self == "\r" }
}

/// A named source text: a script file, the `-c` argument, standard input or a prompt line.
public struct SourceFile: Sendable {
    public let name: String
    public let text: String
    /// The physical lines, split at LF, CR LF or CR, without their breaks.
    private let lines: [String]

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        var lines: [String] = []
        var current = ""
        for character in text {
            if character.isLineBreak {
                lines.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        lines.append(current)
        self.lines = lines
    }

    /// The text of the 1-based physical line `line`, or "" when there is no such line.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lines.count else { return "" }
        return lines[line - 1]
    }

    /// A diagnostic marking `word`, as the interpreter reports a word it cannot use
    /// ("no dataset `tset`").
    public func diagnostic(_ message: String, at word: Word) -> Diagnostic {
        diagnostic(message, at: word.location, length: word.length)
    }

    /// A diagnostic at `at` marking `length` columns; the mark is clipped to the end of the
    /// line (a word that runs over several lines, such as a long string, is marked on its first).
    public func diagnostic(_ message: String, at: SourceLocation, length: Int) -> Diagnostic {
        let lineText = lineText(at.line)
        let room = lineText.count - (at.column - 1)
        return Diagnostic(message: message, file: name, line: at.line, column: at.column,
                          length: max(1, min(length, room)), sourceLine: lineText)
    }
}
