import XCTest
@testable import FMTensor

final class ExamplesTests: XCTestCase {
    /// Three 2x2 examples as bytes, and the same values as floats.
    func pair() throws -> (bytes: Examples, floats: Examples) {
        let raw: [UInt8] = [0, 1, 2, 3, 128, 129, 254, 255, 7, 51, 204, 17]
        let bytes = try ByteTensor(shape: [3, 2, 2], bytes: raw)
        return (.bytes(bytes), .floats(try Tensor(shape: [3, 2, 2], scalars: raw.map { Float(Double($0) / 255) })))
    }

    func testByteValuesAreCorrectlyRoundedQuotients() throws {
        XCTAssertEqual(ByteTensor.values.count, 256)
        XCTAssertEqual(ByteTensor.values[0], 0)
        XCTAssertEqual(ByteTensor.values[255], 1)
        // Values whose float is known on its own: 1/255, and the fifths.
        XCTAssertEqual(ByteTensor.values[1].bitPattern, 0x3B80_8081)
        XCTAssertEqual([51, 102, 153, 204].map { ByteTensor.values[$0] }, [0.2, 0.4, 0.6, 0.8])
        XCTAssertThrowsError(try ByteTensor(shape: [2, 2], bytes: [1, 2, 3]))
        XCTAssertThrowsError(try ByteTensor(shape: [2, 2], bytes: [1, 2, 3, 4]).reshaped([3]))
    }

    func testConversionGivesTheTableValueForEveryByteAtEveryOffset() {
        // 16 lanes at a time plus a scalar tail: every byte value, at every start offset.
        let all = (0..<(256 + 40)).map { UInt8(truncatingIfNeeded: $0 * 7) }
        for offset in 0..<17 {
            let count = all.count - offset
            var out = [Float](repeating: -1, count: count)
            all.withUnsafeBufferPointer { src in out.withUnsafeMutableBufferPointer { dst in
                ByteTensor.convert(src.baseAddress! + offset, count: count, into: dst.baseAddress!)
            } }
            for i in 0..<count { XCTAssertEqual(out[i], ByteTensor.values[Int(all[offset + i])], "offset \(offset) at \(i)") }
        }
    }

    func testBytesReadAsTheirFloats() throws {
        let (bytes, floats) = try pair()
        XCTAssertEqual(bytes.shape, [3, 2, 2])
        XCTAssertEqual([bytes.exampleCount, bytes.exampleSize], [3, 4])
        XCTAssertEqual(bytes.scalars, floats.scalars)
        XCTAssertEqual(try bytes.reshaped([3, 4]).shape, [3, 4])
        // A slice keeps its kind.
        guard case let .bytes(slice) = bytes.examples(1..<3) else { return XCTFail("a slice of bytes is bytes") }
        XCTAssertEqual(slice.shape, [2, 2, 2])
        XCTAssertEqual(slice.bytes, [128, 129, 254, 255, 7, 51, 204, 17])
        XCTAssertEqual(floats.examples(1..<3).scalars, Array(floats.scalars[4...]))
        XCTAssertEqual(bytes.examples(0..<0).shape, [0, 2, 2])
    }

    func testGatherAndChunksGiveTheSameFloatsForBothKinds() throws {
        let (bytes, floats) = try pair()
        let order = [2, 0, 2]
        var a = [Float](repeating: -1, count: 12), b = [Float](repeating: -1, count: 12)
        bytes.gather(order, count: 3, into: &a)
        floats.gather(order, count: 3, into: &b)
        let all = floats.scalars
        XCTAssertEqual(a, Array(all[8..<12] + all[0..<4] + all[8..<12]))
        XCTAssertEqual(a, b)

        let scratch = FloatBuffer()
        let fromBytes = bytes.withFloats(1..<3, scratch: scratch) { Array(UnsafeBufferPointer(start: $0, count: 8)) }
        XCTAssertEqual(fromBytes, Array(all[4..<12]))
        XCTAssertGreaterThanOrEqual(scratch.capacity, 8, "bytes are converted into the scratch buffer")
        let unused = FloatBuffer()
        let fromFloats = floats.withFloats(1..<3, scratch: unused) { Array(UnsafeBufferPointer(start: $0, count: 8)) }
        XCTAssertEqual(fromFloats, Array(all[4..<12]))
        XCTAssertEqual(unused.capacity, 0, "float examples are read in place")
    }
}
