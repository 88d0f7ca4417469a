/// A lesson read from a lesson file (docs/lessons.md): a header, parts, and steps. Built by
/// `LessonParser`; everything in it has been checked, so running it cannot meet a bad check
/// or placeholder.
public struct Lesson: Sendable {
    public var title: String
    public var minutes: Int
    public var description: String
    public var parts: [LessonPart]
    /// The check that first binds each role (`model with conv2d as cnn`): used to find the
    /// learner's model for a role when the step that binds it was skipped.
    var roleDefinitions: [String: LessonCheck]

    /// Every step in order, with the index of its part.
    public var steps: [(part: Int, step: LessonStep)] {
        parts.enumerated().flatMap { index, part in part.steps.map { (index, $0) } }
    }

    public var stepCount: Int { parts.reduce(0) { $0 + $1.steps.count } }
}

public struct LessonPart: Sendable {
    public var title: String
    public var steps: [LessonStep]
}

public struct LessonStep: Sendable {
    public var title: String
    var text: TextTemplate?
    var task: TextTemplate
    /// All must hold for the step's goal to be met; empty when the step is only a question.
    var checks: [LessonCheck]
    var hint: TextTemplate?
    var question: LessonQuestion?
    var after: TextTemplate?
}

struct LessonQuestion: Sendable {
    var text: TextTemplate
    /// In the order written; letters are A, B, C … as the teacher gave them.
    var choices: [(letter: String, text: TextTemplate)]
    var answer: String
    var explanation: TextTemplate?
}

/// Text with placeholders (`{cnn.params}`) filled in when it is shown.
struct TextTemplate: Sendable {
    enum Piece: Sendable {
        case literal(String)
        case value(Placeholder)
    }
    var pieces: [Piece]
}
