import FMTensor
import FMNet
import Foundation

/// The safetensors file format (github.com/huggingface/safetensors):
///
///     [8 bytes]  N, the header length, unsigned little-endian
///     [N bytes]  JSON: {"NAME": {"dtype": "F32", "shape": [d0, …], "data_offsets": [begin, end]}, …,
///                       "__metadata__": {"key": "string value", …}}
///     [rest]     the data; each tensor's bytes at [begin, end) relative to the start of the data,
///                row-major, little-endian
///
/// The entries' byte ranges tile the data exactly: no gaps, no overlaps, nothing after the last.
/// fm writes float32 only, with the header padded by spaces to a multiple of 8 bytes so the data
/// stays aligned. It reads F32, F64, F16 and BF16 (converted to Float); integer and boolean entries
/// (PyTorch's `num_batches_tracked`) are skipped when `skipNonFloat` is set and rejected otherwise.
public enum SafeTensors {
    /// The file bytes for `tensors` in the given order, with `metadata` under `__metadata__`.
    /// Names must be unique: a repeated name (or one spelled `__metadata__`) is written once, its
    /// first occurrence, so the file stays valid.
    public static func encode(_ tensors: [NamedTensor], metadata: [String: String] = [:]) -> Data {
        var header: [String: Any] = [:]
        var written: [NamedTensor] = []
        var offset = 0
        for t in tensors where header[t.name] == nil && t.name != metadataKey {
            let bytes = t.tensor.count * 4
            header[t.name] = ["dtype": "F32", "shape": t.tensor.shape, "data_offsets": [offset, offset + bytes]] as [String: Any]
            written.append(t)
            offset += bytes
        }
        if !metadata.isEmpty { header[metadataKey] = metadata }
        // A dictionary of strings, integers and arrays of them always serialises.
        var json = (try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])) ?? Data("{}".utf8)
        while json.count % 8 != 0 { json.append(0x20) }
        var out = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(json)
        for t in written {
            var le = [UInt32](repeating: 0, count: t.tensor.count)
            t.tensor.withUnsafeBufferPointer { src in
                for i in 0..<src.count { le[i] = src[i].bitPattern.littleEndian }
            }
            le.withUnsafeBytes { out.append(contentsOf: $0) }
        }
        return out
    }

    /// Tensors in file order (by data offset) and the metadata. Every header entry is checked
    /// against the file before any data is read; a lie (offsets outside the data, overlapping or
    /// leaving gaps, a shape whose size differs from its byte range) throws `InteropError`.
    public static func decode(_ data: Data, file: String = "<memory>", skipNonFloat: Bool = false) throws -> (tensors: [NamedTensor], metadata: [String: String]) {
        guard data.count >= 8 else {
            throw InteropError.truncated(file: file, detail: "\(data.count) bytes, shorter than the 8-byte header length")
        }
        let headerLength = data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self)) }
        guard headerLength <= UInt64(data.count - 8) else {
            throw InteropError.truncated(file: file, detail: "the header is said to take \(headerLength) bytes, but only \(data.count - 8) follow the length")
        }
        let headerEnd = 8 + Int(headerLength)
        let headerBytes = data.subdata(in: data.startIndex + 8 ..< data.startIndex + headerEnd)
        guard headerBytes.first == UInt8(ascii: "{"),
              let object = try? JSONSerialization.jsonObject(with: headerBytes), let header = object as? [String: Any] else {
            throw InteropError.badHeader(file: file, detail: "the \(headerLength) header bytes are not a JSON object")
        }
        let dataCount = data.count - headerEnd
        var metadata: [String: String] = [:]
        var entries: [Entry] = []
        for (name, value) in header {
            if name == metadataKey {
                guard let m = value as? [String: Any] else {
                    throw InteropError.badHeader(file: file, detail: "`__metadata__` is not an object of strings")
                }
                for (k, v) in m { metadata[k] = v as? String ?? "\(v)" }
                continue
            }
            entries.append(try Entry(name: name, value: value, file: file))
        }
        try checkLayout(&entries, dataCount: dataCount, file: file)

        var tensors: [NamedTensor] = []
        for e in entries {
            guard let width = e.floatWidth else {
                if skipNonFloat { continue }
                throw InteropError.badHeader(file: file, detail: "entry `\(e.name)` has dtype \(e.dtype); fm reads F32, F64, F16 and BF16")
            }
            let values = data.withUnsafeBytes { raw in
                readFloats(raw, at: headerEnd + e.begin, count: e.elements, width: width, dtype: e.dtype)
            }
            do {
                tensors.append(NamedTensor(name: e.name, tensor: try Tensor(shape: e.shape, scalars: values)))
            } catch {
                throw InteropError.badHeader(file: file, detail: "entry `\(e.name)`: \(error)")
            }
        }
        return (tensors, metadata)
    }

    static let metadataKey = "__metadata__"

    /// Sorts `entries` by offset and checks that their byte ranges tile `[0, dataCount)`.
    private static func checkLayout(_ entries: inout [Entry], dataCount: Int, file: String) throws {
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var expected = 0
        for e in entries {
            guard e.end <= dataCount else {
                throw InteropError.truncated(file: file, detail: "entry `\(e.name)` needs data bytes \(e.begin)..<\(e.end), the file holds \(dataCount)")
            }
            guard e.begin == expected else {
                let what = e.begin < expected ? "overlaps the previous entry" : "leaves a gap of \(e.begin - expected) bytes before it"
                throw InteropError.badHeader(file: file, detail: "entry `\(e.name)` at data bytes \(e.begin)..<\(e.end) \(what)")
            }
            expected = e.end
        }
        guard expected == dataCount else {
            throw InteropError.badHeader(file: file, detail: "\(dataCount - expected) data bytes after the last entry belong to no tensor")
        }
    }

    /// `count` values of `width` bytes each, little-endian, starting at byte `start`.
    private static func readFloats(_ raw: UnsafeRawBufferPointer, at start: Int, count: Int, width: Int, dtype: String) -> [Float] {
        var values = [Float](repeating: 0, count: count)
        values.withUnsafeMutableBufferPointer { out in
            switch dtype {
            case "F32":
                for i in 0..<count { out[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + 4 * i, as: UInt32.self))) }
            case "F64":
                for i in 0..<count { out[i] = Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * i, as: UInt64.self)))) }
            case "BF16":
                // bfloat16 is the top half of a float32.
                for i in 0..<count { out[i] = Float(bitPattern: UInt32(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: start + 2 * i, as: UInt16.self))) << 16) }
            default:
                for i in 0..<count { out[i] = Float(Float16(bitPattern: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: start + 2 * i, as: UInt16.self)))) }
            }
        }
        return values
    }
}

