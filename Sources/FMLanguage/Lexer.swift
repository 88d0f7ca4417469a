/// A lexical mistake: the message and the columns it covers. `incomplete` marks the mistakes
/// that more input could mend (an unterminated string), which decide continuation prompts.
struct LexError: Equatable {
    var message: String
    var location: SourceLocation
    var length: Int
    var incomplete = false
}

/// One token. `start..<end` are offsets into the source's `Character`s, kept so the parser can
/// give each statement its text as written.
struct Token: Equatable {
    enum Kind: Equatable {
        case word(Word)
        case option(OptionArgument)
        /// A line break or `;`.
        case separator
        case end
        case error(LexError)
    }
    var kind: Kind
    var start: Int
    var end: Int
}

/// Splits a source text into words, options and statement separators.
///
/// Blanks separate words; `#` starts a comment up to the line break; a `\` that is the last
/// thing on its line (blanks may follow) joins the next line to this one. After a mistake the
/// lexer carries on with the next word, so the parser can resynchronise at the next separator.
struct Lexer {
    let characters: [Character]
    private(set) var index = 0
    private var line = 1
    private var column = 1
    /// Set when the text ends right after a continuing `\`: the statement goes on, for a prompt.
    private(set) var endsInContinuation = false

    init(_ text: String) {
        characters = Array(text)
    }

    private func peek(_ offset: Int = 0) -> Character? {
        let i = index + offset
        return i < characters.count ? characters[i] : nil
    }

    private var location: SourceLocation { SourceLocation(line: line, column: column) }

