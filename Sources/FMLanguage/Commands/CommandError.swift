/// What can be wrong with a statement's words once it has parsed: a missing or unexpected word,
/// a value out of its range, options that do not go together. Found before a script runs; the
/// message is made here, the place is the span.
public enum CommandError: Error, Equatable, Sendable {
    /// `statement` ends where it still needs `what` ("a model name", "`to \"FILE\"`").
    case missing(statement: String, what: String, at: Span)
    /// A word of the wrong kind: "expected a model name, got `3`".
    case expected(what: String, got: String, at: Span)
    /// A word after the statement's last form.
    case unexpected(text: String, context: String?, at: Span)
    /// A number option or word outside its range; `bound` reads "above 0", "at most 100000".
    case outOfRange(name: String, text: String, bound: String, at: Span)
    /// `keep=best` without `validation=`.
    case requires(option: String, needs: String, reason: String, at: Span)
    /// None, or more than one, of options that exclude each other.
    case oneOf(statement: String, choices: String, given: Int, advice: String, at: Span)
    /// A word that names none of a fixed set: `load fashion-mnst`, `add dens`.
    case unknownWord(what: String, text: String, expected: String?, suggestion: String?, at: Span)
    /// A layer word that does not apply: `add flatten 3`, `add maxpool relu`.
    case notForLayer(layer: String, text: String, suggestion: String?, at: Span)
    /// A value whose spelling is wrong for its option: `augment=shift`, `input=0x3`.
    case badValue(name: String, text: String, expected: String, at: Span)
    /// Any statement-specific rule, with its own words (kept short and in one place below).
    case rule(Rule, at: Span)

    public enum Rule: Equatable, Sendable {
        case dropoutRate
        case sameName(String)
        case layerNeeds(layer: String, what: String, example: String)
    }

    public var span: Span {
        switch self {
        case let .missing(_, _, s), let .expected(_, _, s), let .unexpected(_, _, s), let .outOfRange(_, _, _, s),
             let .requires(_, _, _, s), let .oneOf(_, _, _, _, s), let .unknownWord(_, _, _, _, s),
             let .notForLayer(_, _, _, s), let .badValue(_, _, _, s), let .rule(_, s):
            return s
        }
    }

    public var message: String {
        func hint(_ s: String?) -> String { s.map { "; did you mean `\($0)`?" } ?? "" }
        switch self {
        case let .missing(statement, what, _):
            return "`\(statement)` needs \(what)"
        case let .expected(what, got, _):
            return "expected \(what), got `\(got)`"
        case let .unexpected(text, context, _):
            return "unexpected `\(text)`" + (context.map { " \($0)" } ?? " here")
        case let .outOfRange(name, text, bound, _):
            return "`\(name)` must be \(bound), got `\(text)`"
        case let .requires(option, needs, reason, _):
            return "`\(option)` needs `\(needs)` \(reason)"
        case let .oneOf(statement, choices, given, advice, _):
            return given == 0 ? "`\(statement)` needs one of \(choices)" : advice
        case let .unknownWord(what, text, expected, suggestion, _):
            return "\(what) `\(text)`" + (expected.map { ": expected \($0)" } ?? "") + hint(suggestion)
        case let .notForLayer(layer, text, suggestion, _):
            return "`\(text)` does not apply to \(layer)\(hint(suggestion))"
        case let .badValue(name, text, expected, _):
            return "`\(name)` takes \(expected), got `\(text)`"
        case let .rule(rule, _):
            switch rule {
            case .dropoutRate: return "dropout needs a rate from 0 up to (not including) 1, e.g. `add dropout 0.25`"
            case let .sameName(name): return "choose a new name: `\(name)` would replace the dataset it is made from"
            case let .layerNeeds(layer, what, example): return "\(layer) needs \(what), e.g. `\(example)`"
            }
        }
    }
}
