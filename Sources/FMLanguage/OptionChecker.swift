/// Checks one `key=value` against a statement's options: the key must name one of them, and the
/// value must be of that option's kind.
enum OptionChecker {
    struct Mistake: Equatable {
        var message: String
        var location: SourceLocation
        var length: Int
    }

    static func check(_ option: OptionArgument, for statement: StatementSpec) -> Mistake? {
        guard let spec = statement.options.first(where: { $0.name == option.key }) else {
            var message = "unknown option `\(option.key)` for `\(statement.name)`"
            if statement.options.isEmpty {
                message += ", which takes no options"
            } else if let nearest = suggestion(for: option.key, among: statement.options.map(\.name)) {
                message += "; did you mean `\(nearest)`?"
            } else {
                message += "; `help \(statement.name)` lists its options"
            }
            return Mistake(message: message, location: option.keyLocation, length: option.keyLength)
        }
        let value = option.value
        if accepts(spec.kind, value) {
            guard let x = value.double, !spec.allows(x), let bound = spec.boundText else { return nil }
            return Mistake(message: "`\(spec.name)` must be \(bound), got `\(value.text)`",
                           location: option.keyLocation, length: Span(option).length)
        }
        var message = "option `\(spec.name)` expects \(spec.kind.expectation), got `\(value.text)`"
        if case .choice(let choices) = spec.kind,
           let nearest = suggestion(for: value.name ?? value.text, among: choices) {
            message += "; did you mean `\(nearest)`?"
        }
        return Mistake(message: message, location: value.location, length: value.length)
    }

    /// Whether `word` is a value of `kind`. A shape option also takes a single whole number
    /// (`kernel=3`), which stays a number for the interpreter to widen.
    static func accepts(_ kind: OptionKind, _ word: Word) -> Bool {
        switch kind {
        case .int: return word.int != nil
        case .double: return word.double != nil
        case .bool: return word.bool != nil
        case .name: return word.name != nil
        case .string: return word.string != nil
        case .shape: return word.shape != nil || (word.int.map { $0 >= 1 } ?? false)
        case .range: return word.range != nil
        case .choice(let choices): return word.name.map(choices.contains) ?? false
        }
    }
}

extension OptionKind {
    /// What a value of this kind is, with its article, for "expects …" messages.
    public var expectation: String {
        switch self {
        case .int: return "a whole number"
        case .double: return "a number"
        case .bool: return "true or false"
        case .name: return "a name"
        case .string: return "a quoted string"
        case .shape: return "a shape such as 3x3"
        case .range: return "a range such as -6..6"
        case .choice(let choices): return "one of " + choices.joined(separator: ", ")
        }
    }

    /// How help shows a value of this kind after `name=`.
    public var placeholder: String {
        switch self {
        case .int: return "N"
        case .double: return "X"
        case .bool: return "true|false"
        case .name: return "NAME"
        case .string: return "\"TEXT\""
        case .shape: return "SHAPE"
        case .range: return "A..B"
        case .choice(let choices): return choices.joined(separator: "|")
        }
    }
}
