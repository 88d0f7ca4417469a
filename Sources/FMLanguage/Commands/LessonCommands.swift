/// `lesson`, `lesson NAME`, `lesson "FILE.lesson"`, `lesson hint|skip|back|stop`. The four
/// words are the lesson's controls, so no built-in lesson may be called by one of them.
public enum LessonAction: Equatable, Sendable {
    /// `lesson`: the current step again.
    case current
    /// `lesson nn-vs-cnn`: start or resume a built-in lesson.
    case start(Located<String>)
    /// `lesson "my.lesson"`: start or resume a teacher's file.
    case file(FilePath)
    case hint, skip, back, stop

    static let controls: [String: LessonAction] = ["hint": .hint, "skip": .skip, "back": .back, "stop": .stop]

    init(_ words: inout WordReader) throws {
        guard let w = words.peek() else { self = .current; return }
        if let path = w.string {
            _ = words.next()
            self = .file(Located(path, at: Span(w)))
        } else if let name = w.name {
            _ = words.next()
            self = LessonAction.controls[name] ?? .start(Located(name, at: Span(w)))
        } else {
            throw CommandError.expected(what: "a lesson's name, \"FILE.lesson\", hint, skip, back or stop", got: w.text, at: Span(w))
        }
    }

    var text: String {
        switch self {
        case .current: return "lesson"
        case let .start(name): return "lesson " + name.value
        case let .file(path): return "lesson " + CommandText.quote(path.value)
        case .hint: return "lesson hint"
        case .skip: return "lesson skip"
        case .back: return "lesson back"
        case .stop: return "lesson stop"
        }
    }
}
