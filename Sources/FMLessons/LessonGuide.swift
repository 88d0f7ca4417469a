/// A lesson being taken: the lesson and the learner's progress. Every operation is pure: it
/// takes a view of the session and returns the text to print; the shell stores `run` after
/// each one. The learner may type anything in between; only a met goal moves the lesson on.
public struct LessonGuide: Sendable {
    public let lesson: Lesson
    public private(set) var run: LessonRun

    /// A new run from the first step.
    public init(lesson: Lesson, source: LessonSource) {
        self.init(lesson: lesson, resuming: LessonRun(source: source))
        run.phase = startPhase
    }

    /// A step that is only a question asks it at once.
    private var startPhase: LessonRun.Phase {
        lesson.stepCount > 0 && lesson.steps[run.stepIndex].step.checks.isEmpty ? .asking : .working
    }

    /// A stored run; a step index past the lesson's end (the file changed) is clamped.
    public init(lesson: Lesson, resuming run: LessonRun) {
        self.lesson = lesson
        var run = run
        if run.stepIndex >= lesson.stepCount { run.stepIndex = max(0, lesson.stepCount - 1) }
        if run.stepIndex < 0 { run.stepIndex = 0 }
        self.run = run
    }

    public var isFinished: Bool { run.phase == .finished }

    /// The current step has a question (`answer X` means something now or once its task is done).
    public var stepHasQuestion: Bool {
        !isFinished && run.stepIndex < lesson.stepCount && lesson.steps[run.stepIndex].step.question != nil
    }

    /// Where the learner is, for the prompt: `nn-vs-cnn 3/24`; nil once finished.
    public var promptFragment: String? {
        isFinished ? nil : "\(run.source.name) \(run.stepIndex + 1)/\(lesson.stepCount)"
    }

    /// What `lesson NAME` prints for a new run: the title, what the lesson is, how to move
    /// about, then the first step.
    public func opening(view: LessonSessionView) -> String {
        var lines = [lesson.title, "\(lesson.stepCount) steps in \(lesson.parts.count) parts, about \(lesson.minutes) minutes."]
        if !lesson.description.isEmpty { lines += ["", lesson.description] }
        lines += ["", StepText.controls, "", current(view: view)]
        return lines.joined(separator: "\n")
    }

    /// What `lesson NAME` prints when a stored run goes on.
    public func resumed(view: LessonSessionView) -> String {
        if isFinished { return "You have finished \(lesson.title). `lesson stop` clears it; then `lesson \(run.source.name)` starts again." }
        return "Back to \(lesson.title), step \(run.stepIndex + 1) of \(lesson.stepCount).\n\n" + current(view: view)
    }

    /// The current step again (`lesson`).
    public func current(view: LessonSessionView) -> String {
        guard !isFinished, lesson.stepCount > 0 else { return StepText.finished(lesson) }
        var resolver = resolver(view)
        let (part, step) = lesson.steps[run.stepIndex]
        return StepText.step(step, number: run.stepIndex + 1, of: lesson.stepCount, part: part + 1,
                             partTitle: lesson.parts[part].title, asking: run.phase == .asking, resolver: &resolver)
    }

    public func hint(view: LessonSessionView) -> String {
        guard !isFinished else { return StepText.finished(lesson) }
        var resolver = resolver(view)
        let step = lesson.steps[run.stepIndex].step
        if let hint = step.hint { return resolver.render(hint) }
        return "No hint for this step. The task:\n" + StepText.indented(resolver.render(step.task))
    }

    /// Past this step without its goal.
    public mutating func skip(view: LessonSessionView) -> String {
        guard !isFinished else { return StepText.finished(lesson) }
        if !run.skipped.contains(run.stepIndex) { run.skipped.append(run.stepIndex) }
        return "Skipped.\n\n" + advance(view: view)
    }

    /// To the step before, which starts again.
    public mutating func back(view: LessonSessionView) -> String {
        if isFinished {
            run.stepIndex = max(0, lesson.stepCount - 1)
        } else if run.stepIndex == 0 {
            return "This is the first step.\n\n" + current(view: view)
        } else {
            run.stepIndex -= 1
        }
        run.phase = startPhase
        return current(view: view)
    }

    /// What `lesson stop` prints; the shell then drops the stored run.
    public func stop() -> String {
        "Stopped \(lesson.title) at step \(run.stepIndex + 1) of \(lesson.stepCount). `lesson \(run.source.name)` starts it again."
    }

    /// `answer B`.
    public mutating func answer(_ choice: String, view: LessonSessionView) -> String {
        guard !isFinished, let question = lesson.steps[run.stepIndex].step.question else {
            return "There is no question to answer now."
        }
        guard run.phase == .asking else {
            var resolver = resolver(view)
            return "First the task, then the question:\n"
                + StepText.indented(resolver.render(lesson.steps[run.stepIndex].step.task))
        }
        let letter = choice.uppercased()
        guard question.choices.contains(where: { $0.letter == letter }) else {
            return "`\(choice)` is not one of the choices: " + question.choices.map(\.letter).joined(separator: ", ") + "."
        }
        let right = letter == question.answer
        run.answers.append(LessonRun.Answer(step: run.stepIndex, choice: letter, right: right))
        guard right else { return "\(letter) is not it. Try again (`lesson hint` may help)." }
        var resolver = resolver(view)
        var lines = ["Right: \(letter)."]
        if let explanation = question.explanation { lines.append(resolver.render(explanation)) }
        run.roles = resolver.roles
        return lines.joined(separator: "\n") + finishStep(view: view)
    }

    /// After each statement the learner runs: when the step's goal is met, what it showed (in
    /// the learner's numbers) and the next step, or its question; nil when there is nothing to say.
    public mutating func afterStatement(view: LessonSessionView) -> String? {
        guard !isFinished, run.phase == .working else { return nil }
        let step = lesson.steps[run.stepIndex].step
        var resolver = resolver(view)
        for check in step.checks where !resolver.test(check) { return nil }
        run.roles = resolver.roles
        if let question = step.question {
            run.phase = .asking
            return StepText.question(question, resolver: &resolver)
        }
        return finishStep(view: view).trimmingLeadingBreaks()
    }

    private mutating func finishStep(view: LessonSessionView) -> String {
        var resolver = resolver(view)
        let after = lesson.steps[run.stepIndex].step.after.map { resolver.render($0) }
        run.roles = resolver.roles
        return (after.map { "\n" + $0 } ?? "") + "\n\n" + advance(view: view)
    }

    private mutating func advance(view: LessonSessionView) -> String {
        run.stepIndex += 1
        run.phase = .working
        if run.stepIndex >= lesson.stepCount {
            run.stepIndex = lesson.stepCount - 1
            run.phase = .finished
            return StepText.finished(lesson)
        }
        run.phase = startPhase
        return current(view: view)
    }

    private func resolver(_ view: LessonSessionView) -> RoleResolver {
        RoleResolver(view: view, definitions: lesson.roleDefinitions, roles: run.roles)
    }
}

extension String {
    func trimmingLeadingBreaks() -> String { String(drop { $0 == "\n" }) }
}
