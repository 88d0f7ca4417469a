import Foundation
import XCTest
import FMLanguage
import FMGraphics
@testable import FMShell

/// An interpreter with captured output, in a fresh store folder.
final class Harness {
    let home: String
    var out = ""
    var err = ""
    private(set) var interpreter: Interpreter!

    init(json: Bool = false, session: String = "test", home: String? = nil,
         environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.home = home ?? Harness.temporaryFolder()
        self.environment = environment
        try reopen(json: json, session: session)
    }

    /// The environment the interpreter sees (FM_MEMORY, …).
    let environment: [String: String]

    /// A new interpreter on the same store, as a fresh process would have.
    func reopen(json: Bool = false, session: String = "test") throws {
        let output = Output(json: json, style: TerminalStyle(width: 100, colour: false), isTerminal: false,
                            write: { [unowned self] in self.out += $0 }, writeError: { [unowned self] in self.err += $0 })
        interpreter = try Interpreter(sessionName: session, output: output, environment: environment, storeDirectory: home)
    }

    @discardableResult
    func run(_ text: String, file: String = "test.fm") -> RunOutcome {
        interpreter.run(SourceFile(name: file, text: text))
    }

    func clear() { out = ""; err = "" }

    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "fm-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static var datasetAvailable: Bool {
        FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz")
    }

    /// The repository root (for examples/ and the built fm executable).
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
