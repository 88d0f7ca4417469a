/// Something that can be drawn in the terminal and written as SVG or PNG.
public protocol Picture {
    /// The picture as text for a terminal of `style.width` columns, lines joined by "\n", ending in "\n".
    func terminal(_ style: TerminalStyle) -> String
    /// A self-contained SVG document (with a viewBox).
    func svg() -> String
    /// The same content rasterised, as PNG bytes (white background, text in the bitmap font).
    func png() -> [UInt8]
}

extension Picture {
    /// Writes PNG or SVG by the file's extension (.png/.svg, case-insensitive; other →
    /// `GraphicsError.unsupportedFormat(path)`), complete or absent (see `writeFileAtomically`).
    public func write(to path: String) throws {
        switch PictureFormat(path: path) {
        case .png: try writeFileAtomically(png(), to: path)
        case .svg: try writeFileAtomically(Array(svg().utf8), to: path)
        case nil: throw GraphicsError.unsupportedFormat(path: path)
        }
    }
}

/// The picture file formats we write.
public enum PictureFormat: String, Sendable {
    case png, svg

    /// From the extension of `path`, case-insensitive; nil for anything else.
    public init?(path: String) {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        self.init(rawValue: name[name.index(after: dot)...].lowercased())
    }
}
