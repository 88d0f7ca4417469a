/// Turns a source text into statements, checking each statement's name and options against a
/// `StatementTable`. Positional words are left to the interpreter, which knows what each
/// statement's forms mean.
public enum Parser {
    /// Every statement in order. A failed statement is a `.failure` with the first mistake in
    /// it (in source order), and parsing resynchronises at the next `;` or line break: one
    /// mistake, one message. Empty statements (blank lines, comments, `;;`) are skipped.
    public static func parse(_ source: SourceFile, table: StatementTable = .standard) -> [Result<Statement, Diagnostic>] {
        var lexer = Lexer(source.text)
        var results: [Result<Statement, Diagnostic>] = []
        var tokens: [Token] = []
        while true {
            let token = lexer.next()
            switch token.kind {
            case .separator, .end:
                if !tokens.isEmpty {
                    results.append(statement(from: tokens, characters: lexer.characters,
                                             source: source, table: table))
                    tokens.removeAll(keepingCapacity: true)
                }
                if token.kind == .end { return results }
            default:
                tokens.append(token)
            }
        }
    }

    /// True when `text` ends inside a statement: after a `\` that ends the last line, or inside
    /// a string that has not been closed. Decides continuation prompts.
    public static func isIncomplete(_ text: String) -> Bool {
        var lexer = Lexer(text)
        while true {
            let token = lexer.next()
            switch token.kind {
            case .error(let error) where error.incomplete:
                return true
            case .end:
                return lexer.endsInContinuation
            default:
                continue
            }
        }
    }

    /// One statement from its tokens (at least one, no separators).
    static func statement(from tokens: [Token], characters: [Character], source: SourceFile,
                          table: StatementTable) -> Result<Statement, Diagnostic> {
        func failure(_ message: String, _ location: SourceLocation, _ length: Int) -> Result<Statement, Diagnostic> {
            .failure(source.diagnostic(message, at: location, length: length))
        }
        var keyword: Word
        switch tokens[0].kind {
        case .error(let error):
            return failure(error.message, error.location, error.length)
        case .option(let option):
            let length = tokens[0].end - tokens[0].start
            return failure("expected a statement name, got the option `\(String(characters[tokens[0].start..<tokens[0].end]))`",
                           option.keyLocation, length)
        case .word(let word):
            guard word.name != nil else {
                return failure("expected a statement name, got `\(word.text)`", word.location, word.length)
            }
            keyword = word
        case .separator, .end:
            return failure("expected a statement", SourceLocation(line: 1, column: 1), 1)
        }
        let written = keyword.text
        guard let spec = table.spec(named: written) else {
            var message = "unknown statement `\(written)`"
            if let nearest = suggestion(for: written, among: table.allNames) {
                message += "; did you mean `\(nearest)`?"
            } else {
                message += "; `help` lists every statement"
            }
            return failure(message, keyword.location, keyword.length)
        }
        keyword.value = .name(spec.name)

        var arguments: [Word] = []
        var options: [OptionArgument] = []
        for token in tokens.dropFirst() {
            switch token.kind {
            case .error(let error):
                return failure(error.message, error.location, error.length)
            case .word(let word):
                arguments.append(word)
            case .option(let option):
                if options.contains(where: { $0.key == option.key }) {
                    return failure("option `\(option.key)` is given twice", option.keyLocation, option.keyLength)
                }
                if let mistake = OptionChecker.check(option, for: spec) {
                    return failure(mistake.message, mistake.location, mistake.length)
                }
                options.append(option)
            case .separator, .end:
                continue
            }
        }
        return .success(Statement(keyword: keyword, arguments: arguments, options: options,
                                  text: text(of: tokens, characters: characters)))
    }

    /// The statement as written, from its first token to its last; a line continuation (`\`
    /// and the line break) between two tokens becomes one space.
    static func text(of tokens: [Token], characters: [Character]) -> String {
        var text = ""
        var previousEnd: Int?
        for token in tokens {
            if let previousEnd, previousEnd < token.start {
                let gap = characters[previousEnd..<token.start]
                if gap.contains("\\") { text += " " } else { text += String(gap) }
            }
            text += String(characters[token.start..<token.end])
            previousEnd = token.end
        }
        return text
    }
}
