/// Everything that can go wrong reading or writing a dataset. Each case names the file
/// involved, so the interpreter can print it after the statement's location.
public enum DataError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No file or folder at `path`.
    case fileNotFound(path: String)
    /// `path` is a folder where a file was expected.
    case isDirectory(path: String)
    /// The operating system refused to read or write `path`.
    case ioFailed(path: String, reason: String)
    /// A `.gz` stream that zlib rejects (bad header, bad block, bad checksum).
    case corruptGzip(path: String, detail: String)
    /// A file named as a Fashion-MNIST file whose decompressed content is not that file's.
    case notFashionMNIST(path: String, expected: ContentChecksum, found: ContentChecksum)
    /// A `.gz` stream that stops before its end marker.
    case truncatedGzip(path: String)
    /// The first bytes are not an IDX magic number of the expected kind.
    case badMagic(path: String, found: UInt32, expected: String)
    /// An IDX or NPY element type fm does not read (`type` is the code or dtype text).
    case unsupportedElementType(path: String, type: String, supported: String)
    /// The array has the wrong number of dimensions (images need N×H×W, labels N).
    case wrongDimensions(path: String, expected: String, found: [Int])
    /// The header promises `expectedBytes` bytes but the file holds only `actualBytes`.
    case truncatedData(path: String, expectedBytes: Int, actualBytes: Int)
    /// Image and label files disagree on the number of examples.
    case countMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    /// A label outside `0..<classCount`.
    case labelOutOfRange(path: String, index: Int, label: Int, classCount: Int)
    /// The Fashion-MNIST files are not in `directory`.
    case datasetMissing(directory: String, missing: [String])
    /// A subset range outside `0..<count`.
    case indexOutOfRange(lower: Int, upper: Int, count: Int)
    /// A `.npy` file fm cannot read: bad header, Fortran order, big-endian data, ...
    case npyUnsupported(path: String, reason: String)
    /// A translation with parameters that make no image (scale ≤ 0, negative shift range, ...).
    case invalidTranslation(String)
    /// A picture file that cannot be decoded (not PNG or JPEG, truncated, unsupported …).
    case badImage(path: String, reason: String)
    /// `path` is a file where a folder was expected.
    case notAFolder(path: String)
    /// A class folder in a photo folder whose name is no Fashion-MNIST class.
    case unknownClassFolder(path: String, suggestion: String?)
    /// A photo folder without any .png/.jpg/.jpeg file in its class folders.
    case noImages(path: String)
    /// Data that cannot be written in the requested format (e.g. not N×H×W).
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .fileNotFound(path):
            return "\(path): no such file"
        case let .isDirectory(path):
            return "\(path): is a folder, not a file"
        case let .ioFailed(path, reason):
            return "\(path): \(reason)"
        case let .corruptGzip(path, detail):
            return "\(path): corrupt gzip data (\(detail))"
        case let .truncatedGzip(path):
            return "\(path): truncated gzip data (the stream ends before its end marker)"
        case let .badMagic(path, found, expected):
            return "\(path): wrong magic number \(hex(found)), expected \(expected)"
        case let .unsupportedElementType(path, type, supported):
            return "\(path): unsupported element type \(type) (supported: \(supported))"
        case let .wrongDimensions(path, expected, found):
            let shape = found.map(String.init).joined(separator: "x")
            let plural = found.count == 1 ? "" : "s"
            return "\(path): expected \(expected), found \(found.count) dimension\(plural) (\(shape))"
        case let .truncatedData(path, expectedBytes, actualBytes):
            return "\(path): truncated data: the header promises \(expectedBytes) bytes, the file holds \(actualBytes)"
        case let .countMismatch(images, imageCount, labels, labelCount):
            return "image and label counts disagree: \(images) has \(imageCount) images, "
                + "\(labels) has \(labelCount) labels"
        case let .labelOutOfRange(path, index, label, classCount):
            return "\(path): label \(label) at index \(index) is outside 0...\(classCount - 1) (\(classCount) classes)"
        case let .datasetMissing(directory, missing):
            return "Fashion-MNIST not found in \(directory) (missing \(missing.joined(separator: ", "))); "
                + "install it with `apt-get install dataset-fashion-mnist`, or set FM_DATA to the folder that holds it"
        case let .indexOutOfRange(lower, upper, count):
            return count == 0
                ? "index range \(lower)..\(upper) is outside the dataset (it is empty)"
                : "index range \(lower)..\(upper) is outside the dataset (valid: 0..\(count - 1), \(count) images)"
        case let .npyUnsupported(path, reason):
            return "\(path): unsupported .npy file: \(reason)"
        case let .invalidTranslation(reason):
            return "invalid translation: \(reason)"
        case let .badImage(path, reason):
            return "\(path): \(reason)"
        case let .notFashionMNIST(path, expected, found):
            return "\(path) is not the Fashion-MNIST file of that name: its content is \(found), expected \(expected); "
                + "reinstall it (`apt-get install --reinstall dataset-fashion-mnist`), or read other IDX files with `load idx`"
        case let .notAFolder(path):
            return "\(path): is a file, not a folder"
        case let .unknownClassFolder(path, suggestion):
            let hint = suggestion.map { "; did you mean `\($0)`?" } ?? ""
            return "\(path): the folder name is not a Fashion-MNIST class\(hint) (class folders: "
                + ClassFolder.folderNames.joined(separator: ", ") + ")"
        case let .noImages(path):
            return "\(path): no .png, .jpg or .jpeg files in its class folders (expected \(path)/CLASS/IMAGE, e.g. \(path)/Ankle_boot/boot.jpg)"
        case let .cannotWrite(path, reason):
            return "\(path): cannot write: \(reason)"
        }
    }
}

/// `0x00000803`-style text for a magic number.
func hex(_ v: UInt32) -> String {
    let digits = String(v, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
