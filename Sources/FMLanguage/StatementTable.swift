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

    /// The smallest and largest number the option takes (checked before a script runs).
    public var minimum: Double?
    public var maximum: Double?
    /// True when `minimum` itself is not allowed (`lr` above 0).
    public var exclusiveMinimum: Bool

    public init(_ name: String, _ kind: OptionKind, default defaultValue: String? = nil,
                min minimum: Double? = nil, above exclusive: Double? = nil, max maximum: Double? = nil, _ summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.minimum = exclusive ?? minimum
        self.maximum = maximum
        self.exclusiveMinimum = exclusive != nil
        self.summary = summary
    }

    /// "above 0", "a whole number from 1 to 100000", … for messages; nil when unbounded.
    public var boundText: String? {
        func n(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
        let whole = kind == .int ? "a whole number " : ""
        switch (minimum, maximum) {
        case let (lo?, hi?) where !exclusiveMinimum: return "\(whole)from \(n(lo)) to \(n(hi))"
        case let (lo?, hi?): return "\(whole)above \(n(lo)) and at most \(n(hi))"
        case let (lo?, nil) where exclusiveMinimum || (kind == .int && lo == 1): return "\(whole)above \(n(exclusiveMinimum ? lo : lo - 1))"
        case let (lo?, nil): return "\(whole)of \(n(lo)) or more"
        case let (nil, hi?): return "\(whole)of at most \(n(hi))"
        case (nil, nil): return nil
        }
    }

    /// Whether `x` is inside the option's bounds.
    public func allows(_ x: Double) -> Bool {
        if let lo = minimum, exclusiveMinimum ? x <= lo : x < lo { return false }
        if let hi = maximum, x > hi { return false }
        return true
    }

    /// The default as a word, lexed like any value (`"0.001"` → `.number(0.001)`), or nil.
    public var defaultWord: Word? {
        guard let defaultValue else { return nil }
        var lexer = Lexer(defaultValue)
        if case .word(let word) = lexer.next().kind { return word }
        return nil
    }
}

/// A rule between a statement's options, checked before a script runs.
public enum OptionRule: Sendable {
    /// `option=value` (any value when nil) needs `needs` too; `reason` finishes the sentence.
    case requires(option: String, value: String?, needs: String, reason: String)
    /// Exactly one of these groups of options is given (`dx` and `dy` form one group);
    /// `choices` and `advice` are the words for none and for several.
    case exactlyOne(groups: [[String]], choices: String, advice: String)
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
    /// How options go together (`keep=best` needs `validation`).
    public var rules: [OptionRule]

    public init(name: String, aliases: [String] = [], usage: String, forms: [String]? = nil,
                summary: String, options: [OptionSpec] = [], rules: [OptionRule] = [], examples: [String], hint: ArgumentHint) {
        self.rules = rules
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

    /// Usages longer than this get their summary on the next line, so one long usage does not
    /// push every summary off an 80-column terminal.
    static let helpColumnLimit = 40

    /// Every statement, one line each: the usage, padded to a common width, and the summary
    /// (a usage longer than `helpColumnLimit` puts its summary on a line of its own, aligned).
    public func helpText() -> String {
        let width = statements.map(\.usage.count).filter { $0 <= Self.helpColumnLimit }.max() ?? 0
        return statements.map { spec in
            if spec.usage.count > width {
                return spec.usage + "\n" + String(repeating: " ", count: width + 2) + spec.summary
            }
            return spec.usage.padding(to: width + 2) + spec.summary
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
    ///       epochs=N            passes over the training data (default 1)
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
            let keyWidth = keys.map(\.count).max() ?? 0
            for (key, option) in zip(keys, spec.options) {
                let fallback = option.defaultValue.map { " (default \($0))" } ?? ""
                lines.append("  \(key.padding(to: keyWidth))  \(option.summary)\(fallback)")
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

extension Statement {
    /// The value of option `key`: the word given in the statement, else the option's default
    /// from `table` (lexed like a written value), else nil. `train nn` gives
    /// `value(of: "epochs")?.int == 1`; `train nn epochs=5` gives 5.
    public func value(of key: String, in table: StatementTable = .standard) -> Word? {
        if let given = option(key) { return given.value }
        return table.spec(named: name)?.option(named: key)?.defaultWord
    }
}
