import Foundation
import XCTest
@testable import FMStore

/// A fresh temporary folder per test, removed afterwards.
class StoreTestCase: XCTestCase {
    var folder: String = ""

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("fmstore-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    var storePath: String { folder + "/" + Store.fileName }

    func bytesOfStore() throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: storePath))
    }

    /// Asserts that `body` throws exactly `expected`.
    func assertThrows<T>(_ expected: StoreError, file: StaticString = #filePath, line: UInt = #line,
                         _ body: () throws -> T) {
        do {
            _ = try body()
            XCTFail("expected \(expected), nothing thrown", file: file, line: line)
        } catch let error as StoreError {
            XCTAssertEqual(error, expected, file: file, line: line)
        } catch {
            XCTFail("expected \(expected), got \(error)", file: file, line: line)
        }
    }
}

/// Sample records with every field set to something distinctive.
enum Sample {
    static let date = Date(timeIntervalSinceReferenceDate: 789_012_345.678_901_234)

    static func dataset(_ name: String = "train") -> DatasetRecord {
        DatasetRecord(name: name, recipe: #"{"file":"/data/\#(name).gz","sha256":"ab12"}"#,
                      source: "/data/\(name).gz", count: 60000, shape: [1, 28, 28], createdAt: date)
    }

    static func model(_ name: String = "cnn", weightBytes: Int = 1000) -> ModelRecord {
        ModelRecord(name: name, architecture: #"{"layers":["conv 8 3","relu","dense 10"]}"#,
                    compileSettings: #"{"optimizer":"adam","lr":0.001}"#,
                    weights: bytes(weightBytes, seed: 1), optimizerState: bytes(weightBytes * 2, seed: 2),
                    epochs: 0, trainingSeconds: 0, updatedAt: date)
    }

    /// Deterministic bytes, different per seed.
    static func bytes(_ count: Int, seed: UInt8) -> Data {
        Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31) &+ seed })
    }
}
