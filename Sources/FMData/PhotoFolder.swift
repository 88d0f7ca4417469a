@preconcurrency import FMTensor
import Foundation

/// A folder of photos in the layout of Keras's `image_dataset_from_directory`:
/// `DIR/CLASS/*.{png,jpg,jpeg}`, where CLASS names a Fashion-MNIST class (see `ClassFolder`).
public struct PhotoFolder: Sendable {
    /// The prepared images with their labels, in the order of `files`; source is the folder.
    public var dataset: Dataset
    /// The image files, `DIR/CLASS/NAME`, sorted by label, then by name.
    public var files: [String]

    /// The file extensions read, compared without regard to case; other files are skipped, as are
    /// hidden ones (a leading "."), and files directly in `DIR`.
    public static let extensions: Set<String> = ["png", "jpg", "jpeg"]

    /// Loads every image below `path`; one file that cannot be read or decoded fails the whole
    /// folder with `badImage` naming it. Errors: `fileNotFound`, `notAFolder`, `unknownClassFolder`
    /// (with the nearest class name), `noImages`.
    public static func load(path: String, invert: Bool?) throws -> PhotoFolder {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isFolder) else { throw DataError.fileNotFound(path: path) }
        guard isFolder.boolValue else { throw DataError.notAFolder(path: path) }
        let root = path.hasSuffix("/") ? String(path.dropLast()) : path

        var found: [(label: Int, name: String, path: String)] = []
        for folder in try entries(of: root) {
            let folderPath = root + "/" + folder
            var isSubfolder: ObjCBool = false
            guard manager.fileExists(atPath: folderPath, isDirectory: &isSubfolder), isSubfolder.boolValue else { continue }
            guard let label = ClassFolder.label(of: folder) else {
                throw DataError.unknownClassFolder(path: folderPath, suggestion: ClassFolder.suggestion(for: folder))
            }
            for file in try entries(of: folderPath) where isImageName(file) {
                found.append((label, file, folderPath + "/" + file))
            }
        }
        guard !found.isEmpty else { throw DataError.noImages(path: path) }
        found.sort { ($0.label, $0.name) < ($1.label, $1.name) }

        let side = ImageOps.fashionSide
        var pixels: [Float] = []
        pixels.reserveCapacity(found.count * side * side)
        for entry in found {
            pixels += Photos.prepared(try Photos.picture(path: entry.path), invert: invert)
        }
        let tensor = try Tensor(shape: [found.count, side, side], scalars: pixels)
        let dataset = Dataset(images: .floats(tensor), labels: found.map { Int32($0.label) }, source: path)
        return PhotoFolder(dataset: dataset, files: found.map(\.path))
    }

    /// The names in `folder` without hidden ones, sorted.
    static func entries(of folder: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw DataError.ioFailed(path: folder, reason: "cannot list the folder")
        }
    }

    static func isImageName(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return extensions.contains(name[name.index(after: dot)...].lowercased())
    }
}
