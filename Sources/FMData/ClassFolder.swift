/// Folder names for the Fashion-MNIST classes in a photo folder.
///
/// A folder names class `FashionMNIST.classNames[i]` when both are equal after lower-casing and
/// dropping spaces, `/`, `_` and `-`: so "T-shirt/top" may be spelled `T-shirt_top`, `tshirt-top`
/// or `T_shirt_top`, and "Ankle boot" `Ankle_boot`, `ankle-boot` or `ankleboot`. (A folder name
/// cannot hold `/`, and the ten classes stay distinct without separators.)
public enum ClassFolder {
    /// The spelling suggested in messages: the class name with `_` for spaces and slashes.
    public static let folderNames = FashionMNIST.classNames.map { name in
        String(name.map { $0 == " " || $0 == "/" ? "_" : $0 })
    }

    /// The class index a folder name stands for, nil for none.
    public static func label(of folder: String) -> Int? {
        let key = normalized(folder)
        return FashionMNIST.classNames.firstIndex { normalized($0) == key }
    }

    /// The folder name closest to `folder` (edit distance after normalising, at most half its
    /// length), nil when none is close.
    public static func suggestion(for folder: String) -> String? {
        let key = Array(normalized(folder))
        let scored = folderNames.map { ($0, editDistance(key, Array(normalized($0)))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, key.count / 2) else { return nil }
        return best.0
    }

    static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { !" /_-".contains($0) })
    }

    /// Levenshtein distance (insertions, deletions, substitutions of one character).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + [Int](repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
