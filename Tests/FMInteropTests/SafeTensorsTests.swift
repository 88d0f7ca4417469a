import XCTest
import FMTensor
import FMNet
@testable import FMInterop

final class SafeTensorsTests: XCTestCase {
    func testRoundTripKeepsNamesShapesValuesAndMetadata() throws {
        let tensors = [
            NamedTensor(name: "1.conv2d.kernel", tensor: Fixtures.noise([3, 3, 1, 4], seed: 1)),
            NamedTensor(name: "1.conv2d.bias", tensor: Fixtures.counting([4], base: -1.5)),
            NamedTensor(name: "10.dense.kernel", tensor: try Tensor(shape: [1, 2], scalars: [.infinity, -0.0])),
            NamedTensor(name: "scalar", tensor: try Tensor(shape: [], scalars: [42])),
            NamedTensor(name: "empty", tensor: Tensor(shape: [0, 3])),
        ]
        let data = SafeTensors.encode(tensors, metadata: ["format": "pt", "fm.architecture": "{\"a\": [1, 2]}"])
        let (back, meta) = try SafeTensors.decode(data)
        XCTAssertEqual(back.map(\.name), tensors.map(\.name), "file order is the given order")
        for (a, b) in zip(back, tensors) {
            XCTAssertEqual(a.tensor.shape, b.tensor.shape, a.name)
            XCTAssertEqual(a.tensor.scalars.map(\.bitPattern), b.tensor.scalars.map(\.bitPattern), a.name)
        }
        XCTAssertEqual(meta, ["format": "pt", "fm.architecture": "{\"a\": [1, 2]}"])
    }

