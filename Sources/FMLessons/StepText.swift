/// How a step looks at the prompt.
enum StepText {
    static let controls = "Type the statements the task gives; fm checks after each one. "
        + "`lesson` shows the step again; `lesson hint`, `lesson skip`, `lesson back`, `lesson stop`."

    static func step(_ step: LessonStep, number: Int, of count: Int, part: Int, partTitle: String,
                     asking: Bool, resolver: inout RoleResolver) -> String {
        var lines = ["[\(number)/\(count)] Part \(part): \(partTitle) — \(step.title)"]
        if let text = step.text { lines += ["", resolver.render(text)] }
        if asking, let question = step.question {
            lines += ["", Self.question(question, resolver: &resolver)]
        } else {
            lines += ["", "Type:", indented(resolver.render(step.task))]
        }
        return lines.joined(separator: "\n")
    }

    static func question(_ question: LessonQuestion, resolver: inout RoleResolver) -> String {
        var lines = [resolver.render(question.text)]
        for choice in question.choices { lines.append("  \(choice.letter). " + resolver.render(choice.text)) }
        let letters = question.choices.map { "`answer \($0.letter)`" }
        lines.append("Answer with " + letters.joined(separator: ", ") + ".")
        return lines.joined(separator: "\n")
    }

    static func finished(_ lesson: Lesson) -> String {
        "That is the end of \(lesson.title). `lessons` lists the others."
    }

    static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}
