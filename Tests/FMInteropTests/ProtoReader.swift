import Foundation

/// A test-side Protocol Buffers reader, independent of `ProtoWriter`: splits a message into its
/// fields (varint, fixed64, length-delimited, fixed32) so tests can walk an ONNX ModelProto.
struct ProtoMessage {
    enum Value {
        case varint(UInt64)
        case fixed64(UInt64)
        case bytes([UInt8])
        case fixed32(UInt32)
    }

    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    let fields: [(number: Int, value: Value)]

    init(_ bytes: [UInt8]) throws {
        var fields: [(Int, Value)] = []
        var p = 0
        func varint() throws -> UInt64 {
            var result: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard p < bytes.count, shift < 64 else { throw ParseError(description: "varint runs past the end at \(p)") }
                let b = bytes[p]; p += 1
                result |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return result }
                shift += 7
            }
        }
        func take(_ n: Int) throws -> [UInt8] {
            guard n >= 0, p + n <= bytes.count else { throw ParseError(description: "field of \(n) bytes runs past the end at \(p)") }
            defer { p += n }
            return Array(bytes[p ..< p + n])
        }
        while p < bytes.count {
            let key = try varint()
            let number = Int(key >> 3)
            switch key & 7 {
            case 0: fields.append((number, .varint(try varint())))
            case 1: fields.append((number, .fixed64(try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) })))
            case 2: fields.append((number, .bytes(try take(Int(try varint())))))
            case 5: fields.append((number, .fixed32(try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) })))
            default: throw ParseError(description: "wire type \(key & 7) at \(p)")
            }
        }
        self.fields = fields
    }

    init(_ data: Data) throws { try self.init([UInt8](data)) }

    func all(_ n: Int) -> [Value] { fields.filter { $0.number == n }.map(\.value) }

    /// Repeated int64 field, packed or not; negative values from their two's complement.
    func ints(_ n: Int) -> [Int] {
        all(n).flatMap { v -> [Int] in
            switch v {
            case let .varint(x): return [Int(Int64(bitPattern: x))]
            case let .bytes(b): return ProtoMessage.packedVarints(b)
            default: return []
            }
        }
    }

    func int(_ n: Int) -> Int? { ints(n).last }

    func strings(_ n: Int) -> [String] {
        all(n).compactMap { if case let .bytes(b) = $0 { return String(decoding: b, as: UTF8.self) } else { return nil } }
    }

    func string(_ n: Int) -> String? { strings(n).last }

    func float(_ n: Int) -> Float? {
        all(n).compactMap { if case let .fixed32(b) = $0 { return Float(bitPattern: b) } else { return nil } }.last
    }

    func rawBytes(_ n: Int) -> [UInt8]? {
        all(n).compactMap { if case let .bytes(b) = $0 { return b } else { return nil } }.last
    }

    func messages(_ n: Int) throws -> [ProtoMessage] {
        try all(n).compactMap { if case let .bytes(b) = $0 { return try ProtoMessage(b) } else { return nil } }
    }

    func message(_ n: Int) throws -> ProtoMessage? { try messages(n).last }

    static func packedVarints(_ b: [UInt8]) -> [Int] {
        var out: [Int] = [], x: UInt64 = 0, shift: UInt64 = 0
        for byte in b {
            x |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { out.append(Int(Int64(bitPattern: x))); x = 0; shift = 0 } else { shift += 7 }
        }
        return out
    }
}
