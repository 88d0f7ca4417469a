import FMLanguage

/// The lessons fm carries. They are Swift string literals compiled into the binary, not
/// resource files: an installed `fm` is one executable, and `Bundle.module` looks for its
/// resource bundle beside the build folder, so a copied or installed binary would lose them.
/// They are read by the same `LessonParser` as a teacher's file, and the tests read each one.
public enum LessonLibrary {
    public struct Entry: Sendable {
        public var name: String
        public var text: String
    }

    public static let builtIn: [Entry] = [
        Entry(name: "first-steps", text: firstStepsLesson),
        Entry(name: "nn-vs-cnn", text: nnVsCNNLesson),
    ]

    /// The file name its diagnostics carry: `<lesson nn-vs-cnn>`.
    static func displayName(_ name: String) -> String { "<lesson \(name)>" }

    /// A built-in lesson by name; nil when there is none.
    public static func lesson(named name: String) throws -> Lesson? {
        guard let entry = builtIn.first(where: { $0.name == name }) else { return nil }
        return try LessonParser.parse(SourceFile(name: displayName(name), text: entry.text))
    }

    /// The lesson a stored run came from: a built-in, or the file's text (which the shell
    /// reads, since this module does no I/O). Nil when the built-in does not exist.
    public static func lesson(for source: LessonSource, fileText: String? = nil) throws -> Lesson? {
        switch source {
        case let .builtIn(name): return try lesson(named: name)
        case let .file(path): return try fileText.map { try LessonParser.parse(SourceFile(name: path, text: $0)) }
        }
    }

    /// What `lessons` prints: one line per lesson with its title, parts and minutes.
    public static func listing() -> String {
        var rows: [[String]] = [["lesson", "title", "parts", "minutes"]]
        for entry in builtIn {
            guard let lesson = try? lesson(named: entry.name) else { continue }
            rows.append([entry.name, lesson.title, String(lesson.parts.count), String(lesson.minutes)])
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        let lines = rows.map { row in
            row.enumerated().map { index, cell in
                index == 3 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        return (lines + ["", "`lesson NAME` starts one; `lesson \"FILE.lesson\"` runs a teacher's file."])
            .joined(separator: "\n")
    }
}
