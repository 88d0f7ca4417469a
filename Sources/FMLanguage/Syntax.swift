/// The value of one word of a statement, as the lexer classified it.
public enum Value: Equatable, Sendable {
    /// `nn`, `test_tl`, `fashion-mnist`, `top-left`, `shift:2`, `relu`:
    /// a letter or `_`, then letters, digits, `_`, `-`, `:` or `.`.
    case name(String)
    /// `256`, `0.001`, `-3`, `1e-3`.
    case number(Double)
    /// `28x28`, `3x3`, `28x28x1`: positive whole numbers joined by `x`.
    case shape([Int])
    /// `0..11`, `-4..4`: both ends included, lower ≤ upper.
    case range(Int, Int)
    /// `"…"` with the escapes `\"`, `\\`, `\n`, `\t` resolved.
    case string(String)
    /// `test[0]` (lower == upper) or `test[0..11]` (both ends included); never negative.
    case indexed(name: String, lower: Int, upper: Int)

    /// What kind of word this is, with its article, for messages: "a name", "a shape", ….
    public var kindDescription: String {
        switch self {
        case .name: return "a name"
        case .number: return "a number"
        case .shape: return "a shape"
        case .range: return "a range"
        case .string: return "a string"
        case .indexed: return "an indexed dataset"
        }
    }
}

/// One word of a statement: its value, the text as written, and where it stands.
public struct Word: Equatable, Sendable {
    public var value: Value
    /// The word as written, quotes and brackets included.
    public var text: String
    public var location: SourceLocation
    /// Length in `Character`s of `text`.
    public var length: Int

    public init(value: Value, text: String, location: SourceLocation, length: Int? = nil) {
        self.value = value
        self.text = text
        self.location = location
        self.length = length ?? max(1, text.count)
    }

    /// The name, when the word is a name.
    public var name: String? {
        if case .name(let name) = value { return name }
        return nil
    }

    /// The contents, when the word is a quoted string.
    public var string: String? {
        if case .string(let string) = value { return string }
        return nil
    }

    /// The number, when it is a whole number that fits an `Int` exactly (`3`, `-4`, `1e3`, `2.0`).
    public var int: Int? {
        guard case .number(let number) = value, number.rounded() == number,
              abs(number) <= 9_007_199_254_740_992 else { return nil }
        return Int(number)
    }

    /// The number, when the word is a number.
    public var double: Double? {
        if case .number(let number) = value { return number }
        return nil
    }

    /// `true`/`yes`/`on` → true and `false`/`no`/`off` → false (any case); otherwise nil.
    public var bool: Bool? {
        guard let name else { return nil }
        switch name.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// The dimensions, when the word is a shape.
    public var shape: [Int]? {
        if case .shape(let shape) = value { return shape }
        return nil
    }

    /// The two ends, when the word is a range.
    public var range: (lower: Int, upper: Int)? {
        if case .range(let lower, let upper) = value { return (lower, upper) }
        return nil
    }
}

/// A `key=value` word.
public struct OptionArgument: Equatable, Sendable {
    /// Normalised: lower case, `-` replaced by `_` (`Stop-At` → `stop_at`).
    public var key: String
    public var keyLocation: SourceLocation
    public var keyLength: Int
    public var value: Word

    public init(key: String, keyLocation: SourceLocation, keyLength: Int, value: Word) {
        self.key = key
        self.keyLocation = keyLocation
        self.keyLength = keyLength
        self.value = value
    }
}

/// One parsed statement: its name, its positional words and its options.
public struct Statement: Equatable, Sendable {
    /// The statement name; `keyword.name` is the canonical name (alias `exit` → `quit`),
    /// `keyword.text` what was written.
    public var keyword: Word
    /// Positional words in order, including the small keywords `to`, `as`, `from`, `on`, `like`.
    public var arguments: [Word]
    /// `key=value` words in order; each key at most once.
    public var options: [OptionArgument]
    /// The statement's source text, continuation lines joined by a space and comments left out.
    public var text: String

    public init(keyword: Word, arguments: [Word], options: [OptionArgument], text: String) {
        self.keyword = keyword
        self.arguments = arguments
        self.options = options
        self.text = text
    }

    /// The option with normalised key `key` (`stop-at` and `stop_at` both work), if given.
    public func option(_ key: String) -> OptionArgument? {
        let wanted = normalisedOptionKey(key)
        return options.first { $0.key == wanted }
    }

    /// The canonical statement name.
    public var name: String { keyword.name ?? keyword.text }
}

/// Option names are case-blind and treat `-` and `_` alike: `Stop-At` → `stop_at`.
public func normalisedOptionKey(_ key: String) -> String {
    String(key.lowercased().map { $0 == "-" ? "_" : $0 })
}

extension Statement {
    /// The positional word right after the first positional name `keyword`: for
    /// `show test[0] to "a.png"`, `argument(after: "to")` is the string `"a.png"`. Nil when the
    /// keyword is missing or ends the statement.
    public func argument(after keyword: String) -> Word? {
        guard let i = arguments.firstIndex(where: { $0.name == keyword }), i + 1 < arguments.count else { return nil }
        return arguments[i + 1]
    }

    /// The positional words before the first name in `keywords`: for `predict nn cnn test[0]
    /// to "p.svg"`, `arguments(before: ["to"])` is `nn cnn test[0]`. All of them when no keyword
    /// is there.
    public func arguments(before keywords: Set<String>) -> [Word] {
        guard let i = arguments.firstIndex(where: { $0.name.map(keywords.contains) ?? false }) else { return arguments }
        return Array(arguments[..<i])
    }
}
