import XCTest
@testable import FMShell

/// The fm executable as users run it.
final class CommandLineTests: XCTestCase {
    var fm: String { Harness.root.appendingPathComponent(".build/debug/fm").path }

    func run(_ arguments: [String], stdin: String? = nil, home: String = Harness.temporaryFolder()) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: fm)
        p.arguments = arguments
        p.environment = ProcessInfo.processInfo.environment.merging(["FM_HOME": home]) { $1 }
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: fm), "build fm first (swift build)")
    }

    func testDatasetsAsTextAndJSON() throws {
        try XCTSkipUnless(Harness.datasetAvailable)
        let text = try run(["-c", "load fashion-mnist; datasets"])
        XCTAssertEqual(text.status, 0, text.err)
        XCTAssertTrue(text.out.contains("train    60000  28x28  /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"), text.out)
        XCTAssertTrue(text.out.contains("test     10000  28x28  /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"), text.out)
        let json = try run(["--json", "-c", "load fashion-mnist; datasets"])
        XCTAssertTrue(json.out.contains(#"{"statement":"datasets","dataset":"train","count":60000,"shape":[28,28],"source":"/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"#), json.out)
    }

    func testScriptErrorOnLine3() throws {
        let dir = Harness.temporaryFolder()
        let path = dir + "/bad.fm"
        try "#!/usr/bin/env fm\nmodel a input=28x28\ntrian a epochs=1\nmodel b input=28x28\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try run([path, "--json"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.hasPrefix("\(path):3:1: error: unknown statement `trian`; did you mean `train`?\ntrian a epochs=1\n^~~~~"), r.err)
        XCTAssertTrue(r.out.contains(#""line":3,"column":1"#), r.out)
    }

    func testStatementsFromStandardInputAndVersion() throws {
        let r = try run([], stdin: "model a input=28x28\nadd flatten\nsummary\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("Total params: 0"), r.out)
        let v = try run(["--version"])
        XCTAssertEqual(v.out.trimmingCharacters(in: .whitespacesAndNewlines), Launcher.version)
    }

    func testDamagedStoreIsRefusedAndKept() throws {
        let home = Harness.temporaryFolder()
        let junk = Data("this is not a database, and it must stay exactly as it is\n".utf8)
        try junk.write(to: URL(fileURLWithPath: home + "/fm.sqlite"))
        let r = try run(["-c", "models"], home: home)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("fm.sqlite"), r.err)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: home + "/fm.sqlite")), junk)
    }
}
