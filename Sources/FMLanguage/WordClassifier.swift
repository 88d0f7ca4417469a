/// Classifies one run of word characters (no blanks, quotes, brackets or `=`) as a name, a
/// number, a shape or a range. Pure functions on `Character` arrays, so the lexer stays about
/// positions and this file about spelling.
///
///     name   := [A-Za-z_] [A-Za-z0-9_\-:.]*
///     number := [+-]? (digits ("." digits)? | "." digits) ([eE] [+-]? digits)?
///     shape  := digits ("x" digits)+            every dimension ≥ 1
///     range  := integer ".." integer            integer := [+-]? digits; lower ≤ upper
enum WordClassifier {
    /// A mistake inside a run: the message, and the columns it covers relative to the run.
    struct Mistake: Error, Equatable {
        var message: String
        var offset: Int
        var length: Int
    }

    static func classify(_ run: [Character]) -> Result<Value, Mistake> {
        guard let first = run.first else {
            return .failure(Mistake(message: "expected a word", offset: 0, length: 1))
        }
        if isNameStart(first) {
            if let bad = run.firstIndex(where: { !isNameCharacter($0) }) {
                return .failure(unexpected(run[bad], at: bad))
            }
            return .success(.name(String(run)))
        }
        if looksNumeric(run) { return classifyNumeric(run) }
        if run.count > 2, run[0] == "-", run[1] == "-" {
            return .failure(Mistake(message: "unexpected `\(String(run))`; options are written key=value, without `--`",
                                    offset: 0, length: run.count))
        }
        return .failure(unexpected(first, at: 0))
    }

    static func unexpected(_ character: Character, at offset: Int) -> Mistake {
        Mistake(message: "unexpected character `\(character)`", offset: offset, length: 1)
    }

    static func isNameStart(_ c: Character) -> Bool {
        c == "_" || (c.isASCII && c.isLetter)
    }

    static func isNameCharacter(_ c: Character) -> Bool {
        isNameStart(c) || isDigit(c) || c == "-" || c == ":" || c == "."
    }

    static func isDigit(_ c: Character) -> Bool {
        c.isASCII && c.isNumber
    }

    /// Whether the run should be read as a number, shape or range: it starts with a digit, or
    /// with a sign or a point that a digit follows.
    static func looksNumeric(_ run: [Character]) -> Bool {
        guard let first = run.first else { return false }
        if isDigit(first) { return true }
        let second = run.count > 1 ? run[1] : " "
        let third = run.count > 2 ? run[2] : " "
        if first == "+" || first == "-" {
            return isDigit(second) || (second == "." && isDigit(third))
        }
        return first == "." && isDigit(second)
    }

    static func classifyNumeric(_ run: [Character]) -> Result<Value, Mistake> {
        let text = String(run)
        let whole = Mistake(message: "", offset: 0, length: run.count)
        if let dots = rangeSeparator(run) {
            guard let lower = integer(run[..<dots]), let upper = integer(run[(dots + 2)...]) else {
                var m = whole
                m.message = "malformed range `\(text)`; expected whole numbers such as 0..11 or -4..4"
                return .failure(m)
            }
            guard lower <= upper else {
                var m = whole
                m.message = "empty range `\(text)`; the first end must not be larger than the second"
                return .failure(m)
            }
            return .success(.range(lower, upper))
        }
        if run.contains("x") {
            let parts = run.split(separator: "x", omittingEmptySubsequences: false)
            let dimensions = parts.map { part -> Int? in
                guard !part.isEmpty, part.allSatisfy(isDigit), let n = Int(String(part)), n >= 1 else { return nil }
                return n
            }
            guard parts.count >= 2, dimensions.allSatisfy({ $0 != nil }) else {
                var m = whole
                m.message = "malformed shape `\(text)`; expected positive whole numbers such as 28x28 or 3x3"
                return .failure(m)
            }
            return .success(.shape(dimensions.compactMap { $0 }))
        }
        guard isNumberSpelling(run), let number = Double(text), number.isFinite else {
            var m = whole
            m.message = "bad number `\(text)`"
            return .failure(m)
        }
        return .success(.number(number))
    }

    /// The index of the first `..` in the run, if any.
    static func rangeSeparator(_ run: [Character]) -> Int? {
        var i = 0
        while i + 1 < run.count {
            if run[i] == ".", run[i + 1] == "." { return i }
            i += 1
        }
        return nil
    }

    /// `[+-]? digits` as an `Int`, or nil (also on overflow).
    static func integer(_ run: ArraySlice<Character>) -> Int? {
        var digits = run
        if let sign = digits.first, sign == "+" || sign == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return nil }
        return Int(String(run))
    }

    /// Whether the run follows `[+-]? (digits ("." digits)? | "." digits) ([eE] [+-]? digits)?`.
    static func isNumberSpelling(_ run: [Character]) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < run.count, isDigit(run[i]) { i += 1 }
            return i - start
        }
        if i < run.count, run[i] == "+" || run[i] == "-" { i += 1 }
        let integral = digits()
        if i < run.count, run[i] == "." {
            i += 1
            guard digits() > 0 else { return false }
        } else if integral == 0 {
            return false
        }
        if i < run.count, run[i] == "e" || run[i] == "E" {
            i += 1
            if i < run.count, run[i] == "+" || run[i] == "-" { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == run.count
    }
}
