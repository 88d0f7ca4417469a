import XCTest
@testable import FMInterop

final class ProtoWriterTests: XCTestCase {
    func testWireFormatBytes() {
        var w = ProtoWriter()
        w.int(1, 150)                 // the protobuf docs' example: 08 96 01
        w.int(2, -1)                  // int64 −1: ten bytes of two's complement
        w.string(3, "hi")
        w.float(4, 1)
        w.message(5) { $0.int(1, 300) }
        XCTAssertEqual(w.bytes, [0x08, 0x96, 0x01,
                                 0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01,
                                 0x1A, 0x02, 0x68, 0x69,
                                 0x25, 0x00, 0x00, 0x80, 0x3F,
                                 0x2A, 0x03, 0x08, 0xAC, 0x02])
    }

    func testReaderReadsWhatTheWriterWrote() throws {
        var w = ProtoWriter()
        w.int(20, Int(Int64.max))
        w.int(8, -3)
        w.int(8, 7)
        w.bytes(9, [UInt8](repeating: 0xAB, count: 200))   // a two-byte length
        let m = try ProtoMessage(w.bytes)
        XCTAssertEqual(m.int(20), Int(Int64.max))
        XCTAssertEqual(m.ints(8), [-3, 7])
        XCTAssertEqual(m.rawBytes(9), [UInt8](repeating: 0xAB, count: 200))
        XCTAssertThrowsError(try ProtoMessage(Array(w.bytes.dropLast())))
    }
}
