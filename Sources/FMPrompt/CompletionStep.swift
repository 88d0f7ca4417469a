/// What one Tab press does to the line: pure logic, separate from libedit so it can be tested.
///
/// A completer returns whole words (`epochs=`, `test_tl`, `data/shoe.png`) for the word being
/// typed, without saying where that word starts. The part already typed is found as the longest
/// suffix `s` of the text before the cursor that is also a prefix of the candidates' common
/// prefix `p`; the insertion is then `p` without `s`. So `train nn ep` with `[epochs=]` inserts
/// `ochs=`, and `load image "my fi` with `[my file.png]` inserts `le.png`.
enum CompletionStep {
    /// What to do with the line.
    enum Action: Equatable {
        /// Insert this text at the cursor (never empty).
        case insert(String)
        /// Nothing to insert: the candidates diverge right at the cursor (list them on a second Tab).
        case ambiguous
        /// No candidate continues the typed word.
        case none
    }

    /// The action for one Tab press.
    static func action(textBeforeCursor text: String, candidates: [String]) -> Action {
        guard !candidates.isEmpty else { return .none }
        let prefix = commonPrefix(candidates)
        let typed = Array(text)
        let wanted = Array(prefix)
        let matched = typedLength(typed: typed, prefix: wanted)
        if matched == 0, let last = typed.last, isWordCharacter(last),
           let next = wanted.first, isWordCharacter(next) {
            // The text ends inside a word that no candidate continues: inserting would glue
            // unrelated text to it.
            return .none
        }
        if matched < wanted.count {
            return .insert(String(wanted[matched...]))
        }
        return candidates.count > 1 ? .ambiguous : .none
    }

    /// The longest k with the last k characters of `typed` equal to the first k of `prefix`.
    static func typedLength(typed: [Character], prefix: [Character]) -> Int {
        var k = min(typed.count, prefix.count)
        while k > 0 {
            if typed[(typed.count - k)...].elementsEqual(prefix[..<k]) { return k }
            k -= 1
        }
        return 0
    }

    /// The longest string every candidate starts with.
    static func commonPrefix(_ candidates: [String]) -> String {
        guard var prefix = candidates.first.map(Array.init) else { return "" }
        for candidate in candidates.dropFirst() {
            let other = Array(candidate)
            var n = 0
            while n < prefix.count, n < other.count, prefix[n] == other[n] { n += 1 }
            prefix.removeSubrange(n...)
            if prefix.isEmpty { break }
        }
        return String(prefix)
    }

    static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "-" || c == "." || c == "~"
    }

    /// The name shown in a listing: a path shows only its last component (folders keep their `/`).
    static func displayName(_ candidate: String) -> String {
        var body = Substring(candidate)
        let isFolder = body.hasSuffix("/") && body.count > 1
        if isFolder { body = body.dropLast() }
        guard let slash = body.lastIndex(of: "/") else { return candidate }
        let name = body[body.index(after: slash)...]
        return name.isEmpty ? candidate : String(name) + (isFolder ? "/" : "")
    }

    /// Longer lists are not printed (a folder of 60,000 images would flood the screen).
    static let listingLimit = 500

    /// The candidates in columns that fit `width`, ordered down the columns (as `ls` does);
    /// lines joined by "\n", no trailing spaces, no final newline.
    static func listing(_ candidates: [String], width: Int) -> String {
        guard candidates.count <= listingLimit else {
            return "(\(candidates.count) candidates: type a few more letters)"
        }
        let names = candidates.map(displayName)
        guard !names.isEmpty else { return "" }
        let cell = (names.map(\.count).max() ?? 0) + 2
        let columns = max(1, min(names.count, (max(width, 1) + 2) / cell))
        let rows = (names.count + columns - 1) / columns
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < names.count else { break }
                let name = names[index]
                line += name
                if column < columns - 1 { line += String(repeating: " ", count: cell - name.count) }
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
