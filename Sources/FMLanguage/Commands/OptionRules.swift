/// Checks a statement's options against its table entry's rules (`keep=best` needs
/// `validation`; one transform per `translate`).
enum OptionRules {
    static func check(_ statement: Statement, _ spec: StatementSpec) throws {
        for rule in spec.rules {
            switch rule {
            case let .requires(option, value, needs, reason):
                guard let given = statement.option(option), value == nil || given.value.name == value,
                      statement.option(needs) == nil else { continue }
                let written = value.map { "\(option)=\($0)" } ?? option
                throw CommandError.requires(option: written, needs: "\(needs)=DATASET", reason: reason, at: Span(given))
            case let .exactlyOne(groups, choices, advice):
                let given = groups.filter { group in group.contains { statement.option($0) != nil } }
                guard given.count != 1 else { continue }
                throw CommandError.oneOf(statement: statement.name, choices: choices, given: given.count, advice: advice,
                                         at: Span(statement.keyword))
            }
        }
    }
}
