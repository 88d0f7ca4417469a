import CZlib
import FMTensor
import Foundation
import XCTest
@testable import FMData

/// A fresh temporary folder per test, removed afterwards, and helpers that write IDX files.
class DataTestCase: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "fmdata-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func path(_ name: String) -> String { folder + "/" + name }

    @discardableResult
    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    /// Writes `bytes` gzip-compressed with zlib's own gz writer.
    @discardableResult
    func writeGzip(_ bytes: [UInt8], _ name: String) throws -> String {
        let p = path(name)
        guard let gz = gzopen(p, "wb") else { throw DataError.ioFailed(path: p, reason: "gzopen") }
        let written = bytes.withUnsafeBytes { gzwrite(gz, $0.baseAddress, UInt32($0.count)) }
        XCTAssertEqual(Int(written), bytes.count)
        XCTAssertEqual(gzclose(gz), Z_OK)
        return p
    }

    /// The IDX encoding of an array: magic `00 00 type dims`, big-endian sizes, then `payload`.
    func idx(type: UInt8, sizes: [Int], payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, type, UInt8(sizes.count)]
        for s in sizes { bytes += [UInt8(s >> 24 & 0xFF), UInt8(s >> 16 & 0xFF), UInt8(s >> 8 & 0xFF), UInt8(s & 0xFF)] }
        return bytes + payload
    }

    /// N×H×W unsigned-byte images whose pixel k is `(k·7 + n) mod 256`.
    func byteImages(_ n: Int, _ h: Int, _ w: Int) -> [UInt8] {
        idx(type: 0x08, sizes: [n, h, w], payload: (0..<(n * h * w)).map { UInt8(($0 * 7 + n) % 256) })
    }

    func byteLabels(_ labels: [UInt8]) -> [UInt8] {
        idx(type: 0x08, sizes: [labels.count], payload: labels)
    }

    /// Asserts that `body` throws exactly `expected`.
    func assertThrows<T>(_ expected: DataError, file: StaticString = #filePath, line: UInt = #line,
                         _ body: () throws -> T) {
        do {
            _ = try body()
            XCTFail("expected \(expected)", file: file, line: line)
        } catch let error as DataError {
            XCTAssertEqual(error, expected, file: file, line: line)
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
    }

    /// A fixture array from Tests/FMDataTests/Fixtures, read with fm's own NPY reader.
    func fixture(_ name: String) throws -> Tensor {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "npy", subdirectory: "Fixtures"),
                                "missing fixture \(name).npy: run scripts/make-translation-fixtures.py")
        return try NPY.readImages(url.path).tensor
    }

    func fixturePath(_ name: String) throws -> String {
        try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "npy", subdirectory: "Fixtures")).path
    }

    func assertClose(_ a: [Float], _ b: [Float], tolerance: Float, _ what: String,
                     file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, "\(what): sizes", file: file, line: line)
        var worst: Float = 0, at = 0
        for i in 0..<min(a.count, b.count) where abs(a[i] - b[i]) > worst { worst = abs(a[i] - b[i]); at = i }
        if ProcessInfo.processInfo.environment["FM_VERBOSE"] != nil { print("\(what): max difference \(worst)") }
        XCTAssertLessThanOrEqual(worst, tolerance, "\(what): max difference at element \(at)", file: file, line: line)
    }
}