    private mutating func advance() {
        guard index < characters.count else { return }
        if characters[index].isLineBreak {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    /// Spaces, tabs and other non-breaking white space; also a byte-order mark, which some
    /// editors put at the start of a file.
    static func isBlank(_ c: Character) -> Bool { (c.isWhitespace && !c.isLineBreak) || c == "\u{FEFF}" }

    /// Characters that end a run of word characters.
    static func endsRun(_ c: Character) -> Bool {
        c.isWhitespace || c == ";" || c == "#" || c == "\"" || c == "[" || c == "]" || c == "=" || c == "\\"
    }

    /// Characters that may follow a complete word (or the end of the text).
    static func isBoundary(_ c: Character?) -> Bool {
        guard let c else { return true }
        return c.isWhitespace || c == ";" || c == "#" || c == "\\"
    }

    mutating func next() -> Token {
        while let c = peek() {
            if Lexer.isBlank(c) {
                advance()
            } else if c == "#" {
                while let d = peek(), !d.isLineBreak { advance() }
            } else if c == "\\" {
                var after = index + 1
                while after < characters.count, Lexer.isBlank(characters[after]) { after += 1 }
                if after == characters.count {
                    endsInContinuation = true
                    while peek() != nil { advance() }
                } else if characters[after].isLineBreak {
                    while index <= after { advance() }
                } else {
                    let at = location, start = index
                    advance()
                    return Token(kind: .error(LexError(
                        message: "`\\` continues a statement only at the very end of a line",
                        location: at, length: 1)), start: start, end: index)
                }
            } else {
                break
            }
        }
        let start = index, at = location
        guard let c = peek() else { return Token(kind: .end, start: start, end: start) }
        let kind: Token.Kind
        if c.isLineBreak || c == ";" {
            advance()
            kind = .separator
        } else if c == "=" {
            advance()
            kind = .error(LexError(message: "unexpected `=`; write an option as key=value, without spaces",
                                   location: at, length: 1))
        } else if c == "\"" {
            let word = lexString()  // lexed before `bounded` looks at what follows
            kind = bounded(word)
        } else if c == "[" || c == "]" {
            advance()
            kind = .error(LexError(message: "unexpected character `\(c)`", location: at, length: 1))
        } else {
            let word = lexWord(allowOption: true)
            kind = bounded(word)
        }
        return Token(kind: kind, start: start, end: index)
    }

    /// A complete word must be followed by a blank, `;`, `#`, `\` or the end; otherwise the
    /// character after it is the mistake (not consumed: lexing goes on from there).
    private func bounded(_ kind: Token.Kind) -> Token.Kind {
        if case .error = kind { return kind }
        guard let c = peek(), !Lexer.isBoundary(c) else { return kind }
        let message = c == "="
            ? "unexpected `=`; write an option as key=value, with a single `=`"
            : "unexpected character `\(c)`; put a space between words"
        return .error(LexError(message: message, location: location, length: 1))
    }

    /// A name, number, shape, range, indexed dataset, or (when `allowOption`) `key=value`.
    private mutating func lexWord(allowOption: Bool) -> Token.Kind {
        let start = index, at = location
        while let c = peek(), !Lexer.endsRun(c) { advance() }
        let run = Array(characters[start..<index])
        if run.isEmpty {
            // Only reachable for an option value that starts with a character that ends runs.
            return .error(LexError(message: "expected a value", location: at, length: 1))
        }
        let text = String(run)
        if allowOption, peek() == "=" {
            return lexOption(key: run, at: at)
        }
        if peek() == "[" {
            guard case .success(.name(let name)) = WordClassifier.classify(run) else {
                return .error(LexError(message: "only a dataset name can be indexed, not `\(text)`",
                                       location: at, length: run.count))
            }
            return lexIndex(name: name, at: at, start: start)
        }
        switch WordClassifier.classify(run) {
        case .success(let value):
            return .word(Word(value: value, text: text, location: at, length: run.count))
        case .failure(let mistake):
            let place = SourceLocation(line: at.line, column: at.column + mistake.offset)
            return .error(LexError(message: mistake.message, location: place, length: mistake.length))
        }
    }

    /// `key=value`, with the lexer standing on the `=` after the key.
    private mutating func lexOption(key: [Character], at: SourceLocation) -> Token.Kind {
        let keyText = String(key)
        guard WordClassifier.isNameStart(key[0]),
              key.allSatisfy({ WordClassifier.isNameStart($0) || WordClassifier.isDigit($0) || $0 == "-" }) else {
            let message = key.count > 2 && key[0] == "-" && key[1] == "-"
                ? "options are written key=value, without `--`"
                : "expected an option name before `=`, got `\(keyText)`"
            advance()
            return .error(LexError(message: message, location: at, length: key.count))
        }
        advance()  // the `=`
        let value: Token.Kind
        if peek() == "\"" {
            value = lexString()
        } else if let c = peek(), !Lexer.endsRun(c) {
            value = lexWord(allowOption: false)
        } else {
            return .error(LexError(message: "missing value after `\(keyText)=`", location: at,
                                   length: key.count + 1))
        }
        switch value {
        case .word(let word):
            return .option(OptionArgument(key: normalisedOptionKey(keyText), keyLocation: at,
                                          keyLength: key.count, value: word))
        default:
            return value
        }
    }

    /// `[index]` or `[lower..upper]` after the dataset name, with the lexer on the `[`.
    private mutating func lexIndex(name: String, at: SourceLocation, start: Int) -> Token.Kind {
        let bracket = location
        advance()
        let contentsStart = index, openAt = location
        while let c = peek(), c != "]", !c.isLineBreak, c != ";", c != "#", c != "\"" { advance() }
        guard peek() == "]" else {
            return .error(LexError(message: "unclosed `[`; expected `]` after the index",
                                   location: bracket, length: 1))
        }
        // Blanks inside the brackets are allowed: `test[ 3 ]`.
        var first = contentsStart, last = index
        while first < last, Lexer.isBlank(characters[first]) { first += 1 }
        while last > first, Lexer.isBlank(characters[last - 1]) { last -= 1 }
        let contents = Array(characters[first..<last])
        let contentsAt = SourceLocation(line: openAt.line, column: openAt.column + first - contentsStart)
        advance()  // the `]`
        let text = String(characters[start..<index])
        let contentsText = String(contents)
        func failure(_ message: String) -> Token.Kind {
            .error(LexError(message: message, location: contentsAt, length: max(1, contents.count)))
        }
        let lower: Int, upper: Int
        if let n = WordClassifier.integer(contents[...]) {
            (lower, upper) = (n, n)
        } else if WordClassifier.rangeSeparator(contents) != nil {
            switch WordClassifier.classifyNumeric(contents) {
            case .success(.range(let l, let u)):
                (lower, upper) = (l, u)
            case .failure(let mistake):
                return failure(mistake.message)
            default:
                return failure("malformed range `\(contentsText)`; expected whole numbers such as 0..11 or -4..4")
            }
        } else if contents.isEmpty {
            return failure("empty index `[]`; expected a whole number or a range such as 0..11")
        } else {
            return failure("an index is a whole number or a range such as 0..11, got `\(contentsText)`")
        }
        guard lower >= 0 else {
            return failure("index `\(contentsText)` is negative; images are counted from 0")
        }
        return .word(Word(value: .indexed(name: name, lower: lower, upper: upper), text: text,
                          location: at, length: text.count))
    }

    /// A quoted string; escapes `\"`, `\\`, `\n`, `\t`. A string may run over lines; one that
    /// never closes is an `incomplete` mistake at its opening quote.
    private mutating func lexString() -> Token.Kind {
        let start = index, at = location
        advance()  // the opening quote
        var value = ""
        var badEscape: LexError?
        while let c = peek() {
            if c == "\"" {
                advance()
                if let badEscape { return .error(badEscape) }
                let text = String(characters[start..<index])
                return .word(Word(value: .string(value), text: text, location: at, length: text.count))
            }
            if c == "\\", let e = peek(1) {
                let escapeAt = location
                advance()
                advance()
                switch e {
                case "\"": value.append("\"")
                case "\\": value.append("\\")
                case "n": value.append("\n")
                case "t": value.append("\t")
                default:
                    if badEscape == nil {
                        badEscape = e.isLineBreak
                            ? LexError(message: "`\\` before a line break in a string; a string runs over lines without it",
                                       location: escapeAt, length: 1)
                            : LexError(message: "unknown escape `\\\(e)` in a string; use \\\" \\\\ \\n or \\t",
                                       location: escapeAt, length: 2)
                    }
                }
                continue
            }
            value.append(c)
            advance()
        }
        return .error(LexError(message: "unterminated string; expected a closing `\"`", location: at,
                               length: index - start, incomplete: true))
    }
}