    func testLayoutOfTheBytes() throws {
        let data = SafeTensors.encode([NamedTensor(name: "w", tensor: try Tensor(shape: [2], scalars: [1, -2]))])
        let bytes = [UInt8](data)
        let n = Int(bytes[0]) | Int(bytes[1]) << 8
        XCTAssertEqual(bytes[2..<8], [0, 0, 0, 0, 0, 0])
        XCTAssertEqual(n % 8, 0, "header padded so the data is 8-byte aligned")
        let json = String(decoding: bytes[8 ..< 8 + n], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        XCTAssertEqual(json, #"{"w":{"data_offsets":[0,8],"dtype":"F32","shape":[2]}}"#)
        XCTAssertEqual(Array(bytes[(8 + n)...]), [0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0])   // 1.0, -2.0 little-endian
    }

    func testDuplicateNamesAreWrittenOnce() throws {
        let t = NamedTensor(name: "a", tensor: Fixtures.counting([2]))
        let (back, _) = try SafeTensors.decode(SafeTensors.encode([t, NamedTensor(name: "a", tensor: Fixtures.counting([3]))]))
        XCTAssertEqual(back.map(\.name), ["a"])
        XCTAssertEqual(back[0].tensor.scalars, [0, 1])
    }

    func testReadsOtherFloatTypesAndOrdersByOffset() throws {
        var data: [UInt8] = []
        data += [0x00, 0x3C, 0x00, 0xC0]                                  // F16: 1, -2
        data += [0x80, 0x3F, 0x40, 0x40]                                  // BF16: 1, 3
        data += withUnsafeBytes(of: Double(0.25).bitPattern.littleEndian, Array.init)  // F64
        data += [7, 0, 0, 0, 0, 0, 0, 0]                                  // I64 (num_batches_tracked)
        let file = Self.file(header: #"{"z":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},"#
            + #""b":{"dtype":"BF16","shape":[2],"data_offsets":[4,8]},"a":{"dtype":"F64","shape":[1],"data_offsets":[8,16]},"#
            + #""n":{"dtype":"I64","shape":[],"data_offsets":[16,24]},"__metadata__":{"k":"v"}}"#, data: data)
        let (tensors, meta) = try SafeTensors.decode(file, skipNonFloat: true)
        XCTAssertEqual(tensors.map(\.name), ["z", "b", "a"])
        XCTAssertEqual(tensors.map(\.tensor.scalars), [[1, -2], [1, 3], [0.25]])
        XCTAssertEqual(meta, ["k": "v"])
        XCTAssertThrowsError(try SafeTensors.decode(file, file: "t.st")) { error in
            XCTAssertEqual(error as? InteropError, .badHeader(file: "t.st", detail: "entry `n` has dtype I64; fm reads F32, F64, F16 and BF16"))
        }
    }

    /// Each corrupt file gives its own error naming the file; none crashes.
    func testCorruptFiles() throws {
        let good = SafeTensors.encode([NamedTensor(name: "w", tensor: Fixtures.counting([2, 3])),
                                       NamedTensor(name: "b", tensor: Fixtures.counting([3]))])
        let f32 = [UInt8](repeating: 0, count: 8)
        let cases: [(String, Data, InteropError)] = [
            ("empty", Data(), .truncated(file: "x", detail: "0 bytes, shorter than the 8-byte header length")),
            ("header length beyond the file", Data([200, 0, 0, 0, 0, 0, 0, 0]) + Data("{}".utf8),
             .truncated(file: "x", detail: "the header is said to take 200 bytes, but only 2 follow the length")),
            ("huge header length", Data([255, 255, 255, 255, 255, 255, 255, 255]),
             .truncated(file: "x", detail: "the header is said to take 18446744073709551615 bytes, but only 0 follow the length")),
            ("cut in the data", good.prefix(good.count - 1),
             .truncated(file: "x", detail: "entry `b` needs data bytes 24..<36, the file holds 35")),
            ("not JSON", Self.file(header: "{nope", data: []), .badHeader(file: "x", detail: "the 5 header bytes are not a JSON object")),
            ("a JSON array", Self.file(header: "[1, 2]", data: []), .badHeader(file: "x", detail: "the 6 header bytes are not a JSON object")),
            ("no offsets", Self.file(header: #"{"w":{"dtype":"F32","shape":[2]}}"#, data: f32),
             .badHeader(file: "x", detail: "entry `w` lacks a dtype, an integer shape or two integer data_offsets")),
            ("fractional shape", Self.file(header: #"{"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,8]}}"#, data: f32),
             .badHeader(file: "x", detail: "entry `w` lacks a dtype, an integer shape or two integer data_offsets")),
            ("unknown dtype", Self.file(header: #"{"w":{"dtype":"F31","shape":[2],"data_offsets":[0,8]}}"#, data: f32),
             .badHeader(file: "x", detail: "entry `w` has the unknown dtype F31")),
            ("negative size", Self.file(header: #"{"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, data: f32),
             .badHeader(file: "x", detail: "entry `w` has a negative size in its shape [-2]")),
            ("backward offsets", Self.file(header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, data: f32),
             .badHeader(file: "x", detail: "entry `w` has backward or negative data_offsets [8, 0]")),
            ("shape lies about size", Self.file(header: #"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: f32),
             .badHeader(file: "x", detail: "entry `w`: shape [3] of F32 needs 12 bytes, its data_offsets [0, 8] give 8")),
            ("shape overflows", Self.file(header: #"{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}"#, data: f32),
             .badHeader(file: "x", detail: "entry `w`: shape [4294967296, 4294967296] of F32 needs more bytes than fit in memory, its data_offsets [0, 8] give 8")),
            ("offsets past the data", Self.file(header: #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: f32),
             .truncated(file: "x", detail: "entry `w` needs data bytes 0..<16, the file holds 8")),
            ("overlapping entries", Self.file(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: f32),
             .badHeader(file: "x", detail: "entry `b` at data bytes 4..<8 overlaps the previous entry")),
            ("a gap", Self.file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: f32),
             .badHeader(file: "x", detail: "entry `a` at data bytes 4..<8 leaves a gap of 4 bytes before it")),
            ("bytes after the last entry", Self.file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: f32),
             .badHeader(file: "x", detail: "4 data bytes after the last entry belong to no tensor")),
            ("metadata not an object", Self.file(header: #"{"__metadata__":[1]}"#, data: []),
             .badHeader(file: "x", detail: "`__metadata__` is not an object of strings")),
        ]
        for (label, data, expected) in cases {
            XCTAssertThrowsError(try SafeTensors.decode(data, file: "x"), label) { error in
                XCTAssertEqual(error as? InteropError, expected, label)
                XCTAssertTrue("\(error)".hasPrefix("x "), label)
            }
        }
    }

    func testErrorDescriptions() {
        XCTAssertEqual(InteropError.truncated(file: "a.safetensors", detail: "d").description, "a.safetensors is truncated: d")
        XCTAssertEqual(InteropError.badHeader(file: "a", detail: "d").description, "a has a bad safetensors header: d")
        XCTAssertEqual(InteropError.mismatch(file: "a", detail: "d").description, "a does not fit the model: d")
        XCTAssertEqual(InteropError.export(model: "cnn", format: "ONNX", detail: "d").description, "cannot export cnn as ONNX: d")
    }

    /// The bytes of a safetensors file with this header text and data.
    static func file(header: String, data: [UInt8]) -> Data {
        var out = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(Data(header.utf8))
        out.append(contentsOf: data)
        return out
    }
}
