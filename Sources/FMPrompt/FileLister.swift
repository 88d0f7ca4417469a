import Foundation

/// File-name candidates for the text typed so far inside a string.
///
/// `typed` splits at its last `/` into a folder and a name prefix: `data/sh` lists `data` for
/// names starting with `sh` and gives `data/shoe.png`, `data/shirts/`. An empty folder is the
/// working directory, `/x` the root, `~/x` the home folder (the candidate keeps the `~`).
struct FileLister {
    /// The folder `~` stands for.
    var home: String = NSHomeDirectory()

    func candidates(for typed: String) -> [String] {
        let folderPart: String      // as typed, ending in "/" or empty
        let namePrefix: String
        if let slash = typed.lastIndex(of: "/") {
            folderPart = String(typed[...slash])
            namePrefix = String(typed[typed.index(after: slash)...])
        } else if typed == "~" {
            return [typed + "/"]
        } else {
            folderPart = ""
            namePrefix = typed
        }
        let folder = resolve(folderPart)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var result: [String] = []
        for name in names where name.hasPrefix(namePrefix) {
            if name.hasPrefix("."), !namePrefix.hasPrefix(".") { continue }
            var isFolder: ObjCBool = false
            let path = (folder as NSString).appendingPathComponent(name)
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            result.append(folderPart + name + (isFolder.boolValue ? "/" : ""))
        }
        return result.sorted()
    }

    /// The folder to list for a typed folder part.
    private func resolve(_ folderPart: String) -> String {
        if folderPart.isEmpty { return FileManager.default.currentDirectoryPath }
        if folderPart == "~/" { return home }
        if folderPart.hasPrefix("~/") { return home + "/" + folderPart.dropFirst(2) }
        return folderPart
    }
}
