/// The names of models, datasets and sessions: 1 to 64 characters, ASCII letters, digits, `_`
/// and `-`. The shell checks a name with `NameRules.check` before storing it.
public enum NameRules {
    public static let maximumLength = 64

    /// nil when `name` is usable, else what is wrong with it.
    public static func check(_ name: String) -> NameError? {
        if name.isEmpty { return .empty }
        let length = name.unicodeScalars.count
        if length > maximumLength { return .tooLong(length: length, limit: maximumLength) }
        if let bad = name.unicodeScalars.first(where: { !isAllowed($0) }) { return .badCharacter(bad) }
        return nil
    }

    static func isAllowed(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }
}

/// Why a name was refused; the text is made here.
public enum NameError: Error, CustomStringConvertible, Equatable, Sendable {
    case empty
    case tooLong(length: Int, limit: Int)
    case badCharacter(Unicode.Scalar)

    public var description: String {
        switch self {
        case .empty: return "a name needs at least 1 character"
        case let .tooLong(length, limit): return "a name of \(length) characters is too long: at most \(limit)"
        case let .badCharacter(c):
            let shown = c.properties.isWhitespace || c.value < 32 ? "U+\(String(c.value, radix: 16, uppercase: true))" : "'\(c)'"
            return "a name may hold letters, digits, _ and -, not \(shown)"
        }
    }
}
