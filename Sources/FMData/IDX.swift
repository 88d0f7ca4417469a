import FMTensor

/// The IDX format of MNIST and Fashion-MNIST (raw or gzip; detected by magic bytes).
///
/// Layout, all integers big-endian:
/// ```
/// byte 0-1   0x00 0x00
/// byte 2     element type: 0x08 unsigned byte, 0x0D float32 (also 0x09 i8, 0x0B i16, 0x0C i32, 0x0E f64: not read)
/// byte 3     number of dimensions d
/// 4 ... 4d+3 d sizes, UInt32 each
/// then       the elements in C order (last dimension fastest), big-endian
/// ```
/// Images are 3-D (N×H×W, magic `0x00000803` for bytes, `0x00000D03` for float32); unsigned bytes
/// become `b / 255` (`ByteScale`), float32 is kept as is. Labels are 1-D unsigned bytes (`0x00000801`).
public enum IDX {
    /// Any IDX image/label pair, gzip or raw; checks that the counts agree and the labels
    /// are valid indices into `classNames`.
    public static func loadPair(images: String, labels: String,
                                classNames: [String] = FashionMNIST.classNames) throws -> Dataset {
        let imageTensor = try readImages(images)
        let labelValues = try readLabels(labels)
        return try Dataset.checked(images: imageTensor, imagesPath: images,
                                   labels: labelValues, labelsPath: labels,
                                   classNames: classNames, source: "\(images), \(labels)")
    }

    /// The images of one IDX file as an `[N, H, W]` tensor in [0, 1] (bytes) or as stored (float32).
    public static func readImages(_ path: String) throws -> Tensor {
        let bytes = try FileBytes.read(path)
        let header = try Header(bytes, path: path, expectedDimensions: 3, what: "3 dimensions (images N×H×W)")
        let shape = header.sizes
        let count = try header.elementCount(path: path)
        var tensor = Tensor(shape: shape)
        tensor.withUnsafeMutableBufferPointer { dst in
            bytes.withUnsafeBufferPointer { all in
                guard let out = dst.baseAddress, let base = all.baseAddress else { return }
                let src = base + header.dataOffset
                switch header.type {
                case .unsignedByte:
                    ByteScale.table.withUnsafeBufferPointer { table in
                        for i in 0..<count { out[i] = table[Int(src[i])] }
                    }
                case .float32:
                    let raw = UnsafeRawPointer(src)
                    for i in 0..<count {
                        let bits = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
                        out[i] = Float(bitPattern: bits)
                    }
                }
            }
        }
        return tensor
    }

    /// The labels of one 1-D unsigned-byte IDX file.
    public static func readLabels(_ path: String) throws -> [Int32] {
        let bytes = try FileBytes.read(path)
        let header = try Header(bytes, path: path, expectedDimensions: 1, what: "1 dimension (labels N)")
        guard header.type == .unsignedByte else {
            throw DataError.unsupportedElementType(path: path, type: header.type.name,
                                                   supported: "unsigned byte (0x08) for labels")
        }
        let count = try header.elementCount(path: path)
        let start = header.dataOffset
        var labels = [Int32](repeating: 0, count: count)
        for i in 0..<count { labels[i] = Int32(bytes[start + i]) }
        return labels
    }

    enum ElementType: UInt8 {
        case unsignedByte = 0x08
        case float32 = 0x0D

        var size: Int { self == .unsignedByte ? 1 : 4 }
        var name: String { self == .unsignedByte ? "unsigned byte (0x08)" : "float32 (0x0D)" }

        static func describe(_ code: UInt8) -> String {
            let names: [UInt8: String] = [0x09: "signed byte", 0x0B: "int16", 0x0C: "int32", 0x0E: "float64"]
            return "\(names[code] ?? "unknown") (0x\(String(code, radix: 16, uppercase: true)))"
        }
    }

    /// A parsed and checked IDX header.
    struct Header {
        var type: ElementType
        var sizes: [Int]
        var dataOffset: Int
        var available: Int

        init(_ bytes: [UInt8], path: String, expectedDimensions: Int, what: String) throws {
            let expectedMagic = UInt32(0x0800 | expectedDimensions)
            let expected = "\(hex(expectedMagic)) for an IDX file with \(what)"
            guard bytes.count >= 4 else {
                throw DataError.truncatedData(path: path, expectedBytes: 4, actualBytes: bytes.count)
            }
            let magic = UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])
            guard bytes[0] == 0, bytes[1] == 0, bytes[3] >= 1 else {
                throw DataError.badMagic(path: path, found: magic, expected: expected)
            }
            guard let type = ElementType(rawValue: bytes[2]) else {
                if [0x09, 0x0B, 0x0C, 0x0E].contains(bytes[2]) {
                    throw DataError.unsupportedElementType(path: path, type: ElementType.describe(bytes[2]),
                                                           supported: "unsigned byte (0x08), float32 (0x0D)")
                }
                throw DataError.badMagic(path: path, found: magic, expected: expected)
            }
            let dims = Int(bytes[3])
            let headerBytes = 4 + 4 * dims
            guard bytes.count >= headerBytes else {
                throw DataError.truncatedData(path: path, expectedBytes: headerBytes, actualBytes: bytes.count)
            }
            var sizes = [Int]()
            for d in 0..<dims {
                let o = 4 + 4 * d
                sizes.append(Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3]))
            }
            guard dims == expectedDimensions else {
                throw DataError.wrongDimensions(path: path, expected: what, found: sizes)
            }
            self.type = type
            self.sizes = sizes
            self.dataOffset = headerBytes
            self.available = bytes.count
        }

        /// The number of elements, after checking that the file holds all their bytes.
        func elementCount(path: String) throws -> Int {
            var count = 1
            var overflow = false
            for s in sizes {
                (count, overflow) = count.multipliedReportingOverflow(by: s)
                if overflow { break }
            }
            let (bytesNeeded, o2) = count.multipliedReportingOverflow(by: type.size)
            let (total, o3) = bytesNeeded.addingReportingOverflow(dataOffset)
            if overflow || o2 || o3 {
                throw DataError.truncatedData(path: path, expectedBytes: Int.max, actualBytes: available)
            }
            guard total <= available else {
                throw DataError.truncatedData(path: path, expectedBytes: total, actualBytes: available)
            }
            return count
        }
    }
}

/// `b / 255` for every byte value, correctly rounded to Float (as NumPy's `x / 255.0` cast to
/// float32), looked up rather than divided in the conversion loops.
enum ByteScale {
    static let table: [Float] = (0...255).map { Float(Double($0) / 255) }
}
