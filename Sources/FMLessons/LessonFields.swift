import FMLanguage

/// One `key: value` of a lesson file, with the indented lines that continue it.
struct RawField {
    var key: String
    var keyLocation: SourceLocation
    var keyLength: Int
    /// The value's lines, each with where its text starts; blank lines inside are "".
    var lines: [(text: String, location: SourceLocation)]
}

/// Cuts a lesson file into fields: `#` at the start of a line is a comment, a line that starts
/// with a blank continues the field before it, and any other line is `key: value`.
enum LessonFields {
    static func read(_ source: SourceFile, errors: inout [LocatedError]) -> [RawField] {
        let lineCount = source.text.filter { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count + 1
        var fields: [RawField] = []
        var pendingBlanks = 0
        var baseIndent = 0
        for number in 1...lineCount {
            let line = source.lineText(number)
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if line.first == "#" { continue }
            if trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !(fields.last?.lines.isEmpty ?? true) { pendingBlanks += 1 }
                continue
            }
            let indent = line.count - trimmed.count
            if indent > 0 {
                guard var field = fields.popLast() else {
                    errors.append(LocatedError(error: .continuationWithoutField,
                                               location: SourceLocation(line: number, column: indent + 1), length: trimmed.count))
                    continue
                }
                if !field.lines.contains(where: { $0.location.line > field.keyLocation.line }) { baseIndent = indent }
                let kept = min(indent, baseIndent)
                if !field.lines.isEmpty {
                    for _ in 0..<pendingBlanks {
                        field.lines.append(("", SourceLocation(line: number, column: 1)))
                    }
                }
                let text = String(line.dropFirst(kept)).trimmingTrailingBlanks()
                field.lines.append((text, SourceLocation(line: number, column: kept + 1)))
                fields.append(field)
                pendingBlanks = 0
                continue
            }
            pendingBlanks = 0
            guard let colon = line.firstIndex(of: ":"),
                  case let key = line[..<colon].trimmingTrailingBlanks(), !key.isEmpty,
                  key.allSatisfy({ $0.isLetter || $0 == " " }) else {
                errors.append(LocatedError(error: .notAField, location: SourceLocation(line: number, column: 1),
                                           length: line.count))
                continue
            }
            let afterColon = line[line.index(after: colon)...]
            let value = afterColon.drop { $0 == " " || $0 == "\t" }
            let column = line.distance(from: line.startIndex, to: colon) + 2 + (afterColon.count - value.count)
            let text = String(value).trimmingTrailingBlanks()
            fields.append(RawField(
                key: key.lowercased(), keyLocation: SourceLocation(line: number, column: 1), keyLength: key.count,
                lines: text.isEmpty ? [] : [(text, SourceLocation(line: number, column: column))]))
        }
        return fields
    }
}

extension StringProtocol {
    func trimmingTrailingBlanks() -> String {
        var text = String(self)
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
