import Foundation
import FMLanguage
import FMLessons

/// The lesson the current session is taking. Its progress (`LessonRun`) lives in the session
/// store under `lessonKey`, written with the statement that changed it, so a killed fm
/// resumes the lesson where it was; this only caches it for the session state it was read for.
struct LessonShellState {
    var guide: LessonGuide?
    /// The session the guide was read for; `session X` makes a new state, which reads its own.
    weak var session: SessionState?
    /// Names of statements this process ran that the transcript does not keep (help, history, …).
    var unrecorded: [String] = []

    /// The running lesson's progress.
    static let lessonKey = "lesson"
    /// A lesson left for another one, by source: `lesson:nn-vs-cnn`, `lesson:file:/path/my.lesson`.
    static func shelfKey(_ source: LessonSource) -> String {
        switch source {
        case let .builtIn(name): return "lesson:" + name
        case let .file(path): return "lesson:file:" + path
        }
    }
}

extension Interpreter {
    /// What Tab offers after `lesson`, with the controls (hint, skip, …).
    static var builtInLessonNames: [String] { LessonLibrary.builtIn.map(\.name) }

    /// ` (nn-vs-cnn 3/21)` while a lesson runs, else nothing: the prompt is unchanged.
    var lessonPromptFragment: String {
        currentGuide()?.promptFragment.map { " (\($0))" } ?? ""
    }

    /// The running lesson of this session, read from the store the first time it is needed.
    func currentGuide() -> LessonGuide? {
        if lessons.session !== state {
            lessons = LessonShellState(guide: nil, session: state, unrecorded: [])
            if let run = storedRun(LessonShellState.lessonKey) {
                do {
                    lessons.guide = try guide(resuming: run)
                } catch {
                    let reason = (error as? ShellError)?.reason.message ?? RuntimeError.text(of: error)
                    output.error("warning: the lesson \(run.source.name) could not be read again: \(reason); `lesson stop` forgets it")
                }
            }
        }
        return lessons.guide
    }

    func listLessons() {
        for entry in LessonLibrary.builtIn {
            guard let lesson = try? LessonLibrary.lesson(named: entry.name) else { continue }
            output.result("lessons", [("lesson", .string(entry.name)), ("title", .string(lesson.title)),
                                      ("parts", .int(lesson.parts.count)), ("steps", .int(lesson.stepCount)),
                                      ("minutes", .int(lesson.minutes))])
        }
        output.text(LessonLibrary.listing())
    }

    func lesson(_ action: LessonAction) throws {
        switch action {
        case let .start(name):
            guard let lesson = try LessonLibrary.lesson(named: name.value) else {
                let hint = suggestion(for: name.value, among: LessonLibrary.builtIn.map(\.name))
                throw ShellError(.unknownLesson(name: name.value, suggestion: hint), at: name.span)
            }
            start(lesson, from: .builtIn(name.value))
        case let .file(path):
            start(try lessonFile(path), from: .file(absolutePath(path.value)))
        case .current:
            guard let guide = currentGuide() else { return listLessons() }
            show(guide.current(view: lessonView(last: nil)), guide: guide, event: "step")
        case .hint:
            let guide = try runningGuide("lesson hint")
            show(guide.hint(view: lessonView(last: nil)), guide: guide, event: "hint")
        case .skip:
            var guide = try runningGuide("lesson skip")
            let text = guide.skip(view: lessonView(last: nil))
            keep(guide)
            show(text, guide: guide, event: "skip")
        case .back:
            var guide = try runningGuide("lesson back")
            let text = guide.back(view: lessonView(last: nil))
            keep(guide)
            show(text, guide: guide, event: "back")
        case .stop:
            guard currentGuide() != nil || storedRun(LessonShellState.lessonKey) == nil else {
                // A stored run whose lesson file is gone: forget it.
                persist { try $0.removeValue(forKey: LessonShellState.lessonKey) }
                output.result("lesson", [("event", .string("stop"))])
                return output.text("Forgot the lesson whose file could not be read.")
            }
            let guide = try runningGuide("lesson stop")
            lessons.guide = nil
            persist { try $0.removeValue(forKey: LessonShellState.lessonKey) }
            persist { try $0.removeValue(forKey: LessonShellState.shelfKey(guide.run.source)) }
            show(guide.stop(), guide: guide, event: "stop")
        }
    }

    func answer(_ choice: Located<String>) throws {
        var guide = try runningGuide("answer")
        guard !guide.isFinished else { throw ShellError(.lessonFinished(lesson: guide.run.source.name), at: keywordSpan) }
        guard guide.stepHasQuestion else {
            throw ShellError(.noQuestion(lesson: guide.run.source.name, step: guide.run.stepIndex + 1), at: keywordSpan)
        }
        let text = guide.answer(choice.value, view: lessonView(last: nil))
        keep(guide)
        show(text, guide: guide, event: "answer")
    }

