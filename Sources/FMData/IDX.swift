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
/// stay bytes (`Examples.bytes`, read as `b / 255`), float32 is kept as is. Labels are 1-D
/// unsigned bytes (`0x00000801`). The file is read through a `ByteStream`: the header first,
/// then the elements straight into the array the dataset keeps.
public enum IDX {
    /// Any IDX image/label pair, gzip or raw; checks that the counts agree and the labels
    /// are valid indices into `classNames`.
    public static func loadPair(images: String, labels: String,
                                classNames: [String] = FashionMNIST.classNames) throws -> Dataset {
        let imageValues = try readImages(images)
        let labelValues = try readLabels(labels)
        return try Dataset.checked(images: imageValues, imagesPath: images,
                                   labels: labelValues, labelsPath: labels,
                                   classNames: classNames, source: "\(images), \(labels)")
    }

    /// The images of one IDX file, `[N, H, W]`: bytes as bytes (read as `b / 255`), float32 as stored.
    public static func readImages(_ path: String) throws -> Examples {
        try readImages(ByteStream(path: path))
    }

    /// The images of an IDX file already in memory (raw or gzip); `name` stands for the file in errors.
    public static func readImages(bytes: [UInt8], name: String) throws -> Examples {
        try readImages(ByteStream(bytes: bytes, path: name))
    }

    /// The labels of an IDX file already in memory (raw or gzip).
    public static func readLabels(bytes: [UInt8], name: String) throws -> [Int32] {
        try readLabels(ByteStream(bytes: bytes, path: name))
    }

    private static func readImages(_ stream: ByteStream) throws -> Examples {
        let header = try Header(stream, expectedDimensions: 3, what: "3 dimensions (images N×H×W)")
        let data = try header.readElements(stream)
        switch header.type {
        case .unsignedByte:
            return .bytes(try ByteTensor(shape: header.sizes, bytes: data))
        case .float32:
            var tensor = Tensor(shape: header.sizes)
            tensor.withUnsafeMutableBufferPointer { dst in
                data.withUnsafeBytes { raw in
                    for i in 0..<dst.count {
                        dst[i] = Float(bitPattern: UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                    }
                }
            }
            return .floats(tensor)
        }
    }

    /// The labels of one 1-D unsigned-byte IDX file.
    public static func readLabels(_ path: String) throws -> [Int32] {
        try readLabels(ByteStream(path: path))
    }

    private static func readLabels(_ stream: ByteStream) throws -> [Int32] {
        let path = stream.path
        let header = try Header(stream, expectedDimensions: 1, what: "1 dimension (labels N)")
        guard header.type == .unsignedByte else {
            throw DataError.unsupportedElementType(path: path, type: header.type.name,
                                                   supported: "unsigned byte (0x08) for labels")
        }
        return try header.readElements(stream).map(Int32.init)
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

    /// A parsed and checked IDX header, read from the front of a stream.
    struct Header {
        var type: ElementType
        var sizes: [Int]
        var path: String

        init(_ stream: ByteStream, expectedDimensions: Int, what: String) throws {
            path = stream.path
            let expectedMagic = UInt32(0x0800 | expectedDimensions)
            let expected = "\(hex(expectedMagic)) for an IDX file with \(what)"
            let bytes = try stream.read(4)
            guard bytes.count == 4 else {
                throw DataError.truncatedData(path: path, expectedBytes: 4, actualBytes: try stream.totalSize())
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
            let sizeBytes = try stream.read(4 * dims)
            guard sizeBytes.count == 4 * dims else {
                throw DataError.truncatedData(path: path, expectedBytes: 4 + 4 * dims, actualBytes: try stream.totalSize())
            }
            var sizes = [Int]()
            for d in 0..<dims {
                let o = 4 * d
                sizes.append(Int(sizeBytes[o]) << 24 | Int(sizeBytes[o + 1]) << 16 | Int(sizeBytes[o + 2]) << 8 | Int(sizeBytes[o + 3]))
            }
            guard dims == expectedDimensions else {
                throw DataError.wrongDimensions(path: path, expected: what, found: sizes)
            }
            self.type = type
            self.sizes = sizes
        }

        /// The bytes of every element (read from the stream, which is then finished, so a gzip
        /// checksum is verified). A file that holds fewer is `truncatedData` with both sizes.
        func readElements(_ stream: ByteStream) throws -> [UInt8] {
            let headerBytes = 4 + 4 * sizes.count
            var count = 1
            var overflow = false
            // Zero sizes skipped: a header of 0 images of 2³²×2³² pixels must not load, since
            // every later product of the sizes (an image's pixels) would overflow.
            for s in sizes where s != 0 {
                (count, overflow) = count.multipliedReportingOverflow(by: s)
                if overflow { break }
            }
            if sizes.contains(0) { count = 0 }
            let (dataBytes, o2) = count.multipliedReportingOverflow(by: type.size)
            let (total, o3) = dataBytes.addingReportingOverflow(headerBytes)
            if overflow || o2 || o3 {
                throw DataError.truncatedData(path: path, expectedBytes: Int.max, actualBytes: try stream.totalSize())
            }
            let data = try stream.read(dataBytes)
            guard data.count == dataBytes else {
                throw DataError.truncatedData(path: path, expectedBytes: total, actualBytes: headerBytes + data.count)
            }
            try stream.finish()
            return data
        }
    }
}
