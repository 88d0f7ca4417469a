import XCTest
@testable import FMGraphics

final class TerminalGraphicsTests: XCTestCase {
    func testDetectFromTheEnvironment() {
        let cases: [([String: String], Bool, TerminalGraphics)] = [
            (["TERM": "xterm-kitty"], true, .kitty),
            (["TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"], true, .kitty),
            (["TERM": "xterm-ghostty"], true, .kitty),
            (["TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"], true, .iterm),
            (["TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"], true, .iterm),
            (["TERM": "xterm-256color", "LC_TERMINAL": "iTerm2"], true, .iterm),
            (["TERM": "foot"], true, .sixel),
            (["TERM": "foot-extra"], true, .sixel),
            (["TERM": "mlterm"], true, .sixel),
            (["TERM": "xterm-256color"], true, .blocks),
            (["TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"], true, .blocks),
            (["TERM": "screen-256color", "TERM_PROGRAM": "iTerm.app"], true, .blocks),
            (["TERM": "xterm-kitty"], false, .none),
            (["TERM": "dumb", "TERM_PROGRAM": "iTerm.app"], true, .none),
            (["TERM": "xterm-kitty", "NO_COLOR": ""], true, .none),
            ([:], true, .none),
            (["TERM": "xterm-kitty", "FM_GRAPHICS": "blocks"], true, .blocks),
            (["TERM": "dumb", "FM_GRAPHICS": "Sixel"], false, .sixel),
            (["TERM": "xterm", "FM_GRAPHICS": "none"], true, .none),
            (["TERM": "foot", "FM_GRAPHICS": "pixels"], true, .sixel),   // an unknown value is ignored
        ]
        for (environment, isTerminal, expected) in cases {
            XCTAssertEqual(TerminalGraphics.detect(environment: environment, isTerminal: isTerminal), expected, "\(environment) \(isTerminal)")
            // Without an unclear environment, asking is never tried and changes nothing.
            if !TerminalGraphics.isUnclear(environment: environment, isTerminal: isTerminal) {
                XCTAssertEqual(TerminalGraphics.detect(environment: environment, isTerminal: isTerminal, query: true), expected)
            }
        }
        XCTAssertTrue(TerminalGraphics.isUnclear(environment: ["TERM": "xterm-256color"], isTerminal: true))
        XCTAssertFalse(TerminalGraphics.isUnclear(environment: ["TERM": "xterm", "FM_GRAPHICS": "blocks"], isTerminal: true))
        XCTAssertFalse(TerminalGraphics.isUnclear(environment: ["TERM": "xterm", "TMUX": "x"], isTerminal: true))
        XCTAssertFalse(TerminalGraphics.isUnclear(environment: ["TERM": "xterm"], isTerminal: false))
    }

    func testDeviceAttributesReplies() {
        func parse(_ s: String) -> [Int]? { TerminalQuery.parseAttributes(Array(s.utf8)) }
        XCTAssertEqual(parse("\u{1B}[?63;1;2;4;6;9;15;22c"), [63, 1, 2, 4, 6, 9, 15, 22])   // xterm -ti vt340
        XCTAssertEqual(parse("\u{1B}[?1;2c"), [1, 2])                                        // VT100
        XCTAssertNil(parse("\u{1B}[?1;xc"))
        XCTAssertNil(parse("garbage c"))
    }

    func testKittyEscapeSmallAndChunked() {
        XCTAssertEqual(TerminalImage.kitty(png: [1, 2, 3]), "\u{1B}_Ga=T,f=100,q=2;AQID\u{1B}\\")
        // 6147 bytes are 8196 base64 characters: chunks of 4096, 4096 and 4.
        let bytes = [UInt8](repeating: 0, count: 6147)
        let a = String(repeating: "A", count: 4096)
        XCTAssertEqual(TerminalImage.kitty(png: bytes),
                       "\u{1B}_Ga=T,f=100,q=2,m=1;\(a)\u{1B}\\\u{1B}_Gm=1;\(a)\u{1B}\\\u{1B}_Gm=0;AAAA\u{1B}\\")
    }

