import Foundation
import FMTensor
import FMGraphics

/// How a dataset was made, so a reopened session can make it again instead of storing pixels.
/// Stored as JSON; the cases and their fields are part of the store's format.
public enum DatasetRecipe: Codable, Equatable, Sendable {
    case fashionMNIST(part: String, directory: String, limit: Int?)
    case idx(images: String, labels: String, limit: Int?)
    case npy(images: String, labels: String?, limit: Int?)
    case image(path: String, invert: String)
    case images(folder: String, invert: String)
    case translation(base: String, lower: Int?, upper: Int?, transform: Translation, seed: UInt64, limit: Int?)
    case subset(base: String, lower: Int, upper: Int)

    /// The dataset this one is derived from, if any.
    public var base: String? {
        switch self {
        case let .translation(base, _, _, _, _, _), let .subset(base, _, _): return base
        default: return nil
        }
    }

    /// Makes the dataset: reads its files, or derives it from `base(name)`. `fashion(directory)`
    /// gives the two Fashion-MNIST sets of a folder, so train and test are read once together.
    public func make(base: (String) throws -> Dataset,
                     fashion: (String) throws -> (train: Dataset, test: Dataset)) throws -> Dataset {
        switch self {
        case let .fashionMNIST(part, directory, limit):
            let pair = try fashion(directory)
            var d = part == "train" ? pair.train : pair.test
            let paths = FashionMNIST.imagePaths(in: directory)
            d.source = part == "train" ? paths.train : paths.test
            return d.limited(to: limit)
        case let .idx(images, labels, limit): return try IDX.loadPair(images: images, labels: labels).limited(to: limit)
        case let .npy(images, labels, limit): return try Dataset.npy(images: images, labels: labels).limited(to: limit)
        case let .image(path, invert): return try Photos.loadImage(path: path, invert: invert == "auto" ? nil : invert == "yes")
        case let .images(folder, invert): return try PhotoFolder.load(path: folder, invert: invert == "auto" ? nil : invert == "yes").dataset
        case let .translation(name, lower, upper, transform, seed, limit):
            var d = try base(name)
            if let lower, let upper { d = try d.subset(lower...upper) }
            d = d.limited(to: limit)
            var t = d.translated(transform, seed: seed)
            t.source = DatasetRecipe.translationSource(name, lower: lower, upper: upper, limit: limit, transform)
            return t
        case let .subset(name, lower, upper):
            return try base(name).subset(lower...upper)
        }
    }

    /// `test[0..499] limit=100 dx=0 dy=0`: where a translated set came from, as `datasets` shows it.
    public static func translationSource(_ base: String, lower: Int?, upper: Int?, limit: Int?, _ t: Translation) -> String {
        "\(base)\(lower.map { "[\($0)..\(upper ?? $0)]" } ?? "")\(limit.map { " limit=\($0)" } ?? "") \(t)"
    }
}

extension Dataset {
    /// The first `n` images, when `n` is given and smaller than the set.
    public func limited(to n: Int?) -> Dataset {
        if let n, n > 0, n < count { return prefix(n) }
        return self
    }

    /// A `.npy` image array and, optionally, its `.npy` labels (-1 for each image without).
    public static func npy(images: String, labels: String?) throws -> Dataset {
        let x = try NPY.readImages(images)
        let n = x.shape.first ?? 0
        var y = [Int32](repeating: -1, count: n)
        if let labels {
            y = try NPY.readLabels(labels)
            guard y.count == n else { throw DataError.countMismatch(images: images, imageCount: n, labels: labels, labelCount: y.count) }
        }
        return Dataset(images: x, labels: y, source: images)
    }
}

extension FashionMNIST {
    /// The image files, which name the sets (their label files sit beside them).
    public static func imagePaths(in directory: String) -> (train: String, test: String) {
        func path(_ stem: String) -> String {
            let p = (directory as NSString).appendingPathComponent(stem)
            return FileManager.default.fileExists(atPath: p + ".gz") || !FileManager.default.fileExists(atPath: p) ? p + ".gz" : p
        }
        return (path("train-images-idx3-ubyte"), path("t10k-images-idx3-ubyte"))
    }
}
