import XCTest
import FMStore
@testable import FMShell

/// A full disk and a read-only FM_HOME, on small tmpfs mounts (root only; skipped elsewhere):
/// clear errors, and the store keeps what it held.
final class FaultTests: XCTestCase {
    var fm: String { Harness.root.appendingPathComponent(".build/debug/fm").path }

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: fm), "build fm first (swift build)")
        try XCTSkipUnless(Harness.datasetAvailable)
    }

    @discardableResult
    func sh(_ arguments: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// A tmpfs of `size` at a fresh folder, or a skip when this process may not mount.
    func mount(size: String) throws -> String {
        let folder = Harness.temporaryFolder()
        try XCTSkipUnless(sh(["mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", folder]) == 0, "cannot mount a tmpfs here")
        addTeardownBlock { [self] in sh(["umount", "-l", folder]) }
        return folder
    }

    func run(_ statements: String, home: String) throws -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: fm)
        p.arguments = ["-c", statements]
        p.environment = ProcessInfo.processInfo.environment.merging(["FM_HOME": home]) { $1 }
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    func testAFullDiskDuringTrainingSaysSoAndTheStoreKeepsWhatItHad() throws {
        let home = try mount(size: "1m") + "/home"
        let made = "model nn input=28x28; add flatten; add dense 256 relu; add dense 10 softmax"
        let r = try run("load fashion-mnist limit=1000; \(made); train nn epochs=2", home: home)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("the session store \(home)/fm.sqlite failed: database or disk is full"), r.stderr)
        XCTAssertFalse(r.stderr.contains("Fatal error"), r.stderr)
        // What the statements before `train` stored is all there, and the store is whole.
        let store = try Store.open(directory: home)
        XCTAssertEqual(try store.integrityCheck(), "ok")
        let session = try store.openSession("default")
        XCTAssertEqual(try session.transcript(), ["load fashion-mnist limit=1000", "model nn input=28x28", "add flatten",
                                                  "add dense 256 relu", "add dense 10 softmax"])
        XCTAssertEqual(try session.models().map(\.name), ["nn"])
    }

    func testAReadOnlyHomeIsRefusedWithAClearError() throws {
        let folder = try mount(size: "8m")
        let home = folder + "/home"
        XCTAssertEqual(try run("model nn input=28x28", home: home).status, 0)
        XCTAssertEqual(sh(["mount", "-o", "remount,ro", folder]), 0)
        let r = try run("models", home: home)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "fm: error: cannot open the session store \(home)/fm.sqlite: attempt to write a readonly database\n")
        XCTAssertEqual(sh(["mount", "-o", "remount,rw", folder]), 0)
        XCTAssertEqual(try Store.open(directory: home).openSession("default").transcript(), ["model nn input=28x28"])
    }
}
