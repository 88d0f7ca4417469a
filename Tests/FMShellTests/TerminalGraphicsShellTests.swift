import Foundation
import XCTest
import FMGraphics
import FMLanguage
@testable import FMShell

/// The escapes the shell writes for each way of drawing (`Output.graphics`, FM_GRAPHICS), through
/// the interpreter and through the `fm` executable's launcher.
final class TerminalGraphicsShellTests: XCTestCase {
    var fm: String { Harness.root.appendingPathComponent(".build/debug/fm").path }
    let boot = Harness.root.appendingPathComponent("Tests/FMDataTests/Fixtures/photos/Ankle_boot/boot-exif6.jpg").path

    /// What an interpreter drawing with `graphics` writes for `statements`.
    private func shell(_ graphics: TerminalGraphics?, _ statements: String, colour: Bool = false) throws -> String {
        var out = "", err = ""
        let output = Output(json: false, style: TerminalStyle(width: 100, colour: colour), isTerminal: true, graphics: graphics,
                            write: { out += $0 }, writeError: { err += $0 })
        let interpreter = try Interpreter(sessionName: "test", output: output, environment: ProcessInfo.processInfo.environment,
                                          storeDirectory: Harness.temporaryFolder())
        XCTAssertEqual(interpreter.run(SourceFile(name: "test.fm", text: statements)), .success, err)
        return out
    }

    func testEachProtocolWritesItsEscapes() throws {
        let statements = "load image \"\(boot)\" as mine; show mine; show image \"\(boot)\""
        let kitty = try shell(.kitty, statements)
        XCTAssertEqual(kitty.components(separatedBy: "\u{1B}_Ga=T,f=100,q=2").count - 1, 2, "one kitty image per show")
        XCTAssertTrue(kitty.contains("\u{1B}\\\n"), "each escape ends with ST and a newline")
        let iterm = try shell(.iterm, statements)
        XCTAssertEqual(iterm.components(separatedBy: "\u{1B}]1337;File=inline=1;size=").count - 1, 2)
        XCTAssertTrue(iterm.contains("\u{07}\n"))
        let sixel = try shell(.sixel, statements)
        XCTAssertEqual(sixel.components(separatedBy: "\u{1B}Pq").count - 1, 2)
        XCTAssertTrue(sixel.contains("\u{1B}\\\n"))
        for text in [kitty, iterm, sixel] {
            XCTAssertFalse(text.contains("▀"), "no half blocks beside real pixels")
            XCTAssertTrue(text.contains("mine: 1 image 28x28"), "text results are unchanged")
        }
    }

    /// Every statement that draws sends exactly one picture, as sixel, and no half blocks.
    func testEveryDrawingStatementSendsRealPixels() throws {
        let photos = Harness.root.appendingPathComponent("examples/photos").path
        var out = "", err = ""
        let output = Output(json: false, style: TerminalStyle(width: 100, colour: true), isTerminal: true, graphics: .sixel,
                            write: { out += $0 }, writeError: { err += $0 })
        let interpreter = try Interpreter(sessionName: "test", output: output, environment: ProcessInfo.processInfo.environment,
                                          storeDirectory: Harness.temporaryFolder())
        let setup = """
        seed 1
        load images "\(photos)" as ours
        model nn input=28x28
        add flatten
        add dense 10 softmax
        train nn on=ours epochs=2
        model cnn input=28x28x1
        add conv2d 2 3x3 same relu
        add globalavgpool
        add dense 10 softmax
        """
        XCTAssertEqual(interpreter.run(SourceFile(name: "setup.fm", text: setup)), .success, err)
        let drawing = ["show ours[0..3]", "show image \"\(photos)/Bag/bag.jpg\"", "show filters cnn", "show activations cnn ours[0]",
                       "plot nn", "shiftmap nn on ours range=-1..1 step=1 limit=7", "predict nn ours[0..1]",
                       "mistakes nn on ours", "saliency nn ours[0]"]
        for statement in drawing {
            out = ""
            XCTAssertEqual(interpreter.run(SourceFile(name: "draw.fm", text: statement)), .success, "\(statement): \(err)")
            XCTAssertEqual(out.components(separatedBy: "\u{1B}Pq").count - 1, 1, "\(statement) sends one sixel picture")
            XCTAssertFalse(out.contains("▀"), "\(statement): no half blocks")
        }
    }

    func testBlocksAndNoneDrawText() throws {
        let statements = "show image \"\(boot)\""
        let blocks = try shell(.blocks, statements)
        XCTAssertTrue(blocks.contains("▀") && blocks.contains("\u{1B}[38;5;"), "forced blocks draw in colour")
        let none = try shell(TerminalGraphics.none, statements, colour: true)
        XCTAssertFalse(none.contains("\u{1B}"), "none is plain text even with a colour style")
        XCTAssertTrue(none.contains("boot-exif6.jpg") && none.contains("before") && none.contains("after"), none)
        // No graphics given: as before this setting existed, the style decides.
        XCTAssertEqual(try shell(nil, statements), none)
        XCTAssertEqual(try shell(nil, statements, colour: true), blocks)
    }

