import FMLanguage

/// A mistake in a lesson file. The text of every message is made here, in `message`.
enum LessonFileError: Equatable {
    case notAField
    case continuationWithoutField
    case unknownField(String)
    case headerFieldAfterParts(String)
    case stepFieldOutsideStep(String)
    case stepBeforePart
    case duplicateField(String)
    case emptyField(String)
    case missingTitle
    case badMinutes(String)
    case noSteps
    case stepWithoutTask(String)
    case stepWithoutGoal(String)
    case questionWithoutChoices
    case questionWithoutAnswer
    case choicesWithoutQuestion
    case badChoiceLetter(String)
    case duplicateChoice(String)
    case answerNotAChoice(String, choices: [String])
    case unknownCheck(String)
    case checkExpected(String, found: String)
    case checkEndsEarly(String)
    case unknownLayer(String)
    case badRoleName(String)
    case unboundRole(String)
    case datasetRoleAsModel(String)
    case unknownStatement(String)
    case unclosedPlaceholder
    case emptyPlaceholder
    case unknownPlaceholderField(String, known: [String])
    case placeholderNeedsDataset(String)
    case unknownPlaceholderFunction(String)
    case placeholderExpected(String, found: String)

    var message: String {
        switch self {
        case .notAField:
            return "expected `field: value` (such as `text: …`) or an indented line that continues a field"
        case .continuationWithoutField:
            return "an indented line continues a field, but no field comes before it"
        case let .unknownField(key):
            return "unknown field `\(key)`; a step has text, task, check, hint, question, choice A, answer, explain, after"
        case let .headerFieldAfterParts(key):
            return "`\(key):` belongs in the header, before the first `part:`"
        case let .stepFieldOutsideStep(key):
            return "`\(key):` belongs to a step; put it after a `step:` line"
        case .stepBeforePart:
            return "a step must come after a `part:` line"
        case let .duplicateField(key):
            return "a second `\(key):` in the same place; join the two"
        case let .emptyField(key):
            return "`\(key):` is empty"
        case .missingTitle:
            return "the lesson has no title; the file starts with `lesson: TITLE`"
        case let .badMinutes(text):
            return "`minutes:` is a whole number of minutes, not `\(text)`"
        case .noSteps:
            return "the lesson has no steps; add `part:` and `step:` lines"
        case let .stepWithoutTask(title):
            return "step `\(title)` has no `task:` (what the learner types)"
        case let .stepWithoutGoal(title):
            return "step `\(title)` has neither a `check:` nor a `question:`"
        case .questionWithoutChoices:
            return "the question has no choices (`choice A: …`)"
        case .questionWithoutAnswer:
            return "the question has no `answer:` (the letter of the right choice)"
        case .choicesWithoutQuestion:
            return "choices without a `question:`"
        case let .badChoiceLetter(text):
            return "a choice is `choice A:` to `choice F:`, not `\(text)`"
        case let .duplicateChoice(letter):
            return "a second `choice \(letter):`"
        case let .answerNotAChoice(text, choices):
            return "answer `\(text)` is not one of the choices \(choices.joined(separator: ", "))"
        case let .unknownCheck(word):
            return "unknown check `\(word)`; a check starts with model, trained, evaluated, dataset, "
                + "statement, typed, error, report, or a result kind followed by `ran`"
        case let .checkExpected(expected, found):
            return "expected \(expected), found `\(found)`"
        case let .checkEndsEarly(expected):
            return "the check ends too early: expected \(expected)"
        case let .unknownLayer(word):
            return "unknown layer `\(word)`; layers are \(LayerPattern.kinds.joined(separator: ", "))"
        case let .badRoleName(word):
            return "`\(word)` cannot be a role: a role is a lower-case name such as `cnn`"
        case let .unboundRole(role):
            return "no check before this one binds the role `\(role)` (`model with … as \(role)`)"
        case let .datasetRoleAsModel(role):
            return "`\(role)` is a dataset role; a model role is bound with `model with … as \(role)`"
        case let .unknownStatement(word):
            return "`\(word)` is not an fm statement"
        case .unclosedPlaceholder:
            return "placeholder not closed: `}` missing (write `{{` for a brace)"
        case .emptyPlaceholder:
            return "empty placeholder `{}`"
        case let .unknownPlaceholderField(field, known):
            return "unknown field `\(field)`; a placeholder asks for \(known.joined(separator: ", "))"
        case let .placeholderNeedsDataset(field):
            return "`\(field)` needs a dataset: `{ROLE.\(field) on test}`"
        case let .unknownPlaceholderFunction(word):
            return "unknown placeholder `\(word)`; a placeholder is ROLE.FIELD, "
                + "or percent fewer, percent more, ratio or points followed by two of them"
        case let .placeholderExpected(expected, found):
            return "expected \(expected) in the placeholder, found `\(found)`"
        }
    }
}

/// Every mistake found in one lesson file, in the order of the file, each once.
public struct LessonFileErrors: Error, CustomStringConvertible, Sendable {
    public var diagnostics: [Diagnostic]
    /// All of them rendered, one after the other, as a script's errors are.
    public var description: String { diagnostics.map { $0.rendered() }.joined(separator: "\n") }
}
