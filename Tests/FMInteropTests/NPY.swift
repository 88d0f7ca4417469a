import Foundation
import FMTensor

/// Minimal NumPy `.npy` (version 1.0, little-endian float32, C order) for the round-trip dump.
enum NPY {
    struct FormatError: Error, CustomStringConvertible { let description: String }

    static func encode(_ t: Tensor) -> Data {
        let shape = t.shape.map(String.init).joined(separator: ", ") + (t.shape.count == 1 ? "," : "")
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(shape)), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var out = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        withUnsafeBytes(of: UInt16(header.utf8.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(Data(header.utf8))
        t.withUnsafeBufferPointer { b in
            for v in b { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        }
        return out
    }

    static func decode(_ data: Data) throws -> Tensor {
        let b = [UInt8](data)
        guard b.count >= 10, b[0] == 0x93, b[6] == 1 else { throw FormatError(description: "not an .npy 1.0 file") }
        let headerLength = Int(b[8]) | Int(b[9]) << 8
        guard b.count >= 10 + headerLength else { throw FormatError(description: "truncated header") }
        let header = String(decoding: b[10 ..< 10 + headerLength], as: UTF8.self)
        guard header.contains("'<f4'"), header.contains("'fortran_order': False"),
              let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw FormatError(description: "only C-order little-endian float32 is read: \(header)")
        }
        let shape = header[open.upperBound ..< close].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let count = shape.reduce(1, *), start = 10 + headerLength
        guard b.count == start + 4 * count else { throw FormatError(description: "\(b.count - start) data bytes for shape \(shape)") }
        let values = (0..<count).map { i in
            Float(bitPattern: UInt32(b[start + 4 * i]) | UInt32(b[start + 4 * i + 1]) << 8 | UInt32(b[start + 4 * i + 2]) << 16 | UInt32(b[start + 4 * i + 3]) << 24)
        }
        return try Tensor(shape: shape, scalars: values)
    }
}
