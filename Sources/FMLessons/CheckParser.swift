import FMLanguage

/// A mistake pinned to a place: what went wrong, where, and how many columns to mark.
struct LocatedError: Error, Equatable {
    var error: LessonFileError
    var location: SourceLocation
    var length: Int
}

/// What each role names, as far as the lesson has bound it so far.
enum RoleKind: Equatable, Sendable { case model, dataset }

/// Reads one `check:` line into a `LessonCheck` (the grammar is in docs/lessons.md). Roles a
/// check uses must be bound by an earlier check; roles it binds are added to `roles`.
struct CheckParser {
    private let tokens: [LessonToken]
    private var index = 0
    /// Where "the check ends too early" is reported: just after the last word.
    private let end: SourceLocation

    init(tokens: [LessonToken], end: SourceLocation) {
        self.tokens = tokens
        self.end = end
    }

    static func parse(_ tokens: [LessonToken], end: SourceLocation,
                      roles: inout [String: RoleKind]) throws -> LessonCheck {
        var parser = CheckParser(tokens: tokens, end: end)
        let check = try parser.check(roles: &roles)
        if let extra = parser.peek {
            throw parser.failure(.checkExpected("the end of the check", found: extra.text), at: extra)
        }
        return check
    }

    private var peek: LessonToken? { index < tokens.count ? tokens[index] : nil }

    private mutating func next(_ expected: String) throws -> LessonToken {
        guard let token = peek else {
            throw LocatedError(error: .checkEndsEarly(expected), location: end, length: 1)
        }
        index += 1
        return token
    }

    private mutating func expect(_ word: String) throws {
        let token = try next("`\(word)`")
        if token.text != word { throw failure(.checkExpected("`\(word)`", found: token.text), at: token) }
    }

    private mutating func take(_ word: String) -> Bool {
        guard peek?.text == word else { return false }
        index += 1
        return true
    }

    private func failure(_ error: LessonFileError, at token: LessonToken) -> LocatedError {
        LocatedError(error: error, location: token.location, length: token.text.count)
    }

    private mutating func check(roles: inout [String: RoleKind]) throws -> LessonCheck {
        let first = try next("a check")
        switch first.text {
        case "model":
            try expect("with")
            var layers = [try layer()]
            while take(",") { layers.append(try layer()) }
            return .model(layers: layers, role: try binding(.model, roles: &roles))
        case "trained":
            let role = try modelRole(roles)
            var minimum = 1, validated = false, augmented = false
            while let token = peek {
                index += 1
                if token.text == "validated" { validated = true; continue }
                if token.text == "augmented" { augmented = true; continue }
                guard token.text.hasPrefix("epochs>="), let count = Int(token.text.dropFirst(8)), count >= 0 else {
                    throw failure(.checkExpected("epochs>=N, validated or augmented", found: token.text), at: token)
                }
                minimum = count
            }
            return .trained(role: role, minimumEpochs: minimum, validated: validated, augmented: augmented)
        case "evaluated":
            let role = try modelRole(roles)
            try expect("on")
            let dataset = try datasetSelector(roles)
            var byClass = false
            if take("by") { try expect("class"); byClass = true }
            return .evaluated(role: role, on: dataset, byClass: byClass)
        case "dataset":
            let dataset = try datasetSelector(roles)
            try expect("exists")
            return .dataset(dataset, role: try binding(.dataset, roles: &roles))
        case "statement", "typed":
            if first.text == "statement" { try expect("used") }
            let name = try next("a statement name")
            guard fmStatementNames.contains(name.text) else { throw failure(.unknownStatement(name.text), at: name) }
            return first.text == "typed" ? .typed(name.text) : .statementUsed(name.text)
        case "error":
            try expect("shown")
            return .errorShown
        case "report":
            try expect("written")
            return .reportWritten
        default:
            guard let kind = LessonResultKind(rawValue: first.text), peek?.text == "ran" else {
                throw failure(.unknownCheck(first.text), at: first)
            }
            index += 1
            var names: [String] = []
            if take("with") {
                names.append(try modelRole(roles))
                while take(",") { names.append(try modelRole(roles)) }
            }
            return .result(kind, roles: names)
        }
    }

    private mutating func layer() throws -> LayerPattern {
        let kind = try next("a layer")
        guard LayerPattern.kinds.contains(kind.text) else { throw failure(.unknownLayer(kind.text), at: kind) }
        if let size = peek.flatMap({ Int($0.text) }) {
            index += 1
            return LayerPattern(kind: kind.text, size: size)
        }
        return LayerPattern(kind: kind.text, size: nil)
    }

    private mutating func binding(_ kind: RoleKind, roles: inout [String: RoleKind]) throws -> String? {
        guard take("as") else { return nil }
        let name = try next("a role name")
        guard isRoleName(name.text) else { throw failure(.badRoleName(name.text), at: name) }
        roles[name.text] = kind
        return name.text
    }

    private mutating func modelRole(_ roles: [String: RoleKind]) throws -> String {
        let name = try next("a role")
        switch roles[name.text] {
        case .model: return name.text
        case .dataset: throw failure(.datasetRoleAsModel(name.text), at: name)
        case nil: throw failure(.unboundRole(name.text), at: name)
        }
    }

    private mutating func datasetSelector(_ roles: [String: RoleKind]) throws -> DatasetSelector {
        let name = try next("a dataset")
        if name.text == "translated" { return .translated }
        if roles[name.text] == .dataset { return .role(name.text) }
        guard isRoleName(name.text) else { throw failure(.checkExpected("a dataset", found: name.text), at: name) }
        return .named(name.text)
    }
}
