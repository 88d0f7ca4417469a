import FMTensor

/// NumPy's `.npy` format, so data moves between fm and NumPy (`np.load`, `np.save`).
///
/// ```
/// "\x93NUMPY" major minor      6 + 2 bytes; version 1.0, 2.0 or 3.0
/// header length                UInt16 LE (v1) or UInt32 LE (v2, v3)
/// header                       a Python dict literal, e.g.
///                              {'descr': '<f4', 'fortran_order': False, 'shape': (10000, 28, 28), }
///                              padded with spaces and a final '\n' so the data starts 16/64-aligned
/// data                         the elements, C order
/// ```
/// Read: images `<f4` (as is) or `u1` (kept as bytes, read as b/255), shape N×H×W (or N×H×W×1); labels `u1`, `<i4`
/// or `<i8`, shape N (or N×1). Written: images `<f4` N×H×W, labels `|u1` N; version 1.0.
public enum NPY {
    /// The images of one `.npy` file, `[N, H, W]`: `u1` as bytes (read as `b / 255`), `<f4` as stored.
    public static func readImages(_ path: String) throws -> Examples {
        try readImages(NPYFile(path: path))
    }

    /// The images of a `.npy` file already in memory; `name` stands for the file in errors.
    public static func readImages(bytes: [UInt8], name: String) throws -> Examples {
        try readImages(NPYFile(bytes: bytes, path: name))
    }

    /// The labels of a `.npy` file already in memory.
    public static func readLabels(bytes: [UInt8], name: String) throws -> [Int32] {
        try readLabels(NPYFile(bytes: bytes, path: name, supported: labelTypes, supportedText: labelTypesText))
    }

    static let labelTypes: Set<String> = ["u1", "i4", "i8"]
    static let labelTypesText = "uint8, int32, int64 labels"

    private static func readImages(_ file: NPYFile) throws -> Examples {
        let path = file.path
        var shape = file.shape
        if shape.count == 4 && shape[3] == 1 { shape.removeLast() }
        guard shape.count == 3 else {
            throw DataError.wrongDimensions(path: path, expected: "3 dimensions (images N×H×W)", found: file.shape)
        }
        try file.checkSize()
        let count = Tensor.elementCount(shape)
        if file.dtype == "u1" {
            return .bytes(try ByteTensor(shape: shape, bytes: Array(file.bytes[file.dataOffset..<(file.dataOffset + count)])))
        }
        var tensor = Tensor(shape: shape)
        try file.withData { src in
            tensor.withUnsafeMutableBufferPointer { out in
                for i in 0..<count {
                    out[i] = Float(bitPattern: UInt32(littleEndian: src.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                }
            }
        }
        return .floats(tensor)
    }

    public static func readLabels(_ path: String) throws -> [Int32] {
        try readLabels(NPYFile(path: path, supported: labelTypes, supportedText: labelTypesText))
    }

    private static func readLabels(_ file: NPYFile) throws -> [Int32] {
        let path = file.path
        var shape = file.shape
        if shape.count == 2 && shape[1] == 1 { shape.removeLast() }
        guard shape.count == 1 else {
            throw DataError.wrongDimensions(path: path, expected: "1 dimension (labels N)", found: file.shape)
        }
        try file.checkSize()
        let count = shape[0], size = file.elementSize
        var labels = [Int32](repeating: 0, count: count)
        try file.withData { src in
            for i in 0..<count {
                switch size {
                case 1: labels[i] = Int32(src.load(fromByteOffset: i, as: UInt8.self))
                case 4: labels[i] = Int32(littleEndian: src.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self))
                default:
                    let v = Int64(littleEndian: src.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))
                    guard let narrow = Int32(exactly: v) else {
                        throw DataError.npyUnsupported(path: path, reason: "label \(v) at index \(i) does not fit in 32 bits")
                    }
                    labels[i] = narrow
                }
            }
        }
        return labels
    }

    /// Images and labels from two `.npy` files, checked like an IDX pair.
    public static func loadPair(images: String, labels: String,
                                classNames: [String] = FashionMNIST.classNames) throws -> Dataset {
        try Dataset.checked(images: readImages(images), imagesPath: images,
                            labels: readLabels(labels), labelsPath: labels,
                            classNames: classNames, source: "\(images), \(labels)")
    }

    /// Writes `images` (N×H×W) as `<f4` (bytes as their float values), completely or not at all.
    public static func writeImages(_ images: Examples, to path: String) throws {
        guard images.shape.count == 3 else {
            throw DataError.cannotWrite(path: path, reason: "images must be N×H×W, not \(Tensor.describe(images.shape))")
        }
        var bytes = header(descr: "<f4", shape: images.shape)
        let start = bytes.count, n = images.exampleCount, size = images.exampleSize
        bytes.append(contentsOf: repeatElement(0, count: n * size * 4))
        let scratch = FloatBuffer()
        bytes.withUnsafeMutableBytes { out in
            // One image at a time, so bytes are converted into a small buffer, not a whole tensor.
            for image in 0..<n {
                images.withFloats(image..<(image + 1), scratch: scratch) { src in
                    let offset = start + 4 * image * size
                    for i in 0..<size {
                        out.storeBytes(of: src[i].bitPattern.littleEndian, toByteOffset: offset + 4 * i, as: UInt32.self)
                    }
                }
            }
        }
        try writeAtomically(bytes, to: path)
    }

    /// Writes `labels` as `|u1`; every label must be in 0...255.
    public static func writeLabels(_ labels: [Int32], to path: String) throws {
        var bytes = header(descr: "|u1", shape: [labels.count])
        for (i, label) in labels.enumerated() {
            guard let b = UInt8(exactly: label) else {
                throw DataError.cannotWrite(path: path, reason: "label \(label) at index \(i) does not fit in uint8")
            }
            bytes.append(b)
        }
        try writeAtomically(bytes, to: path)
    }

    /// Where `export … labels=true` puts the labels: "x.npy" → "x-labels.npy", "x" → "x-labels.npy".
    public static func labelsPath(for imagesPath: String) -> String {
        let stem = imagesPath.hasSuffix(".npy") ? String(imagesPath.dropLast(4)) : imagesPath
        return stem + "-labels.npy"
    }

    /// Magic, version 1.0 and the dict, padded with spaces so the data starts at a multiple of 64.
    static func header(descr: String, shape: [Int]) -> [UInt8] {
        let dims = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dict = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(dims), }"
        let unpadded = 10 + dict.utf8.count + 1
        dict += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = dict.utf8.count
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(dict.utf8)
    }
}
