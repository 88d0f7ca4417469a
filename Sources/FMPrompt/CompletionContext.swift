/// Where the cursor is in the statement being typed: the words before it and the word under it.
///
/// Only the current statement counts: the text after the last `;` or unescaped line break
/// outside a string (a `\` before a line break joins the lines). Strings (`"…"`) are one word,
/// quotes included. After a `#` outside a string the cursor is in a comment.
struct CompletionContext: Equatable {
    /// Complete words of the current statement before the cursor's word.
    var words: [String]
    /// The word being typed (possibly empty); inside a string, the string's text after the quote.
    var current: String
    /// The cursor is inside a string that is not yet closed.
    var inString: Bool

    /// nil when the cursor is inside a comment.
    init?(_ text: String) {
        var words: [String] = []
        var current = ""
        var inString = false
        var previous: Character = " "
        for character in text {
            defer { previous = character }
            if inString {
                current.append(character)
                if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"":
                inString = true
                current.append(character)
            case "#":
                return nil
            case ";":
                words = []
                current = ""
            case "\n" where previous == "\\":
                // A continued line: the `\` is not part of a word.
                if current.last == "\\" { current.removeLast() }
                if !current.isEmpty { words.append(current) }
                current = ""
            case "\n", "\r":
                words = []
                current = ""
            case _ where character.isWhitespace:
                if !current.isEmpty { words.append(current) }
                current = ""
            default:
                current.append(character)
            }
        }
        if inString, let quote = current.firstIndex(of: "\"") {
            current = String(current[current.index(after: quote)...])
        }
        self.words = words
        self.current = current
        self.inString = inString
    }
}
