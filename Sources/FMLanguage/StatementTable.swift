/// The kind of value an option takes; the parser checks it, help shows it.
public enum OptionKind: Equatable, Sendable {
    case int, double, bool, name, string, shape, range
    case choice([String])
}

/// One `key=value` option of a statement.
public struct OptionSpec: Sendable {
    /// Lower case, words joined by `_` (`stop_at`).
    public var name: String
    public var kind: OptionKind
    /// The value used when the option is not given, as it would be written; nil when there is
    /// none (the option is then off, or the statement works it out).
    public var defaultValue: String?
    /// One line, lower case start, no final full stop.
    public var summary: String

    public init(_ name: String, _ kind: OptionKind, default defaultValue: String? = nil, _ summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.summary = summary
    }

    /// The default as a word, lexed like any value (`"0.001"` → `.number(0.001)`), or nil.
    public var defaultWord: Word? {
        guard let defaultValue else { return nil }
        var lexer = Lexer(defaultValue)
        if case .word(let word) = lexer.next().kind { return word }
        return nil
    }
}

/// What a statement's positional words expect, for Tab completion.
public enum ArgumentHint: Sendable {
    case none, model, models, dataset, modelsThenData, statement, layer, file, session, name
}

/// One statement: its name, aliases, positional forms, options, help text and an example.
public struct StatementSpec: Sendable {
    public var name: String
    public var aliases: [String]
    /// A one-line synopsis, as `help` lists it.
    public var usage: String
    /// Every positional form, one per line in `help NAME` (just `usage` for most statements).
    public var forms: [String]
    /// One sentence.
    public var summary: String
    public var options: [OptionSpec]
    public var examples: [String]
    public var hint: ArgumentHint

    public init(name: String, aliases: [String] = [], usage: String, forms: [String]? = nil,
                summary: String, options: [OptionSpec] = [], examples: [String], hint: ArgumentHint) {
        self.name = name
        self.aliases = aliases
        self.usage = usage
        self.forms = forms ?? [usage]
        self.summary = summary
        self.options = options
        self.examples = examples
        self.hint = hint
    }

    /// The option named `name` (normalised first), if the statement has one.
    public func option(named name: String) -> OptionSpec? {
        let key = normalisedOptionKey(name)
        return options.first { $0.name == key }
    }
}

/// Every statement of the language. The parser checks statements against it and `help` prints
/// it, so the two cannot disagree.
public struct StatementTable: Sendable {
    public var statements: [StatementSpec]

    public init(statements: [StatementSpec]) {
        self.statements = statements
    }

    /// The statement called `named`, or with `named` among its aliases (exact, lower case).
    public func spec(named: String) -> StatementSpec? {
        statements.first { $0.name == named } ?? statements.first { $0.aliases.contains(named) }
    }

    /// Every statement name, then every alias: the words a statement may start with.
    public var allNames: [String] {
        statements.map(\.name) + statements.flatMap(\.aliases)
    }

    /// Every statement, one line each: the usage, padded to a common width, and the summary.
    public func helpText() -> String {
        let width = statements.map(\.usage.count).max() ?? 0
        return statements.map { spec in
            let padding = String(repeating: " ", count: width - spec.usage.count + 2)
            return spec.usage + padding + spec.summary
        }.joined(separator: "\n")
    }

    /// The help of one statement (by name or alias): its forms, summary, aliases, each option
    /// with its kind, default and summary, and its examples. Nil for an unknown name.
    ///
    ///     train [MODEL] [OPTION=VALUE ...]
    ///
    ///     Train a model on a dataset, one line (or progress bar) per epoch.
    ///
    ///     Options:
    ///       epochs=N           default 1     passes over the training data
    ///     …
    ///     Example:
    ///       train nn epochs=30 batch=32 validation=test stop_at=0.99 keep=best
    public func helpText(for name: String) -> String? {
        guard let spec = spec(named: name) else { return nil }
        var lines = spec.forms
        lines.append("")
        lines.append(spec.summary)
        if !spec.aliases.isEmpty {
            lines.append("Also written: " + spec.aliases.joined(separator: ", ") + ".")
        }
        if !spec.options.isEmpty {
            lines.append("")
            lines.append("Options:")
            let keys = spec.options.map { "\($0.name)=\($0.kind.placeholder)" }
            let defaults = spec.options.map { $0.defaultValue.map { "default \($0)" } ?? "" }
            let keyWidth = keys.map(\.count).max() ?? 0
            let defaultWidth = defaults.map(\.count).max() ?? 0
            for (i, option) in spec.options.enumerated() {
                let key = keys[i].padding(to: keyWidth)
                let fallback = defaults[i].padding(to: defaultWidth)
                lines.append("  \(key)  \(fallback)  \(option.summary)")
            }
        }
        if !spec.examples.isEmpty {
            lines.append("")
            lines.append(spec.examples.count == 1 ? "Example:" : "Examples:")
            lines += spec.examples.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The string followed by spaces up to `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
