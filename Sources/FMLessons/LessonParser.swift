import FMLanguage

/// Reads a lesson file (docs/lessons.md) into a `Lesson`, or reports every mistake in it,
/// each once and in the order of the file, as `FILE:LINE:COL: error:` diagnostics.
public enum LessonParser {
    static let headerKeys: Set<String> = ["lesson", "minutes", "description"]
    static let stepKeys: Set<String> = ["text", "task", "check", "hint", "question", "answer", "explain", "after"]

    public static func parse(_ source: SourceFile) throws -> Lesson {
        var errors: [LocatedError] = []
        let fields = LessonFields.read(source, errors: &errors)
        var header: [String: RawField] = [:]
        var parts: [(title: RawField, steps: [[RawField]])] = []
        for field in fields {
            let key = field.key
            if field.lines.isEmpty {
                // Reported once here; an empty step field still counts as present, so the
                // step is not also said to lack it.
                errors.append(LocatedError(error: .emptyField(key), location: field.keyLocation, length: field.keyLength))
                if headerKeys.contains(key) { continue }
            }
            if headerKeys.contains(key) {
                if !parts.isEmpty {
                    errors.append(located(.headerFieldAfterParts(key), field))
                } else if header[key] != nil {
                    errors.append(located(.duplicateField(key), field))
                } else {
                    header[key] = field
                }
            } else if key == "part" {
                parts.append((field, []))
            } else if key == "step" {
                if parts.isEmpty { errors.append(located(.stepBeforePart, field)); continue }
                parts[parts.count - 1].steps.append([field])
            } else if stepKeys.contains(key) || key.hasPrefix("choice") {
                guard !parts.isEmpty, !parts[parts.count - 1].steps.isEmpty else {
                    errors.append(located(.stepFieldOutsideStep(key), field))
                    continue
                }
                parts[parts.count - 1].steps[parts[parts.count - 1].steps.count - 1].append(field)
            } else {
                errors.append(located(.unknownField(key), field))
            }
        }

        var roles: [String: RoleKind] = [:]
        var definitions: [String: LessonCheck] = [:]
        var lessonParts: [LessonPart] = []
        for part in parts {
            var steps: [LessonStep] = []
            for fields in part.steps {
                var builder = StepBuilder(fields: fields)
                if let step = builder.build(roles: &roles, definitions: &definitions) { steps.append(step) }
                errors += builder.errors
            }
            lessonParts.append(LessonPart(title: plain(part.title), steps: steps))
        }

        let minutes = header["minutes"].map { field -> Int in
            guard let count = Int(plain(field)), count > 0 else {
                errors.append(LocatedError(error: .badMinutes(plain(field)), location: field.lines[0].location,
                                           length: field.lines[0].text.count))
                return 0
            }
            return count
        } ?? 0
        if header["lesson"] == nil {
            errors.append(LocatedError(error: .missingTitle, location: SourceLocation(line: 1, column: 1), length: 1))
        }
        if parts.allSatisfy({ $0.steps.isEmpty }) {
            errors.append(LocatedError(error: .noSteps, location: SourceLocation(line: 1, column: 1), length: 1))
        }
        guard errors.isEmpty else { throw LessonFileErrors(diagnostics: diagnostics(errors, in: source)) }
        return Lesson(title: header["lesson"].map(plain) ?? "", minutes: minutes,
                      description: header["description"].map(plain) ?? "", parts: lessonParts,
                      roleDefinitions: definitions)
    }

    /// The errors as diagnostics, in file order, each once.
    static func diagnostics(_ errors: [LocatedError], in source: SourceFile) -> [Diagnostic] {
        var seen: [Diagnostic] = []
        let ordered = errors.enumerated().sorted {
            ($0.element.location.line, $0.element.location.column, $0.offset)
                < ($1.element.location.line, $1.element.location.column, $1.offset)
        }
        for (_, error) in ordered {
            let diagnostic = source.diagnostic(error.error.message, at: error.location, length: error.length)
            if !seen.contains(diagnostic) { seen.append(diagnostic) }
        }
        return seen
    }

    static func located(_ error: LessonFileError, _ field: RawField) -> LocatedError {
        LocatedError(error: error, location: field.keyLocation, length: field.keyLength)
    }

    /// A field's value as one line of text, for titles and numbers.
    static func plain(_ field: RawField) -> String {
        field.lines.map(\.text).filter { !$0.isEmpty }.joined(separator: " ")
    }
}
