import Foundation

/// One `.npy` file read and its header parsed (see `NPY` for the layout).
struct NPYFile {
    let path: String
    let bytes: [UInt8]
    /// The dtype without its byte-order mark: "f4", "u1", "i4", "i8".
    let dtype: String
    let shape: [Int]
    let dataOffset: Int

    init(path: String, supported: Set<String> = ["f4", "u1"],
         supportedText: String = "float32 or uint8 images") throws {
        try self.init(bytes: FileBytes.readRaw(path), path: path, supported: supported, supportedText: supportedText)
    }

    /// A file already in memory; `path` names it in errors.
    init(bytes: [UInt8], path: String, supported: Set<String> = ["f4", "u1"],
         supportedText: String = "float32 or uint8 images") throws {
        self.path = path
        self.bytes = bytes
        let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw DataError.npyUnsupported(path: path, reason: "not a .npy file (no \\x93NUMPY magic)")
        }
        let major = bytes[6]
        let lengthStart: Int
        let length: Int
        switch major {
        case 1:
            lengthStart = 10
            length = Int(bytes[8]) | Int(bytes[9]) << 8
        case 2, 3:
            guard bytes.count >= 12 else {
                throw DataError.truncatedData(path: path, expectedBytes: 12, actualBytes: bytes.count)
            }
            lengthStart = 12
            length = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        default:
            throw DataError.npyUnsupported(path: path, reason: "format version \(major).\(bytes[7])")
        }
        guard bytes.count >= lengthStart + length else {
            throw DataError.truncatedData(path: path, expectedBytes: lengthStart + length, actualBytes: bytes.count)
        }
        let text = String(decoding: bytes[lengthStart..<(lengthStart + length)], as: UTF8.self)
        let dict = try NPYHeader(text: text, path: path)

        // Byte order: '<' little, '|' not applicable, '=' native (little on every machine fm runs on).
        var descr = Substring(dict.descr)
        if let mark = descr.first, "<|=>".contains(mark) {
            descr = descr.dropFirst()
            if mark == ">" && !descr.hasSuffix("1") {
                throw DataError.npyUnsupported(path: path, reason: "big-endian dtype '\(dict.descr)'")
            }
        }
        guard supported.contains(String(descr)) else {
            throw DataError.unsupportedElementType(path: path, type: "'\(dict.descr)'", supported: supportedText)
        }
        guard !dict.fortranOrder else {
            throw DataError.npyUnsupported(path: path, reason: "Fortran (column-major) order; save with np.ascontiguousarray")
        }
        dtype = String(descr)
        shape = dict.shape
        dataOffset = lengthStart + length
    }

    /// Bytes per element of the dtype.
    var elementSize: Int {
        switch dtype {
        case "u1": return 1
        case "i8": return 8
        default: return 4
        }
    }

    /// Throws unless the file holds every element the header promises; call before allocating
    /// anything the size of the data, so a lying header cannot ask for gigabytes.
    func checkSize() throws {
        var count = elementSize
        // Zero sizes skipped: 0 images of 2⁴⁰×2⁴⁰ pixels must not load either, since every later
        // product of the sizes (an image's pixels) would overflow.
        for s in shape where s != 0 {
            let (product, overflow) = count.multipliedReportingOverflow(by: s)
            guard !overflow else { throw DataError.npyUnsupported(path: path, reason: "shape \(shape) is too large") }
            count = product
        }
        if shape.contains(0) { count = 0 }
        guard count <= bytes.count - dataOffset else {
            throw DataError.truncatedData(path: path, expectedBytes: dataOffset + count, actualBytes: bytes.count)
        }
    }

    /// Runs `body` on the data bytes after checking that the file holds all of them.
    func withData<R>(_ body: (UnsafeRawPointer) throws -> R) throws -> R {
        try checkSize()
        return try bytes.withUnsafeBytes { raw in
            // A zero-sized array still needs a valid pointer.
            guard let base = raw.baseAddress else { throw DataError.truncatedData(path: path, expectedBytes: 1, actualBytes: 0) }
            return try body(base + dataOffset)
        }
    }
}

/// The dict literal of a `.npy` header: `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
struct NPYHeader {
    var descr = ""
    var fortranOrder = false
    var shape = [Int]()

    init(text: String, path: String) throws {
        func fail(_ what: String) -> DataError {
            DataError.npyUnsupported(path: path, reason: "malformed header (\(what)): \(text.trimmingSpaces)")
        }
        guard let descr = NPYHeader.value(of: "descr", in: text) else { throw fail("no 'descr'") }
        guard descr.hasPrefix("'") || descr.hasPrefix("\""), descr.count >= 2 else {
            throw DataError.npyUnsupported(path: path, reason: "structured dtype \(descr)")
        }
        self.descr = String(descr.dropFirst().prefix { $0 != "'" && $0 != "\"" })
        guard let fortran = NPYHeader.value(of: "fortran_order", in: text) else { throw fail("no 'fortran_order'") }
        fortranOrder = fortran.hasPrefix("True")
        guard let shapeText = NPYHeader.value(of: "shape", in: text), shapeText.hasPrefix("(") else { throw fail("no 'shape'") }
        let inside = shapeText.dropFirst().prefix { $0 != ")" }
        for part in inside.split(separator: ",") {
            let trimmed = part.trimmingSpaces.replacingLongSuffix()
            if trimmed.isEmpty { continue }
            guard let n = Int(trimmed), n >= 0 else { throw fail("shape entry '\(trimmed)'") }
            shape.append(n)
        }
    }

    /// The text after `'key':` (spaces skipped), up to the end of the header.
    static func value(of key: String, in text: String) -> Substring? {
        for quote in ["'", "\""] {
            guard let range = text.range(of: quote + key + quote) else { continue }
            var rest = text[range.upperBound...].drop { $0 == " " }
            guard rest.first == ":" else { return nil }
            rest = rest.dropFirst().drop { $0 == " " }
            return rest
        }
        return nil
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\n" }.reversed().drop { $0 == " " || $0 == "\n" }.reversed())
    }

    /// Python 2 wrote sizes as `60000L`.
    func replacingLongSuffix() -> String {
        hasSuffix("L") ? String(dropLast()) : String(self)
    }
}