    func testShowImageToAFile() throws {
        let file = Harness.temporaryFolder() + "/boot.png"
        let text = try shell(.sixel, "show image \"\(boot)\" to \"\(file)\"")
        XCTAssertEqual(text, "wrote \(file)\n")
        let picture = try PNG.decode(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        XCTAssertGreaterThan(picture.width, 112 + 28)
    }

    /// `show image` takes a file only when a quoted one follows: a dataset may be called `image`.
    func testShowImageNeedsAQuotedFile() throws {
        let text = try shell(TerminalGraphics.none, "load image \"\(boot)\" as image; show image; show image[0]")
        XCTAssertEqual(text.components(separatedBy: "unlabelled").count - 1, 2, text)
        XCTAssertFalse(text.contains("before"))
        var err = ""
        let output = Output(json: false, style: TerminalStyle(width: 100, colour: false), isTerminal: false, write: { _ in }, writeError: { err += $0 })
        let interpreter = try Interpreter(sessionName: "test", output: output, environment: ProcessInfo.processInfo.environment,
                                          storeDirectory: Harness.temporaryFolder())
        XCTAssertEqual(interpreter.run(SourceFile(name: "t.fm", text: "show image \"nope.jpg\"")), .failed)
        XCTAssertTrue(err.hasPrefix("t.fm:1:12: error: nope.jpg: no such file"), err)
    }

    func testLauncherChoosesFromTheEnvironment() {
        let term = ["TERM": "xterm-256color"]
        XCTAssertEqual(Launcher.graphics(environment: term.merging(["FM_GRAPHICS": "Kitty"]) { $1 }, isTerminal: false, json: false), .kitty)
        XCTAssertEqual(Launcher.graphics(environment: term, isTerminal: false, json: false), .none)
        XCTAssertEqual(Launcher.graphics(environment: ["TERM": "dumb"], isTerminal: true, json: false), .none)
        XCTAssertEqual(Launcher.graphics(environment: term.merging(["NO_COLOR": "1"]) { $1 }, isTerminal: true, json: false), .none)
        XCTAssertEqual(Launcher.graphics(environment: ["TERM": "xterm-kitty"], isTerminal: true, json: false), .kitty)
        XCTAssertEqual(Launcher.graphics(environment: ["TERM": "foot"], isTerminal: true, json: false), .sixel)
        // JSON draws nothing, so it never asks the terminal: an unclear xterm stays blocks.
        XCTAssertEqual(Launcher.graphics(environment: term, isTerminal: true, json: true), .blocks)
    }

    /// The executable with stdout a pipe: plain text, unless FM_GRAPHICS forces a protocol.
    private func runFM(_ environment: [String: String], _ statements: String, json: Bool = false) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: fm)
        p.arguments = (json ? ["--json"] : []) + ["-c", statements]
        var e = ProcessInfo.processInfo.environment
        e["FM_GRAPHICS"] = nil
        p.environment = e.merging(environment.merging(["FM_HOME": Harness.temporaryFolder(), "TERM": "xterm-256color"]) { a, _ in a }) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), r = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: r, as: UTF8.self))
    }

    func testTheExecutableDrawsPlainTextIntoAPipeAndWhatFMGraphicsForces() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: fm), "build fm first (swift build)")
        let statement = "show image \"\(boot)\""
        let plain = try runFM([:], statement)
        XCTAssertEqual(plain.status, 0, plain.err)
        XCTAssertFalse(plain.out.contains("\u{1B}"), plain.out)
        XCTAssertTrue(plain.out.contains("before"), plain.out)
        let expected: [String: String] = ["kitty": "\u{1B}_Ga=T,f=100,q=2", "iterm": "\u{1B}]1337;File=inline=1;", "sixel": "\u{1B}Pq",
                                          "blocks": "▀", "none": "before"]
        for (name, escape) in expected {
            let forced = try runFM(["FM_GRAPHICS": name], statement)
            XCTAssertEqual(forced.status, 0, forced.err)
            XCTAssertTrue(forced.out.contains(escape), "FM_GRAPHICS=\(name): \(forced.out.prefix(200))")
        }
        let file = Harness.temporaryFolder() + "/b.png"
        let written = try runFM(["FM_GRAPHICS": "sixel"], statement + " to \"\(file)\"")
        XCTAssertEqual(written.out, "wrote \(file)\n", "a file gets the picture, the terminal only the line")
        let json = try runFM(["FM_GRAPHICS": "sixel"], statement, json: true)
        XCTAssertEqual(json.out, "", "--json draws nothing")
    }

    /// At a real (pseudo-)terminal the launcher detects the protocol from TERM.
    func testTheExecutableAtATerminalDetectsKitty() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: fm), "build fm first (swift build)")
        var environment = ProcessInfo.processInfo.environment
        environment["FM_GRAPHICS"] = nil
        environment["NO_COLOR"] = nil
        environment["TERM"] = "xterm-kitty"
        environment["FM_HOME"] = Harness.temporaryFolder()
        let terminal = try TerminalProcess(executable: fm, arguments: ["-c", "show image \"\(boot)\""], environment: environment)
        defer { terminal.terminate() }
        XCTAssertEqual(terminal.waitForExit(timeout: 30), 0)
        XCTAssertTrue(terminal.output(since: 0).contains("\u{1B}_Ga=T,f=100,q=2"))

        environment["TERM"] = "dumb"
        let dumb = try TerminalProcess(executable: fm, arguments: ["-c", "show image \"\(boot)\""], environment: environment)
        defer { dumb.terminate() }
        XCTAssertEqual(dumb.waitForExit(timeout: 30), 0)
        XCTAssertFalse(dumb.output(since: 0).contains("\u{1B}"), "TERM=dumb: plain text as before")
    }
}
