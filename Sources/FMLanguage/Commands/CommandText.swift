/// Builds a command's canonical text: its name, positional words, then the options whose
/// values differ from the statement table's defaults, in the table's order. What `history`
/// stores and a replay runs; it parses back to the same command.
struct CommandText {
    let spec: StatementSpec?
    private var parts: [String]
    private var options: [(key: String, value: String)] = []
    /// Words after the options, as people write them: `translate test corner=top-left as test_tl`.
    private var tail: [String] = []

    init(_ name: String, table: StatementTable = .standard) {
        spec = table.spec(named: name)
        parts = [name]
    }

    mutating func word(_ text: String) { parts.append(text) }
    mutating func last(_ words: String...) { tail += words }
    mutating func word(_ text: String?) { if let text { parts.append(text) } }
    mutating func quoted(_ text: String) { parts.append(CommandText.quote(text)) }
    mutating func to(_ file: FilePath?) {
        guard let file else { return }
        parts += ["to", CommandText.quote(file.value)]
    }

    /// `key=value`, left out when `value` is nil or the table's default.
    mutating func option(_ key: String, _ value: String?) {
        guard let value else { return }
        if let fallback = spec?.option(named: key)?.defaultWord, let given = CommandText.lexed(value), given.value == fallback.value { return }
        options.append((key, value))
    }

    mutating func option(_ key: String, _ value: Int?) { option(key, value.map(String.init)) }
    mutating func option(_ key: String, _ value: Double?) { option(key, value.map(CommandText.number)) }
    mutating func option(_ key: String, _ value: Bool) { option(key, value ? "true" : "false") }
    mutating func option(_ key: String, quoted value: String?) { option(key, value.map(CommandText.quote)) }

    var text: String {
        let order = spec?.options.map(\.name) ?? []
        let sorted = options.sorted { (order.firstIndex(of: $0.key) ?? .max) < (order.firstIndex(of: $1.key) ?? .max) }
        return (parts + sorted.map { "\($0.key)=\($0.value)" } + tail).joined(separator: " ")
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(c)
            }
        }
        return out + "\""
    }

    /// The shortest spelling that reads back as the same number: `0.001`, `30`, `1e-07`.
    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }

    static func shape(_ s: [Int]) -> String { s.map(String.init).joined(separator: "x") }

    static func lexed(_ text: String) -> Word? {
        var lexer = Lexer(text)
        if case .word(let w) = lexer.next().kind { return w }
        return nil
    }
}
