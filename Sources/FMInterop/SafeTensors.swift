import FMTensor
import FMNet
import Foundation

/// The safetensors file format: an 8-byte little-endian header length, a JSON header naming
/// each tensor's dtype, shape and byte range, then the raw little-endian data.
/// fm writes float32 only and reads float32 (and float64/float16, converted).
public enum SafeTensors {
    public static func encode(_ tensors: [NamedTensor], metadata: [String: String] = [:]) -> Data {
        var header: [String: Any] = [:]
        var offset = 0
        for t in tensors {
            let bytes = t.tensor.count * 4
            header[t.name] = ["dtype": "F32", "shape": t.tensor.shape, "data_offsets": [offset, offset + bytes]] as [String: Any]
            offset += bytes
        }
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var json = (try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])) ?? Data("{}".utf8)
        while json.count % 8 != 0 { json.append(0x20) }   // pad so the data starts 8-byte aligned
        var out = Data(capacity: 8 + json.count + offset)
        var length = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &length) { out.append(contentsOf: $0) }
        out.append(json)
        for t in tensors {
            t.tensor.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: UInt8.self) { out.append(contentsOf: $0) }
            }
        }
        return out
    }

    /// Tensors in file order (by data offset) and the metadata.
    /// `skipNonFloat` passes over integer entries (such as PyTorch's `num_batches_tracked`).
    public static func decode(_ data: Data, file: String = "<memory>", skipNonFloat: Bool = false) throws -> (tensors: [NamedTensor], metadata: [String: String]) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw InteropError.truncated(file: file, detail: "shorter than the 8-byte header length") }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw InteropError.truncated(file: file, detail: "header says \(headerLength) bytes, file has \(bytes.count - 8) after the length")
        }
        let headerEnd = 8 + Int(headerLength)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd])),
              let header = object as? [String: Any] else {
            throw InteropError.badHeader(file: file, detail: "the header is not a JSON object")
        }
        let dataCount = bytes.count - headerEnd
        var metadata: [String: String] = [:]
        var entries: [(name: String, shape: [Int], dtype: String, begin: Int, end: Int)] = []
        for (name, value) in header {
            if name == "__metadata__" {
                if let m = value as? [String: Any] { for (k, v) in m { metadata[k] = v as? String ?? "\(v)" } }
                continue
            }
            guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
                  let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int], offsets.count == 2 else {
                throw InteropError.badHeader(file: file, detail: "entry `\(name)` lacks dtype, shape or data_offsets")
            }
            guard shape.allSatisfy({ $0 >= 0 }), offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataCount else {
                throw InteropError.badHeader(file: file, detail: "entry `\(name)` has offsets \(offsets) outside the \(dataCount) data bytes")
            }
            if skipNonFloat, dtype.hasPrefix("I") || dtype.hasPrefix("U") || dtype == "BOOL" { continue }
            guard let width = ["F32": 4, "F64": 8, "F16": 2][dtype] else {
                throw InteropError.badHeader(file: file, detail: "entry `\(name)` has dtype \(dtype); fm reads F32, F64 and F16")
            }
            let elements = shape.reduce(1, *)
            guard elements * width == offsets[1] - offsets[0] else {
                throw InteropError.badHeader(file: file, detail: "entry `\(name)`: shape \(shape) needs \(elements * width) bytes, offsets give \(offsets[1] - offsets[0])")
            }
            entries.append((name, shape, dtype, offsets[0], offsets[1]))
        }
        entries.sort { ($0.begin, $0.name) < ($1.begin, $1.name) }
        var tensors: [NamedTensor] = []
        for e in entries {
            let start = headerEnd + e.begin
            let elements = e.shape.reduce(1, *)
            var values = [Float](repeating: 0, count: elements)
            for i in 0..<elements {
                switch e.dtype {
                case "F32":
                    let p = start + 4 * i
                    let bits = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
                    values[i] = Float(bitPattern: bits)
                case "F64":
                    var bits: UInt64 = 0
                    for b in 0..<8 { bits |= UInt64(bytes[start + 8 * i + b]) << (8 * UInt64(b)) }
                    values[i] = Float(Double(bitPattern: bits))
                default:
                    let p = start + 2 * i
                    values[i] = Float(Float16(bitPattern: UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8))
                }
            }
            tensors.append(NamedTensor(name: e.name, tensor: try Tensor(shape: e.shape, scalars: values)))
        }
        return (tensors, metadata)
    }
}

/// Errors reading or writing model files; each names the file.
public enum InteropError: Error, CustomStringConvertible, Equatable {
    case truncated(file: String, detail: String)
    case badHeader(file: String, detail: String)
    case mismatch(file: String, detail: String)

    public var description: String {
        switch self {
        case let .truncated(file, detail): return "\(file) is truncated: \(detail)"
        case let .badHeader(file, detail): return "\(file) has a bad safetensors header: \(detail)"
        case let .mismatch(file, detail): return "\(file) does not fit the model: \(detail)"
        }
    }
}
