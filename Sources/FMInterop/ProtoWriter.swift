import Foundation

/// The Protocol Buffers wire format, write side: just what an ONNX model needs.
///
/// Every field is a key `(field_number << 3) | wire_type` as a varint, then the value:
///   wire type 0 (varint): integers, 7 bits per byte, low bits first, high bit = "more follows";
///                         a negative int64 is its 64-bit two's complement (10 bytes);
///   wire type 2 (length-delimited): a varint byte count, then the bytes (strings, bytes,
///                         embedded messages);
///   wire type 5 (fixed32): 4 bytes little-endian (float).
/// Repeated scalar fields are written one key per element (unpacked, as proto2 files such as
/// onnx.proto expect by default; parsers accept both forms).
struct ProtoWriter {
    private(set) var bytes: [UInt8] = []

    var data: Data { Data(bytes) }

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func key(_ field: Int, wireType: UInt64) {
        varint(UInt64(field) << 3 | wireType)
    }

    /// int32/int64/enum field (wire type 0).
    mutating func int(_ field: Int, _ value: Int) {
        key(field, wireType: 0)
        varint(UInt64(bitPattern: Int64(value)))
    }

    /// float field (wire type 5).
    mutating func float(_ field: Int, _ value: Float) {
        key(field, wireType: 5)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// bytes field (wire type 2).
    mutating func bytes(_ field: Int, _ value: [UInt8]) {
        key(field, wireType: 2)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// string field, UTF-8 (wire type 2).
    mutating func string(_ field: Int, _ value: String) {
        bytes(field, Array(value.utf8))
    }

    /// An embedded message built by `body` (wire type 2).
    mutating func message(_ field: Int, _ body: (inout ProtoWriter) -> Void) {
        var inner = ProtoWriter()
        body(&inner)
        bytes(field, inner.bytes)
    }
}