    func testITermEscape() {
        XCTAssertEqual(TerminalImage.iterm(png: [1, 2, 3]), "\u{1B}]1337;File=inline=1;size=3:AQID\u{07}")
    }

    func testSixelOfSmallPictures() {
        var square = Raster(width: 2, height: 2)
        square.fillRect(x: 0, y: 0, width: 1, height: 1, colour: .black)
        // Black in row 0 of column 0 ("@" = 63+1); white in row 1 of column 0 ("A" = 63+2) and rows 0-1 of column 1 ("B").
        XCTAssertEqual(Sixel.encode(square), "\u{1B}Pq\"1;1;2;2#0;2;0;0;0#1;2;100;100;100#0@$#1AB\u{1B}\\")
        // Seven rows: a full band ("~" = 63+63), then a band of one row.
        XCTAssertEqual(Sixel.encode(Raster(width: 1, height: 7, fill: .black)), "\u{1B}Pq\"1;1;1;7#0;2;0;0;0#0~-#0@\u{1B}\\")
        // Runs of four or more are counted; transparent is white.
        XCTAssertEqual(Sixel.encode(Raster(width: 5, height: 1, fill: Colour(r: 9, g: 9, b: 9, a: 0))),
                       "\u{1B}Pq\"1;1;5;1#0;2;100;100;100#0!5@\u{1B}\\")
    }

    func testSixelPalettes() {
        // Five greys into four registers: levels 0, 85, 170, 255 (0, 33, 67, 100 %); 128 and 200
        // are both nearest 170.
        var greys = Raster(width: 5, height: 1)
        for (x, v) in [0, 60, 128, 200, 255].enumerated() { greys.fillRect(x: x, y: 0, width: 1, height: 1, colour: Colour(r: UInt8(v), g: UInt8(v), b: UInt8(v))) }
        XCTAssertEqual(Sixel.encode(greys, registers: 4),
                       "\u{1B}Pq\"1;1;5;1#0;2;0;0;0#1;2;33;33;33#2;2;67;67;67#3;2;100;100;100#0@$#1?@$#2??@@$#3!4?@\u{1B}\\")
        // Nine colours into eight registers: the 2×2×2 cube; red (200, 30, 30) is register 4 (1, 0, 0).
        var colours = Raster(width: 9, height: 1)
        for x in 0..<9 { colours.fillRect(x: x, y: 0, width: 1, height: 1, colour: Colour(r: UInt8(200 + x), g: 30, b: 30)) }
        let cube = Sixel.encode(colours, registers: 8)
        XCTAssertTrue(cube.hasPrefix("\u{1B}Pq\"1;1;9;1#0;2;0;0;0#1;2;0;0;100#2;2;0;100;0#3;2;0;100;100#4;2;100;0;0#"), cube)
        XCTAssertTrue(cube.hasSuffix("#4!9@\u{1B}\\"), cube)
    }

    func testEscapeForPicturesByProtocol() throws {
        let grid = ImageGrid(images: [GrayImage(width: 2, height: 2, pixels: [0, 1, 1, 0])], captions: [""])
        XCTAssertNil(TerminalGraphics.blocks.escape(for: grid))
        XCTAssertNil(TerminalGraphics.none.escape(for: grid))
        XCTAssertEqual(TerminalGraphics.sixel.escape(for: grid), Sixel.encode(grid.raster()) + "\n")
        XCTAssertEqual(TerminalGraphics.kitty.escape(for: grid), TerminalImage.kitty(png: grid.png()) + "\n")
        XCTAssertEqual(TerminalGraphics.iterm.escape(for: grid), TerminalImage.iterm(png: grid.png()) + "\n")
    }
}
