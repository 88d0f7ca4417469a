/// Where a lesson comes from, so a stored run can find its lesson again.
public enum LessonSource: Codable, Equatable, Sendable {
    /// One of `LessonLibrary.builtIn`, by name (`nn-vs-cnn`).
    case builtIn(String)
    /// A teacher's file, by the path the learner gave.
    case file(String)

    /// The short name shown at the prompt: the built-in's name, or the file's name without
    /// folder and extension.
    public var name: String {
        switch self {
        case let .builtIn(name): return name
        case let .file(path):
            let file = path.split(separator: "/").last.map(String.init) ?? path
            return file.hasSuffix(".lesson") ? String(file.dropLast(".lesson".count)) : file
        }
    }
}

/// The learner's progress through one lesson: all the shell stores in the session (as JSON,
/// say) so that a killed process resumes where it was.
public struct LessonRun: Codable, Equatable, Sendable {
    public enum Phase: String, Codable, Sendable {
        /// Waiting for the step's checks to hold.
        case working
        /// The checks hold; waiting for `answer X`.
        case asking
        /// Past the last step.
        case finished
    }

    public struct Answer: Codable, Equatable, Sendable {
        public var step: Int
        public var choice: String
        public var right: Bool
    }

    public var source: LessonSource
    /// 0-based index into `Lesson.steps`.
    public var stepIndex: Int
    public var phase: Phase
    /// Every answer given, in order.
    public var answers: [Answer]
    /// Role (as the lesson names it, `cnn`) → the learner's model or dataset (`mycnn`).
    public var roles: [String: String]
    /// Steps passed with `lesson skip`.
    public var skipped: [Int]

    public init(source: LessonSource) {
        self.source = source
        stepIndex = 0
        phase = .working
        answers = []
        roles = [:]
        skipped = []
    }
}