    /// After every statement but the lesson's own: when the step's goal is met, what it showed
    /// and the next step. Nothing is ever refused; only a met goal moves the lesson on.
    func lessonAfterStatement(_ command: Command?, name: String, failed: Bool) {
        guard !["lesson", "lessons", "answer", "quit"].contains(name) else { return }
        guard var guide = currentGuide() else { return }
        if !failed, let command, !command.isReplayed { lessons.unrecorded.append(name) }
        // Only a step that waits for its goal looks at the session (reading the transcript).
        guard guide.run.phase == .working else { return }
        let before = guide.run
        guard let text = guide.afterStatement(view: lessonView(last: .init(name: name, failed: failed))) else { return }
        lessons.guide = guide
        if guide.run != before, let session = sessionStore {
            do {
                try session.setValue(try encoded(guide.run), forKey: LessonShellState.lessonKey)
            } catch {
                output.error("warning: the lesson's progress could not be stored: \(RuntimeError.text(of: error))")
            }
        }
        // A blank line sets the lesson's words apart from the statement's own output.
        show(text, guide: guide, event: "progress", separated: true)
    }

    // MARK: - Starting, storing, showing

    /// A new lesson, or the stored run of this one (`lesson NAME` again resumes). A lesson
    /// left for another is kept under its own key and found again.
    private func start(_ lesson: Lesson, from source: LessonSource) {
        let view = lessonView(last: nil)
        let running = currentGuide()
        if let running, running.run.source == source {
            return show(running.resumed(view: view), guide: running, event: "resume")
        }
        if let running {
            let left = running.run
            persist { try $0.setValue(try encoded(left), forKey: LessonShellState.shelfKey(left.source)) }
        }
        let guide: LessonGuide
        let text: String
        if let shelved = storedRun(LessonShellState.shelfKey(source)) {
            persist { try $0.removeValue(forKey: LessonShellState.shelfKey(source)) }
            guide = LessonGuide(lesson: lesson, resuming: shelved)
            text = guide.resumed(view: view)
        } else {
            guide = LessonGuide(lesson: lesson, source: source)
            text = guide.opening(view: view)
        }
        keep(guide)
        show(text, guide: guide, event: running == nil ? "start" : "switch")
    }

    /// A teacher's lesson file, read whole; every mistake in it is reported as
    /// `FILE:LINE:COL: error:` and the statement stops, so nothing of it runs.
    private func lessonFile(_ path: FilePath) throws -> Lesson {
        guard let data = FileManager.default.contents(atPath: path.value), let text = String(data: data, encoding: .utf8) else {
            throw ShellError(.cannotRead(path: path.value), at: path.span)
        }
        do {
            return try LessonParser.parse(SourceFile(name: path.value, text: text))
        } catch let e as LessonFileErrors {
            e.diagnostics.forEach(report)
            throw AlreadyReported()
        }
    }

    private func guide(resuming run: LessonRun) throws -> LessonGuide? {
        var fileText: String?
        if case let .file(path) = run.source {
            guard let data = FileManager.default.contents(atPath: path) else { throw ShellError(.cannotRead(path: path), at: keywordSpan) }
            fileText = String(decoding: data, as: UTF8.self)
        }
        return try LessonLibrary.lesson(for: run.source, fileText: fileText).map { LessonGuide(lesson: $0, resuming: run) }
    }

    private func runningGuide(_ statement: String) throws -> LessonGuide {
        guard let guide = currentGuide() else { throw ShellError(.noLesson(statement: statement), at: keywordSpan) }
        return guide
    }

    /// The guide's new progress, stored with this statement.
    private func keep(_ guide: LessonGuide) {
        lessons.guide = guide
        let run = guide.run
        persist { try $0.setValue(try encoded(run), forKey: LessonShellState.lessonKey) }
    }

    private func storedRun(_ key: String) -> LessonRun? {
        guard let text = try? sessionStore?.value(forKey: key) else { return nil }
        return try? JSONDecoder().decode(LessonRun.self, from: Data(text.utf8))
    }

    /// What a lesson statement prints: its text, or with `--json` one object with the step.
    private func show(_ text: String, guide: LessonGuide, event: String, separated: Bool = false) {
        output.result("lesson", [("event", .string(event)), ("lesson", .string(guide.run.source.name)),
                                 ("title", .string(guide.lesson.title)), ("step", .int(guide.run.stepIndex + 1)),
                                 ("steps", .int(guide.lesson.stepCount)), ("phase", .string(guide.run.phase.rawValue)),
                                 ("text", .string(text))])
        output.text(separated ? "\n" + text : text)
    }
}

private func encoded(_ run: LessonRun) throws -> String {
    String(decoding: try JSONEncoder().encode(run), as: UTF8.self)
}
