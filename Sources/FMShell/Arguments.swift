import FMLanguage

/// Reads a statement's positional words left to right, with errors that point at the word
/// (or just past the last one when something is missing).
struct Arguments {
    let statement: Statement
    private(set) var index = 0

    init(_ statement: Statement) { self.statement = statement }

    var words: [Word] { statement.arguments }
    var isAtEnd: Bool { index >= words.count }
    var remaining: [Word] { Array(words[min(index, words.count)...]) }
    func peek() -> Word? { index < words.count ? words[index] : nil }

    mutating func next() -> Word? {
        guard index < words.count else { return nil }
        defer { index += 1 }
        return words[index]
    }

    /// Where a missing word would go: one column past the last word.
    var endLocation: SourceLocation {
        let last = words.last ?? statement.keyword
        return SourceLocation(line: last.location.line, column: last.location.column + last.length + 1)
    }

    func missing(_ what: String) -> ShellError {
        ShellError("`\(statement.keyword.name ?? "")` needs \(what)", location: endLocation)
    }

    /// Consumes the next word when it is the bare name `keyword`.
    mutating func take(_ keyword: String) -> Bool {
        if let w = peek(), case let .name(n) = w.value, n == keyword { index += 1; return true }
        return false
    }

    mutating func name(_ what: String) throws -> (String, Word) {
        guard let w = next() else { throw missing(what) }
        guard case let .name(n) = w.value else { throw ShellError("expected \(what), got `\(w.text)`", at: w) }
        return (n, w)
    }

    mutating func string(_ what: String) throws -> (String, Word) {
        guard let w = next() else { throw missing(what) }
        guard case let .string(s) = w.value else { throw ShellError("expected \(what) in quotes, got `\(w.text)`", at: w) }
        return (s, w)
    }

    mutating func int(_ what: String) throws -> (Int, Word) {
        guard let w = next() else { throw missing(what) }
        guard let i = w.int else { throw ShellError("expected \(what) (a whole number), got `\(w.text)`", at: w) }
        return (i, w)
    }

    /// `to "FILE"` at this point, if present.
    mutating func destination() throws -> (String, Word)? {
        guard take("to") else { return nil }
        return try string("a file name after `to`")
    }

    func finish() throws {
        if let w = peek() { throw ShellError("unexpected `\(w.text)` here", at: w) }
    }
}

extension Statement {
    func int(_ key: String) -> Int? { option(key)?.value.int }
    func double(_ key: String) -> Double? { option(key)?.value.double }
    func bool(_ key: String) -> Bool? { option(key)?.value.bool }
    func name(_ key: String) -> String? { option(key)?.value.name }
    func stringOption(_ key: String) -> String? { option(key)?.value.string }
    var keywordName: String { keyword.name ?? keyword.text }

    /// A positive whole-number option, checked.
    func positiveInt(_ key: String) throws -> Int? {
        guard let o = option(key) else { return nil }
        guard let v = o.value.int, v > 0 else { throw ShellError("`\(key)` must be a whole number above 0, got `\(o.value.text)`", at: o) }
        return v
    }
}
