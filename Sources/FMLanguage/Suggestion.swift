/// The candidate nearest to `word`, when it is close enough to be what was meant.
///
/// Distance is the optimal-string-alignment form of Damerau–Levenshtein (insertions,
/// deletions, substitutions and swaps of two neighbours each cost 1), compared without regard
/// to case and with `-` and `_` alike. "Close enough" is at most one edit for words of up to
/// four characters, two up to eight, three beyond. Ties go to the earlier candidate.
public func suggestion(for word: String, among candidates: [String]) -> String? {
    let typed = comparable(word)
    guard !typed.isEmpty else { return nil }
    let allowed = typed.count <= 4 ? 1 : (typed.count <= 8 ? 2 : 3)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(typed, comparable(candidate))
        if distance <= allowed, distance < (best?.distance ?? Int.max) {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}

private func comparable(_ word: String) -> [Character] {
    word.lowercased().map { $0 == "-" ? "_" : $0 }
}

/// Optimal string alignment distance between `a` and `b`, in O(|a|·|b|) time and three rows.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d = min(d, before[j - 2] + 1)
            }
            current[j] = d
        }
        (before, previous, current) = (previous, current, before)
    }
    return previous[b.count]
}
