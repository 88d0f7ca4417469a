import XCTest
@testable import FMPrompt

final class LineHistoryTests: XCTestCase {
    private var file: String!

    override func setUp() {
        file = FileManager.default.temporaryDirectory.appendingPathComponent("fmhistory-\(UUID().uuidString)/history").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent)
    }

    func testEntriesRoundTripThroughTheFile() throws {
        let first = try XCTUnwrap(LineHistory(limit: 10, file: file))
        for entry in ["model nn input=28x28", "train nn \\\n  epochs=3", "show \"a b.png\"", "show \"a b.png\""] {
            first.add(entry)
        }
        // A repeated entry is kept once; a continued statement keeps its line break.
        let expected = ["model nn input=28x28", "train nn \\\n  epochs=3", "show \"a b.png\""]
        XCTAssertEqual(first.entries, expected)
        XCTAssertEqual(try XCTUnwrap(LineHistory(limit: 10, file: file)).entries, expected)
        // The file is private to the user.
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
    }

    func testTwoEditorsOnOneFileKeepEachOthersEntries() throws {
        let a = try XCTUnwrap(LineHistory(limit: 4, file: file))
        let b = try XCTUnwrap(LineHistory(limit: 4, file: file))
        a.add("seed 1")
        b.add("seed 2")
        a.add("seed 3")
        XCTAssertEqual(try XCTUnwrap(LineHistory(limit: 4, file: file)).entries, ["seed 1", "seed 2", "seed 3"])
        // In memory each keeps only its own, as shells do.
        XCTAssertEqual(a.entries, ["seed 1", "seed 3"])
        b.add("seed 4")
        b.add("seed 5")
        XCTAssertEqual(try XCTUnwrap(LineHistory(limit: 4, file: file)).entries, ["seed 2", "seed 3", "seed 4", "seed 5"])
    }

    func testMissingOrForeignFileStartsEmpty() throws {
        XCTAssertEqual(try XCTUnwrap(LineHistory(limit: 5, file: file)).entries, [])
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try "not a history file\n".write(toFile: file, atomically: true, encoding: .utf8)
        let history = try XCTUnwrap(LineHistory(limit: 5, file: file))
        XCTAssertEqual(history.entries, [])
        history.add("datasets")
        XCTAssertEqual(try XCTUnwrap(LineHistory(limit: 5, file: file)).entries, ["datasets"])
    }
}