/// One header entry, checked on its own: dtype known, shape non-negative, its byte count
/// (without overflow) equal to the length of its offset range.
private struct Entry {
    let name: String, dtype: String, shape: [Int], begin: Int, end: Int, elements: Int

    static let widths = ["F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1,
                         "U64": 8, "U32": 4, "U16": 2, "U8": 1, "BOOL": 1, "F8_E4M3": 1, "F8_E5M2": 1]

    /// Bytes per element for the dtypes fm converts to Float; nil for the others.
    var floatWidth: Int? { ["F32", "F64", "F16", "BF16"].contains(dtype) ? Entry.widths[dtype] : nil }

    init(name: String, value: Any, file: String) throws {
        guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
              let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int], offsets.count == 2 else {
            throw InteropError.badHeader(file: file, detail: "entry `\(name)` lacks a dtype, an integer shape or two integer data_offsets")
        }
        guard let width = Entry.widths[dtype] else {
            throw InteropError.badHeader(file: file, detail: "entry `\(name)` has the unknown dtype \(dtype)")
        }
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw InteropError.badHeader(file: file, detail: "entry `\(name)` has a negative size in its shape \(shape)")
        }
        guard offsets[0] >= 0, offsets[0] <= offsets[1] else {
            throw InteropError.badHeader(file: file, detail: "entry `\(name)` has backward or negative data_offsets \(offsets)")
        }
        var elements = 1, overflow = false
        for d in shape where !overflow { (elements, overflow) = elements.multipliedReportingOverflow(by: d) }
        let (bytes, overflow2) = elements.multipliedReportingOverflow(by: width)
        guard !overflow, !overflow2, bytes == offsets[1] - offsets[0] else {
            let need = overflow || overflow2 ? "more bytes than fit in memory" : "\(bytes) bytes"
            throw InteropError.badHeader(file: file, detail: "entry `\(name)`: shape \(shape) of \(dtype) needs \(need), its data_offsets \(offsets) give \(offsets[1] - offsets[0])")
        }
        self.name = name; self.dtype = dtype; self.shape = shape
        begin = offsets[0]; end = offsets[1]; self.elements = elements
    }
}
