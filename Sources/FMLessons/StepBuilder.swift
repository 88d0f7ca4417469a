import FMLanguage

/// Turns the fields of one `step:` into a `LessonStep`, checking that it has a task and a goal,
/// that its checks and placeholders are well formed, and that its question fits together.
struct StepBuilder {
    private let fields: [RawField]
    private(set) var errors: [LocatedError] = []
    /// A `choice G:` was reported; the question is not also said to have no choices.
    private var hasBadChoice = false

    init(fields: [RawField]) { self.fields = fields }

    mutating func build(roles: inout [String: RoleKind], definitions: inout [String: LessonCheck]) -> LessonStep? {
        guard let stepField = fields.first else { return nil }
        let title = LessonParser.plain(stepField)
        var single: [String: RawField] = [:]
        var checkFields: [RawField] = []
        var choiceFields: [(letter: String, field: RawField)] = []
        for field in fields.dropFirst() {
            if field.key == "check" { checkFields.append(field); continue }
            if field.key.hasPrefix("choice") {
                let letter = field.key.dropFirst("choice".count).trimmingCharacters()
                guard letter.count == 1, let character = letter.first, "ABCDEF".contains(character.uppercased()) else {
                    errors.append(LessonParser.located(.badChoiceLetter(field.key), field))
                    hasBadChoice = true
                    continue
                }
                let upper = letter.uppercased()
                if choiceFields.contains(where: { $0.letter == upper }) {
                    errors.append(LessonParser.located(.duplicateChoice(upper), field))
                } else {
                    choiceFields.append((upper, field))
                }
                continue
            }
            if single[field.key] != nil {
                errors.append(LessonParser.located(.duplicateField(field.key), field))
            } else {
                single[field.key] = field
            }
        }

        let before = roles
        let text = single["text"].map { template($0, roles: before) }
        let task = single["task"].map { template($0, roles: before) }
        let hint = single["hint"].map { template($0, roles: before) }
        var checks: [LessonCheck] = []
        for field in checkFields where !field.lines.isEmpty {
            var tokens: [LessonToken] = []
            for line in field.lines { tokens += LessonToken.split(line.text, at: line.location) }
            let last = field.lines[field.lines.count - 1]
            let end = SourceLocation(line: last.location.line, column: last.location.column + last.text.count)
            do {
                let check = try CheckParser.parse(tokens, end: end, roles: &roles)
                if let role = check.boundRole, definitions[role] == nil { definitions[role] = check }
                checks.append(check)
            } catch let error as LocatedError {
                errors.append(error)
            } catch {}
        }
        let question = buildQuestion(single, choiceFields, roles: roles)
        let after = single["after"].map { template($0, roles: roles) }

        if task == nil { errors.append(LessonParser.located(.stepWithoutTask(title), stepField)) }
        if checkFields.isEmpty && single["question"] == nil {
            errors.append(LessonParser.located(.stepWithoutGoal(title), stepField))
        }
        guard let task else { return nil }
        return LessonStep(title: title, text: text, task: task, checks: checks, hint: hint,
                          question: question, after: after)
    }

    private mutating func buildQuestion(_ single: [String: RawField], _ choiceFields: [(letter: String, field: RawField)],
                                        roles: [String: RoleKind]) -> LessonQuestion? {
        guard let questionField = single["question"] else {
            if let first = choiceFields.first { errors.append(LessonParser.located(.choicesWithoutQuestion, first.field)) }
            for key in ["answer", "explain"] {
                if let field = single[key] { errors.append(LessonParser.located(.stepFieldOutsideStep(key), field)) }
            }
            return nil
        }
        let letters = choiceFields.map(\.letter)
        if choiceFields.isEmpty && !hasBadChoice { errors.append(LessonParser.located(.questionWithoutChoices, questionField)) }
        var answer = ""
        if let answerField = single["answer"], answerField.lines.isEmpty {
            answer = ""
        } else if let answerField = single["answer"] {
            answer = LessonParser.plain(answerField).uppercased()
            if !choiceFields.isEmpty && !letters.contains(answer) {
                let line = answerField.lines[0]
                errors.append(LocatedError(error: .answerNotAChoice(LessonParser.plain(answerField), choices: letters),
                                           location: line.location, length: line.text.count))
            }
        } else {
            errors.append(LessonParser.located(.questionWithoutAnswer, questionField))
        }
        return LessonQuestion(
            text: template(questionField, roles: roles),
            choices: choiceFields.map { ($0.letter, template($0.field, roles: roles)) },
            answer: answer, explanation: single["explain"].map { template($0, roles: roles) })
    }

    private mutating func template(_ field: RawField, roles: [String: RoleKind]) -> TextTemplate {
        PlaceholderParser.template(field.lines, roles: roles, errors: &errors)
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        String(drop { $0 == " " }).trimmingTrailingBlanks()
    }
}
