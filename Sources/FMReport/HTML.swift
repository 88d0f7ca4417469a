import Foundation
import FMGraphics

// Small HTML builders. Every text that reaches the page goes through `escape`; the markup
// is also well-formed XML (closed tags, no named entities but XML's), so tests can parse it.
enum HTML {
    /// Escapes &, <, >, " and ' and drops the control characters XML forbids.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value)
                    && !(0xFFFE...0xFFFF).contains(scalar.value) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A table; `header` and cells are plain text (escaped here). Columns in `numeric` are
    /// right-aligned.
    static func table(header: [String], rows: [[String]], numeric: Set<Int> = [], caption: String? = nil,
                      className: String? = nil) -> String {
        var s = "<table" + (className.map { " class=\"\(escape($0))\"" } ?? "") + ">"
        if let caption { s += "<caption>\(escape(caption))</caption>" }
        s += "<thead><tr>" + header.enumerated().map { i, h in "<th\(numeric.contains(i) ? " class=\"num\"" : "")>\(escape(h))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows {
            s += "<tr>" + row.enumerated().map { i, c in "<td\(numeric.contains(i) ? " class=\"num\"" : "")>\(escape(c))</td>" }.joined() + "</tr>"
        }
        return s + "</tbody></table>\n"
    }

    /// A picture as a PNG data: URL inside a figure that is never split across pages.
    static func figure(png: [UInt8], alt: String, caption: String? = nil) -> String {
        var s = "<figure><img src=\"data:image/png;base64,\(Data(png).base64EncodedString())\" alt=\"\(escape(alt))\"/>"
        if let caption { s += "<figcaption>\(escape(caption))</figcaption>" }
        return s + "</figure>\n"
    }

    /// An inline SVG (FMGraphics' document, its XML declaration dropped) inside a figure.
    static func figure(svg: String, caption: String? = nil) -> String {
        var body = svg
        if body.hasPrefix("<?xml"), let end = body.range(of: "?>") { body = String(body[end.upperBound...]) }
        var s = "<figure class=\"chart\">\(body)"
        if let caption { s += "<figcaption>\(escape(caption))</figcaption>" }
        return s + "</figure>\n"
    }

    static func paragraph(_ text: String, className: String? = nil) -> String {
        "<p" + (className.map { " class=\"\($0)\"" } ?? "") + ">\(escape(text))</p>\n"
    }
}

/// Number formats shared with the shell's tables.
enum Format {
    static func percent(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return String(format: "%.2f%%", x * 100)
    }

    static func thousands(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    static func decimal(_ x: Double, _ places: Int = 4) -> String {
        x.isFinite ? String(format: "%.\(places)f", x) : "—"
    }

    static func shape(_ s: [Int]) -> String { s.map(String.init).joined(separator: "×") }

    /// The class name for `label`: "unlabelled" below 0, the number past the known names.
    static func className(_ names: [String], _ label: Int) -> String {
        label < 0 ? "unlabelled" : label < names.count ? names[label] : String(label)
    }

    static func time(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return f.string(from: date)
    }
}
