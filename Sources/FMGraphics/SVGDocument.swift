/// A small builder for self-contained SVG: elements are appended as text, coordinates in user
/// units equal to pixels of the PNG version, so both share one layout.
struct SVGDocument {
    let width: Int
    let height: Int
    private(set) var body: [String] = []

    static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: Colour?,
                       stroke: Colour? = nil, strokeWidth: Double = 1) {
        var s = "<rect x=\"\(num(x))\" y=\"\(num(y))\" width=\"\(num(width))\" height=\"\(num(height))\" fill=\"\(fill?.svg ?? "none")\""
        if let stroke { s += " stroke=\"\(stroke.svg)\" stroke-width=\"\(num(strokeWidth))\"" }
        body.append(s + "/>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: Colour, width: Double = 1, dashed: Bool = false) {
        var s = "<line x1=\"\(num(x1))\" y1=\"\(num(y1))\" x2=\"\(num(x2))\" y2=\"\(num(y2))\" stroke=\"\(stroke.svg)\" stroke-width=\"\(num(width))\""
        if dashed { s += " stroke-dasharray=\"\(num(3 * width)) \(num(2 * width))\"" }
        body.append(s + "/>")
    }

    /// A polyline; non-finite points split it into several.
    mutating func polyline(_ points: [(Double, Double)], stroke: Colour, width: Double = 2, dashed: Bool = false, title: String? = nil) {
        var runs: [[(Double, Double)]] = [[]]
        for p in points {
            if p.0.isFinite && p.1.isFinite { runs[runs.count - 1].append(p) } else if !(runs.last?.isEmpty ?? true) { runs.append([]) }
        }
        for run in runs where !run.isEmpty {
            let coordinates = run.map { "\(num($0.0)),\(num($0.1))" }.joined(separator: " ")
            var s = "<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(stroke.svg)\" stroke-width=\"\(num(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
            if dashed { s += " stroke-dasharray=\"\(num(4 * width)) \(num(3 * width))\"" }
            if run.count == 1 {
                // A single point shows as a dot.
                body.append("<circle cx=\"\(num(run[0].0))\" cy=\"\(num(run[0].1))\" r=\"\(num(width * 1.5))\" fill=\"\(stroke.svg)\"/>")
                continue
            }
            body.append(s + (title.map { "><title>\(escapeXML($0))</title></polyline>" } ?? "/>"))
        }
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: Colour) {
        body.append("<circle cx=\"\(num(cx))\" cy=\"\(num(cy))\" r=\"\(num(r))\" fill=\"\(fill.svg)\"/>")
    }

    /// Text whose baseline is at y; `anchor` start/middle/end; `rotate` −90 reads bottom to top.
    mutating func text(_ text: String, x: Double, y: Double, size: Double, fill: Colour = .ink,
                       anchor: Raster.TextAnchor = .start, bold: Bool = false, rotate: Bool = false) {
        let anchorName = anchor == .start ? "start" : anchor == .middle ? "middle" : "end"
        var s = "<text x=\"\(num(x))\" y=\"\(num(y))\" font-size=\"\(num(size))\" fill=\"\(fill.svg)\" text-anchor=\"\(anchorName)\""
        if bold { s += " font-weight=\"bold\"" }
        if rotate { s += " transform=\"rotate(-90 \(num(x)) \(num(y)))\"" }
        body.append(s + ">\(escapeXML(text))</text>")
    }

    /// A PNG embedded as a data URI, scaled with crisp pixels.
    mutating func image(png: [UInt8], x: Double, y: Double, width: Double, height: Double, title: String? = nil) {
        var s = "<image x=\"\(num(x))\" y=\"\(num(y))\" width=\"\(num(width))\" height=\"\(num(height))\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,\(base64(png))\""
        s += title.map { "><title>\(escapeXML($0))</title></image>" } ?? "/>"
        body.append(s)
    }

    mutating func raw(_ element: String) { body.append(element) }

    /// The document: XML declaration, `<svg>` with width, height and viewBox, a white background, the body.
    func render(title: String?) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"\(SVGDocument.fontFamily)\">\n"
        if let title { out += "<title>\(escapeXML(title))</title>\n" }
        out += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
        for element in body { out += element + "\n" }
        return out + "</svg>\n"
    }
}

/// Coordinates with at most two decimals, without trailing zeros ("12", "12.5", "-0.25").
func num(_ v: Double) -> String {
    guard v.isFinite, abs(v) < 1e12 else { return "0" }
    let scaled = (v * 100).rounded()
    let whole = Int(scaled) / 100, fraction = abs(Int(scaled) % 100)
    let sign = scaled < 0 && whole == 0 ? "-" : ""
    if fraction == 0 { return "\(sign)\(whole)" }
    return fraction % 10 == 0 ? "\(sign)\(whole).\(fraction / 10)" : "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
}

/// Escapes the five XML special characters and drops control characters XML 1.0 forbids.
func escapeXML(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
        default:
            if scalar.value >= 0x20 && !(0xFFFE...0xFFFF).contains(scalar.value) { out.unicodeScalars.append(scalar) }
        }
    }
    return out
}

/// Standard base64 (RFC 4648) with padding.
func base64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out = [UInt8]()
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i + 2 < bytes.count {
        let v = Int(bytes[i]) << 16 | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2])
        out += [alphabet[v >> 18], alphabet[(v >> 12) & 63], alphabet[(v >> 6) & 63], alphabet[v & 63]]
        i += 3
    }
    let rest = bytes.count - i
    if rest == 1 {
        let v = Int(bytes[i]) << 16
        out += [alphabet[v >> 18], alphabet[(v >> 12) & 63], 61, 61]
    } else if rest == 2 {
        let v = Int(bytes[i]) << 16 | Int(bytes[i + 1]) << 8
        out += [alphabet[v >> 18], alphabet[(v >> 12) & 63], alphabet[(v >> 6) & 63], 61]
    }
    return String(decoding: out, as: UTF8.self)
}
