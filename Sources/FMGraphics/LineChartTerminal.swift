/// LineChart in the terminal.
///
/// With colour: a braille canvas (each character 2 × 4 dots) in the series' colours, the y axis
/// with tick labels on the left, epochs below, and a legend ("━━ name", dashed "╍╍ name").
/// Where lines cross, the series drawn last colours the character.
/// Without colour: plain ASCII, one cell per point, each series drawn with its own marker
/// (`*`, `o`, `+`, `x` …) named in the legend.
extension LineChart {
    static let asciiMarkers: [Character] = Array("*o+x#@%&=~")

    public func terminal(_ style: TerminalStyle) -> String {
        let style = style.clamped
        let ys = yAxis, xs = xAxis, n = epochCount
        let rows = style.colour ? 14 : 16
        let tickLabels = ys.ticks.map { ys.label($0) }
        let labelWidth = tickLabels.reduce(0) { max($0, $1.count) }
        let plotWidth = max(10, style.width - labelWidth - 2)
        let colour = style.colour
        // Canvas resolution: dots (braille) or cells (ASCII).
        let dotsX = colour ? 2 * plotWidth : plotWidth, dotsY = colour ? 4 * rows : rows
        func dot(_ e: Int, _ v: Double) -> (Int, Int) {
            let fx = n > 1 ? Double(e - 1) / Double(n - 1) : 0.5
            return (Int((fx * Double(dotsX - 1)).rounded()), Int(((1 - ys.fraction(v)) * Double(dotsY - 1)).rounded()))
        }

        var bits = [UInt8](repeating: 0, count: plotWidth * rows)
        var owner = [Int](repeating: -1, count: plotWidth * rows)
        var marks = [Character](repeating: " ", count: plotWidth * rows)
        for (i, line) in series.enumerated() {
            var previous: (Int, Int)? = nil
            var step = 0
            for (k, v) in line.values.enumerated() {
                guard v.isFinite else { previous = nil; continue }
                let p = dot(k + 1, v)
                for (x, y) in bresenham(from: previous ?? p, to: p) {
                    defer { step += 1 }
                    if line.dashed && colour && step % 6 >= 4 { continue }
                    guard x >= 0, y >= 0, x < dotsX, y < dotsY else { continue }
                    if colour {
                        let c = (y / 4) * plotWidth + x / 2
                        bits[c] |= brailleBit(x % 2, y % 4)
                        owner[c] = i
                    } else {
                        marks[y * plotWidth + x] = LineChart.asciiMarkers[i % LineChart.asciiMarkers.count]
                    }
                }
                previous = p
            }
        }

        var out = ""
        let heading = colour ? title : asciiOnly(title)
        out += (colour ? ANSI.bold + fit(heading, style.width, pad: false) + ANSI.reset : fit(heading, style.width, pad: false)) + "\n"
        out += fit(colour ? yLabel : asciiOnly(yLabel), style.width, pad: false) + "\n"
        var rowLabel = [Int: String]()
        for (t, text) in zip(ys.ticks, tickLabels) { rowLabel[dot(1, t).1 / (colour ? 4 : 1)] = text }
        for row in 0..<rows {
            var line = fit(rowLabel[row] ?? "", labelWidth, align: .end)
            line += rowLabel[row] == nil ? (colour ? " │" : " |") : (colour ? " ┤" : " +")
            var current = -1
            let lastUsed = (0..<plotWidth).last { colour ? bits[row * plotWidth + $0] != 0 : marks[row * plotWidth + $0] != " " } ?? -1
            for col in 0..<(lastUsed + 1) {
                let c = row * plotWidth + col
                if colour {
                    if bits[c] == 0 { line += " "; continue }
                    if owner[c] != current {
                        line += ANSI.foreground(self.colour(of: owner[c]), style); current = owner[c]
                    }
                    line.unicodeScalars.append(Unicode.Scalar(0x2800 + UInt32(bits[c])) ?? " ")
                } else {
                    line.append(marks[c])
                }
            }
            if current >= 0 { line += ANSI.reset }
            out += trimTrailing(line) + "\n"
        }

        // The x axis: a rule with tick marks, then the epoch numbers centred under them.
        let tickColumns = xs.ticks.map { dot(Int($0), ys.low).0 / (colour ? 2 : 1) }
        var rule = [Character](repeating: colour ? "─" : "-", count: plotWidth)
        for c in tickColumns where c < plotWidth { rule[c] = colour ? "┬" : "+" }
        out += String(repeating: " ", count: labelWidth + 1) + (colour ? "└" : "+") + String(rule) + "\n"
        // Slot 0 is under "└", slot c + 1 under plot column c.
        var numbers = [Character](repeating: " ", count: plotWidth + 1)
        var free = 0
        for (t, c) in zip(xs.ticks, tickColumns) {
            let text = Array(xs.label(t))
            let start = max(free, min(numbers.count - text.count, c + 1 - (text.count - 1) / 2))
            guard start + text.count <= numbers.count else { continue }
            for (k, ch) in text.enumerated() { numbers[start + k] = ch }
            free = start + text.count + 1
        }
        out += trimTrailing(String(repeating: " ", count: labelWidth + 1) + String(numbers)) + "\n"
        out += trimTrailing(String(repeating: " ", count: labelWidth + 2) + fit(colour ? xLabel : asciiOnly(xLabel), plotWidth, align: .middle)) + "\n"
        out += legend(style)
        return out
    }

    /// Legend entries joined by three spaces, wrapped to the width.
    private func legend(_ style: TerminalStyle) -> String {
        var lines: [String] = []
        var line = "", used = 0
        for (i, s) in series.enumerated() {
            let name = style.colour ? s.name : asciiOnly(s.name)
            let sample: String
            if style.colour {
                sample = ANSI.foreground(colour(of: i), style) + (s.dashed ? "╍╍" : "━━") + ANSI.reset
            } else {
                let m = LineChart.asciiMarkers[i % LineChart.asciiMarkers.count]
                sample = String([m, m])
            }
            let entryWidth = 3 + name.count
            if used > 0 && used + 3 + entryWidth > style.width { lines.append(line); line = ""; used = 0 }
            if used > 0 { line += "   "; used += 3 }
            line += sample + " " + fit(name, max(1, style.width - used - 3), pad: false)
            used += min(entryWidth, style.width - used)
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { $0 + "\n" }.joined()
    }
}

/// The bit of braille pattern U+2800 + bits for the dot in column `x` (0–1) and row `y` (0–3).
func brailleBit(_ x: Int, _ y: Int) -> UInt8 {
    let table: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
    return table[x & 1][y & 3]
}

/// Grid points on the segment from `a` to `b`, both ends included (Bresenham's algorithm).
func bresenham(from a: (Int, Int), to b: (Int, Int)) -> [(Int, Int)] {
    var (x, y) = a
    let dx = abs(b.0 - x), dy = -abs(b.1 - y)
    let sx = x < b.0 ? 1 : -1, sy = y < b.1 ? 1 : -1
    var error = dx + dy
    var out: [(Int, Int)] = []
    while true {
        out.append((x, y))
        if x == b.0 && y == b.1 { return out }
        let e2 = 2 * error
        if e2 >= dy { error += dy; x += sx }
        if e2 <= dx { error += dx; y += sy }
    }
}
