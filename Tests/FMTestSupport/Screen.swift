/// A small terminal emulator: enough of xterm to replay what libedit writes and read the screen.
///
/// Handles printable text (with wrap at the right margin), CR, LF, BS, TAB, BEL, and the CSI
/// sequences libedit uses: cursor moves (A B C D G H f), erase in line (K) and display (J).
/// Other escape sequences (modes, colours, keypad) are consumed and ignored.
public struct Screen {
    public let width: Int
    public let height: Int
    public private(set) var rows: [[Character]]
    public private(set) var row = 0
    public private(set) var column = 0
    private var pendingWrap = false
    private var parser = Parser.ground
    private var parameters = ""
    private var utf8: [UInt8] = []

    private enum Parser { case ground, escape, csi, osc }

    public init(width: Int = 80, height: Int = 24) {
        self.width = width
        self.height = height
        rows = Array(repeating: Array(repeating: " ", count: width), count: height)
    }

    /// The visible lines, trailing spaces removed, trailing empty lines dropped.
    public var lines: [String] {
        var result = rows.map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
        while result.last?.isEmpty == true { result.removeLast() }
        return result
    }

    public var text: String { lines.joined(separator: "\n") }

    /// The line the cursor is on.
    public var cursorLine: String { lines.indices.contains(row) ? lines[row] : "" }

    public mutating func feed(_ bytes: [UInt8]) {
        for byte in bytes { feed(byte) }
    }

    private mutating func feed(_ byte: UInt8) {
        switch parser {
        case .escape:
            switch byte {
            case UInt8(ascii: "["): parser = .csi; parameters = ""
            case UInt8(ascii: "]"): parser = .osc
            case UInt8(ascii: "M"): row = max(0, row - 1); parser = .ground
            default: parser = .ground
            }
            return
        case .csi:
            if (0x40...0x7E).contains(byte) {
                control(final: Character(UnicodeScalar(byte)))
                parser = .ground
            } else {
                parameters.append(Character(UnicodeScalar(byte)))
            }
            return
        case .osc:
            if byte == 0x07 { parser = .ground }
            return
        case .ground:
            break
        }
        switch byte {
        case 0x1B: parser = .escape
        case 0x0D: column = 0; pendingWrap = false
        case 0x0A: lineFeed(); pendingWrap = false
        case 0x08: column = max(0, column - 1); pendingWrap = false
        case 0x09: column = min(width - 1, (column / 8 + 1) * 8)
        case 0x07, 0x00: break
        case 0x01...0x1F: break
        default:
            utf8.append(byte)
            if let character = String(validating: utf8, as: UTF8.self)?.first {
                utf8.removeAll()
                put(character)
            } else if utf8.count >= 4 {
                utf8.removeAll()
            }
        }
    }

    private mutating func put(_ character: Character) {
        if pendingWrap {
            column = 0
            lineFeed()
            pendingWrap = false
        }
        rows[row][column] = character
        if column == width - 1 { pendingWrap = true } else { column += 1 }
    }

    private mutating func lineFeed() {
        if row == height - 1 {
            rows.removeFirst()
            rows.append(Array(repeating: " ", count: width))
        } else {
            row += 1
        }
    }

    private mutating func control(final: Character) {
        let numbers = parameters.trimmingCharacters(in: CharacterSet(charactersIn: "?>"))
            .split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let first = numbers.first.flatMap { $0 } ?? 0
        let count = max(1, first)
        pendingWrap = false
        switch final {
        case "A": row = max(0, row - count)
        case "B": row = min(height - 1, row + count)
        case "C": column = min(width - 1, column + count)
        case "D": column = max(0, column - count)
        case "G": column = min(width - 1, count - 1)
        case "H", "f":
            row = min(height - 1, count - 1)
            let second = numbers.count > 1 ? (numbers[1] ?? 1) : 1
            column = min(width - 1, max(1, second) - 1)
        case "K":
            let range: Range<Int> = first == 1 ? 0..<(column + 1) : first == 2 ? 0..<width : column..<width
            for c in range { rows[row][c] = " " }
        case "J":
            if first == 2 || first == 3 {
                rows = Array(repeating: Array(repeating: " ", count: width), count: height)
            } else {
                for c in column..<width { rows[row][c] = " " }
                for r in (row + 1)..<height { rows[r] = Array(repeating: " ", count: width) }
            }
        case "P":
            for _ in 0..<count { rows[row].remove(at: column); rows[row].append(" ") }
        case "@":
            for _ in 0..<count { rows[row].insert(" ", at: column); rows[row].removeLast() }
        default:
            break   // modes (h, l), colours (m), scroll regions (r)
        }
    }
}

import Foundation
