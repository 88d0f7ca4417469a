import FMLanguage

/// A value taken from the learner's session and written into a text: `{cnn.params}`,
/// `{nn.accuracy on test}`, `{percent fewer cnn.params nn.params}`, `{ratio cnn.flops nn.flops}`.
enum Placeholder: Equatable, Sendable {
    case value(Quantity)
    /// (1 − a/b) × 100, rounded: "17 %".
    case percentFewer(Quantity, Quantity)
    /// (a/b − 1) × 100, rounded: "21 %".
    case percentMore(Quantity, Quantity)
    /// a/b: "83", or "1.7" below 10.
    case ratio(Quantity, Quantity)
    /// (a − b) × 100 for two accuracies, in percentage points, one decimal: "41.3".
    case points(Quantity, Quantity)
}

/// One number or name of a role: `cnn.params`, `nn.accuracy on translated`, `moved.count`.
struct Quantity: Equatable, Sendable {
    enum Field: String, Sendable {
        case name, params, flops, epochs, layers, accuracy, loss, count
    }
    var role: String
    var field: Field
    /// For `accuracy` and `loss`: which evaluation.
    var dataset: DatasetSelector?

    static let modelFields: [Field] = [.name, .params, .flops, .epochs, .layers, .accuracy, .loss]
    static let datasetFields: [Field] = [.name, .count]
}

/// Reads placeholders out of text lines.
enum PlaceholderParser {
    private static let functions = ["percent", "ratio", "points"]

    /// The text of one `{…}` (without the braces), which starts at `location`.
    static func parse(_ content: String, at location: SourceLocation,
                      roles: [String: RoleKind]) throws -> Placeholder {
        var tokens = LessonToken.split(content, at: location)[...]
        guard let first = tokens.first else {
            throw LocatedError(error: .emptyPlaceholder, location: location, length: 1)
        }
        let end = SourceLocation(line: location.line, column: location.column + content.count)
        func failure(_ error: LessonFileError, _ token: LessonToken) -> LocatedError {
            LocatedError(error: error, location: token.location, length: token.text.count)
        }
        func quantity(number: Bool) throws -> Quantity {
            guard let token = tokens.popFirst() else {
                throw LocatedError(error: .placeholderExpected("ROLE.FIELD", found: "}"), location: end, length: 1)
            }
            let parts = token.text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else {
                if functions.contains(token.text) || token.text.contains(".") || !number {
                    throw failure(.unknownPlaceholderFunction(token.text), token)
                }
                throw failure(.placeholderExpected("ROLE.FIELD", found: token.text), token)
            }
            guard let kind = roles[parts[0]] else { throw failure(.unboundRole(parts[0]), token) }
            let known = kind == .model ? Quantity.modelFields : Quantity.datasetFields
            guard let field = Quantity.Field(rawValue: parts[1]), known.contains(field) else {
                throw failure(.unknownPlaceholderField(parts[1], known: known.map(\.rawValue)), token)
            }
            if number && field == .name {
                throw failure(.placeholderExpected("a number such as \(parts[0]).params", found: token.text), token)
            }
            var dataset: DatasetSelector?
            if field == .accuracy || field == .loss {
                guard tokens.first?.text == "on", tokens.count >= 2 else {
                    throw failure(.placeholderNeedsDataset(field.rawValue), token)
                }
                tokens.removeFirst()
                let name = tokens.removeFirst()
                dataset = name.text == "translated" ? .translated
                    : roles[name.text] == .dataset ? .role(name.text) : .named(name.text)
            }
            return Quantity(role: parts[0], field: field, dataset: dataset)
        }
        let placeholder: Placeholder
        switch first.text {
        case "percent":
            tokens.removeFirst()
            let direction = tokens.popFirst()
            guard let word = direction?.text, word == "fewer" || word == "more" else {
                throw direction.map { failure(.placeholderExpected("`fewer` or `more`", found: $0.text), $0) }
                    ?? LocatedError(error: .placeholderExpected("`fewer` or `more`", found: "}"), location: end, length: 1)
            }
            let a = try quantity(number: true), b = try quantity(number: true)
            placeholder = word == "fewer" ? .percentFewer(a, b) : .percentMore(a, b)
        case "ratio", "points":
            tokens.removeFirst()
            let a = try quantity(number: true), b = try quantity(number: true)
            placeholder = first.text == "ratio" ? .ratio(a, b) : .points(a, b)
        default:
            placeholder = .value(try quantity(number: false))
        }
        if let extra = tokens.first {
            throw failure(.placeholderExpected("`}`", found: extra.text), extra)
        }
        return placeholder
    }

    /// A template from text lines (each with where it starts); lines are joined with line breaks.
    static func template(_ lines: [(text: String, location: SourceLocation)],
                         roles: [String: RoleKind], errors: inout [LocatedError]) -> TextTemplate {
        var pieces: [TextTemplate.Piece] = []
        var literal = ""
        for (number, line) in lines.enumerated() {
            if number > 0 { literal += "\n" }
            let characters = Array(line.text)
            var index = 0
            while index < characters.count {
                let character = characters[index]
                let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
                if (character == "{" && next == "{") || (character == "}" && next == "}") {
                    literal.append(character)
                    index += 2
                    continue
                }
                guard character == "{" else { literal.append(character); index += 1; continue }
                let column = line.location.column + index
                guard let close = characters[index...].firstIndex(of: "}") else {
                    errors.append(LocatedError(error: .unclosedPlaceholder,
                                               location: SourceLocation(line: line.location.line, column: column), length: 1))
                    break
                }
                let content = String(characters[(index + 1)..<close])
                do {
                    let start = SourceLocation(line: line.location.line, column: column + 1)
                    let placeholder = try parse(content, at: start, roles: roles)
                    if !literal.isEmpty { pieces.append(.literal(literal)); literal = "" }
                    pieces.append(.value(placeholder))
                } catch let error as LocatedError {
                    errors.append(error.error == .emptyPlaceholder
                        ? LocatedError(error: .emptyPlaceholder, location: SourceLocation(line: line.location.line, column: column), length: 2)
                        : error)
                } catch {}
                index = close + 1
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return TextTemplate(pieces: pieces)
    }
}
