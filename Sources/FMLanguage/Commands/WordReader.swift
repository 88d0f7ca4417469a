/// Reads a statement's positional words left to right for the command builders, with errors
/// that point at the word (or just past the last one when something is missing).
struct WordReader {
    let statement: Statement
    private(set) var index = 0

    init(_ statement: Statement) { self.statement = statement }

    var words: [Word] { statement.arguments }
    func peek(_ offset: Int = 0) -> Word? { index + offset < words.count ? words[index + offset] : nil }

    mutating func next() -> Word? {
        guard index < words.count else { return nil }
        defer { index += 1 }
        return words[index]
    }

    /// Where a missing word would go: one column past the last word.
    var endSpan: Span {
        let last = words.last ?? statement.keyword
        return Span(SourceLocation(line: last.location.line, column: last.location.column + last.length + 1), length: 1)
    }

    func missing(_ what: String) -> CommandError {
        .missing(statement: statement.name, what: what, at: endSpan)
    }

    /// Whether the next word is the bare name `keyword`.
    func sees(_ keyword: String) -> Bool { peek()?.name == keyword }

    /// Consumes the next word when it is the bare name `keyword`.
    mutating func take(_ keyword: String) -> Bool {
        guard sees(keyword) else { return false }
        index += 1
        return true
    }

    mutating func name(_ what: String) throws -> Located<String> {
        guard let w = next() else { throw missing(what) }
        guard let n = w.name else { throw CommandError.expected(what: what, got: w.text, at: Span(w)) }
        return Located(n, at: Span(w))
    }

    mutating func string(_ what: String) throws -> FilePath {
        guard let w = next() else { throw missing(what) }
        guard let s = w.string else { throw CommandError.expected(what: "\(what) in quotes", got: w.text, at: Span(w)) }
        return Located(s, at: Span(w))
    }

    mutating func int(_ what: String) throws -> Located<Int> {
        guard let w = next() else { throw missing(what) }
        guard let i = w.int else { throw CommandError.expected(what: "\(what) (a whole number)", got: w.text, at: Span(w)) }
        return Located(i, at: Span(w))
    }

    /// `test`, `test[0]` or `test[0..11]`.
    mutating func data(_ what: String) throws -> DataSelection {
        guard let w = next() else { throw missing(what) }
        return try WordReader.data(w)
    }

    static func data(_ w: Word) throws -> DataSelection {
        switch w.value {
        case let .name(n): return DataSelection(dataset: Located(n, at: Span(w)))
        case let .indexed(n, lo, hi): return DataSelection(dataset: Located(n, at: Span(w)), range: lo...hi)
        default: throw CommandError.expected(what: "a dataset such as `test` or `test[0..11]`", got: w.text, at: Span(w))
        }
    }

    /// `to "FILE"` at this point, if present.
    mutating func destination() throws -> FilePath? {
        guard take("to") else { return nil }
        return try string("a file name after `to`")
    }

    /// Model names up to the first of `stops` (or the end); an indexed word ends them too.
    mutating func models(until stops: Set<String>) -> [ModelName] {
        var names: [ModelName] = []
        while let w = peek(), let n = w.name, !stops.contains(n) {
            names.append(Located(n, at: Span(w)))
            index += 1
        }
        return names
    }

    func finish() throws {
        if let w = peek() { throw CommandError.unexpected(text: w.text, context: nil, at: Span(w)) }
    }
}

/// A statement's options as typed values: the value given, else the statement table's default.
/// The kinds were checked by the parser, so a value of the wrong kind cannot arrive here.
struct OptionValues {
    let statement: Statement
    let spec: StatementSpec

    func word(_ key: String) -> Word? {
        statement.option(key)?.value ?? spec.option(named: key)?.defaultWord
    }

    /// Where the option was written, or the statement's name when it was not.
    func span(_ key: String) -> Span {
        statement.option(key).map(Span.init) ?? Span(statement.keyword)
    }

    func isGiven(_ key: String) -> Bool { statement.option(key) != nil }

    func int(_ key: String) -> Int? { word(key)?.int }
    func double(_ key: String) -> Double? { word(key)?.double }
    func bool(_ key: String) -> Bool? { word(key)?.bool }
    func name(_ key: String) -> String? { word(key)?.name }
    func string(_ key: String) -> String? { word(key)?.string }
    /// Written as a plain switch: Swift 6.3.1's optimiser crashes (CopyPropagation, an ownership
    /// error) on the optional-chained closure form of this accessor in release builds.
    func range(_ key: String) -> ClosedRange<Int>? {
        guard let w = word(key), case .range(let lower, let upper) = w.value, lower <= upper else { return nil }
        return lower...upper
    }
    func choice<T: RawRepresentable>(_ key: String) -> T? where T.RawValue == String { name(key).flatMap(T.init(rawValue:)) }

    /// A located name option (`validation=test`), given or default.
    func located(_ key: String) -> Located<String>? {
        guard let w = word(key), let n = w.name ?? w.string else { return nil }
        return Located(n, at: statement.option(key).map { Span($0.value) } ?? Span(statement.keyword))
    }

    /// An option the table gives a default: always there.
    func required<T>(_ value: T?, _ key: String) throws -> T {
        guard let value else { throw CommandError.missing(statement: statement.name, what: "`\(key)=`", at: Span(statement.keyword)) }
        return value
    }
}
