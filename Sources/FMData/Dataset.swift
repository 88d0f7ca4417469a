@preconcurrency import FMTensor

/// A set of labelled grey images: `images` is `[N, H, W]` with pixels in [0, 1] (row-major,
/// image `i` at offset `i·H·W`), `labels[i]` indexes `classNames`. Images loaded from 8-bit
/// files stay bytes (`Examples.bytes`, a quarter of the memory); slices of them too. What is
/// computed from them (translations, `load image`) is float32 (`Examples.floats`).
public struct Dataset: Sendable {
    public var images: Examples
    public var labels: [Int32]
    public var classNames: [String]
    /// Where it came from: file paths, or a description of the transform that made it.
    public var source: String

    /// Takes the parts as given; loaders use `checked(...)`, which validates them first.
    public init(images: Examples, labels: [Int32], classNames: [String] = FashionMNIST.classNames, source: String) {
        self.images = images
        self.labels = labels
        self.classNames = classNames
        self.source = source
    }

    /// A dataset from loaded parts, after checking what a file can get wrong: images are
    /// N×H×W, there is one label per image, and every label indexes `classNames`.
    /// The paths only name the files in errors.
    public static func checked(images: Examples, imagesPath: String, labels: [Int32], labelsPath: String,
                               classNames: [String] = FashionMNIST.classNames, source: String) throws -> Dataset {
        guard images.shape.count == 3 else {
            throw DataError.wrongDimensions(path: imagesPath, expected: "3 dimensions (images N×H×W)", found: images.shape)
        }
        guard images.shape[0] == labels.count else {
            throw DataError.countMismatch(images: imagesPath, imageCount: images.shape[0],
                                          labels: labelsPath, labelCount: labels.count)
        }
        let classCount = Int32(classNames.count)
        for (i, label) in labels.enumerated() where label < 0 || label >= classCount {
            throw DataError.labelOutOfRange(path: labelsPath, index: i, label: Int(label), classCount: classNames.count)
        }
        return Dataset(images: images, labels: labels, classNames: classNames, source: source)
    }

    public var count: Int { images.shape.first ?? 0 }
    public var height: Int { images.shape.count > 1 ? images.shape[1] : 0 }
    public var width: Int { images.shape.count > 2 ? images.shape[2] : 0 }
    /// Pixels per image, H·W.
    public var pixelsPerImage: Int { height * width }

    /// The `H·W` pixels of image `index`, row-major. The caller checks `0 <= index < count`;
    /// an index outside gives an empty array rather than a trap.
    public func image(at index: Int) -> [Float] {
        guard index >= 0, index < count, images.exampleSize == pixelsPerImage else { return [] }
        return images.examples(index..<(index + 1)).scalars
    }

    /// Images `range.lowerBound...range.upperBound` (both ends included) with their labels.
    public func subset(_ indices: ClosedRange<Int>) throws -> Dataset {
        guard indices.lowerBound >= 0, indices.upperBound < count else {
            throw DataError.indexOutOfRange(lower: indices.lowerBound, upper: indices.upperBound, count: count)
        }
        return slice(from: indices.lowerBound, count: indices.count,
                     source: "\(source) [\(indices.lowerBound)..\(indices.upperBound)]")
    }

    /// The first `n` images (all of them when `n >= count`, none when `n <= 0`).
    public func prefix(_ n: Int) -> Dataset {
        let k = max(0, min(n, count))
        if k == count { return self }
        return slice(from: 0, count: k, source: "\(source) [first \(k)]")
    }

    /// Images `start..<start+k`, of the same kind (a slice of bytes is bytes).
    private func slice(from start: Int, count k: Int, source: String) -> Dataset {
        Dataset(images: images.examples(start..<(start + k)), labels: Array(labels[start..<(start + k)]),
                classNames: classNames, source: source)
    }
}
