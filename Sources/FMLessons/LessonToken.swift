import FMLanguage

/// A word of a check or placeholder, with where it is in the file.
struct LessonToken: Equatable {
    var text: String
    var location: SourceLocation

    /// The words of `text`, which starts at `location`: runs of non-blanks, with a comma
    /// always a word of its own (`dense 256, dense 10`).
    static func split(_ text: String, at location: SourceLocation) -> [LessonToken] {
        var tokens: [LessonToken] = []
        var current = ""
        var start = location.column
        var column = location.column
        func flush() {
            if !current.isEmpty {
                tokens.append(LessonToken(text: current, location: SourceLocation(line: location.line, column: start)))
            }
            current = ""
        }
        for character in text {
            if character == " " || character == "\t" {
                flush()
            } else if character == "," {
                flush()
                tokens.append(LessonToken(text: ",", location: SourceLocation(line: location.line, column: column)))
            } else {
                if current.isEmpty { start = column }
                current.append(character)
            }
            column += 1
        }
        flush()
        return tokens
    }
}

/// A role is a lower-case name: a letter, then letters, digits or `_`.
func isRoleName(_ word: String) -> Bool {
    guard let first = word.first, first.isASCII, first.isLowercase else { return false }
    return word.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }
        && word != "translated"
}
